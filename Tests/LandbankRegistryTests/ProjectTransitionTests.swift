import Testing
@testable import LandbankRegistry

@Suite("Project stages and their transitions")
struct ProjectTransitionTests {
    @Test("forward along the pipeline is allowed, skipping steps included")
    func forward() {
        #expect(ProjectTransitions.refusal(from: .lead, to: .following) == nil)
        #expect(ProjectTransitions.refusal(from: .lead, to: .signed) == nil)
        #expect(ProjectTransitions.refusal(from: .signed, to: .producing) == nil)
        #expect(ProjectTransitions.refusal(from: nil, to: .building) == nil)
    }

    @Test("backwards, standing still and leaving an end are refused, with a word about corrections")
    func backwards() throws {
        let back = try #require(ProjectTransitions.refusal(from: .building, to: .negotiating))
        #expect(back.contains("correction"))
        #expect(ProjectTransitions.refusal(from: .signed, to: .signed) == "it is already signed")
        #expect(ProjectTransitions.refusal(from: .terminated, to: .lead) != nil)
        #expect(ProjectTransitions.refusal(from: .metAgreement, to: .producing) != nil)
    }

    @Test("the ends come from the stages seed 000 counts them from")
    func ends() {
        #expect(ProjectTransitions.refusal(from: .producing, to: .metAgreement) == nil)
        #expect(ProjectTransitions.refusal(from: .building, to: .metAgreement) != nil)
        #expect(ProjectTransitions.refusal(from: .signed, to: .neverLanded) == nil)
        #expect(ProjectTransitions.refusal(from: .producing, to: .neverLanded) != nil)
        #expect(ProjectTransitions.refusal(from: .building, to: .inBreach) == nil)
        #expect(ProjectTransitions.refusal(from: .lead, to: .inBreach) != nil)
        #expect(ProjectTransitions.refusal(from: .negotiating, to: .terminated) == nil)
        #expect(ProjectTransitions.next(after: .producing).map(\.rawValue).sorted() == ["in_breach", "met_agreement", "terminated"])
    }

    @Test("a stage is read from its name or its Chinese name; amounts are written as the seeds write them")
    func names() {
        #expect(ProjectStage(text: "签约") == .signed)
        #expect(ProjectStage(text: "Met_Agreement") == .metAgreement)
        #expect(ProjectStage(text: "landed") == nil)
        #expect(ChineseAmount.text(Money(fen: 6_510_000_000_00)) == "65.1亿元")      // seed 001
        #expect(ChineseAmount.text(Money(fen: 38_360_000_000_00)) == "383.6亿元")    // seed 003
        #expect(ChineseAmount.text(Money(fen: 60_000_000_00)) == "6000万元")         // seed 001
        #expect(ChineseAmount.text(Money(fen: 5_000_000_000_00)) == "50亿元")
        #expect(ChineseAmount.text(Money(fen: 1_000_000_000_01)) == "10.0000000001亿元")
        #expect(ChineseAmount.text(Money(fen: 12_345)) == "123.45元")
    }
}
