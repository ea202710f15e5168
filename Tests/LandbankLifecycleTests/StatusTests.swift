import LandbankLifecycle
import Testing

@Test("statuses and disposal methods read their snake_case names and their Chinese terms")
func statusNames() {
    #expect(ParcelStatus(text: "under_recovery") == .underRecovery)
    #expect(ParcelStatus(text: "闲置") == .idle)
    #expect(ParcelStatus(text: "abandoned") == nil)
    #expect(DisposalMethod(text: "增资扩股") == .capitalIncrease)
}
