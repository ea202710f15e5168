import LandbankLifecycle
import Testing

@Test("statuses and disposal methods read their snake_case names and their Chinese terms")
func statusNames() {
    #expect(ParcelStatus(text: "under_recovery") == .underRecovery)
    #expect(ParcelStatus(text: "闲置") == .idle)
    #expect(ParcelStatus(text: "abandoned") == nil)
    #expect(DisposalMethod(text: "增资扩股") == .capitalIncrease)
}

@Test("the lifecycle allows recovery of idle land and refuses skipping from approved to recovered")
func transitions() {
    #expect(Transitions.refusal(from: .idle, to: .underRecovery) == nil)
    #expect(Transitions.refusal(from: .underRecovery, to: .recovered) == nil)
    #expect(Transitions.refusal(from: .recovered, to: .assigned) == nil)
    #expect(Transitions.refusal(from: nil, to: .idle) == nil)
    let r = Transitions.refusal(from: .approvedNotSupplied, to: .recovered)
    #expect(r?.contains("allowed next: assigned") == true)
    #expect(Transitions.refusal(from: .idle, to: .idle) == "it is already idle")
}
