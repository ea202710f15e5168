import LandbankLifecycle
import Testing

private func d(_ s: String) -> CivilDate { CivilDate(s)! }

@Suite("Corrections rewrite the history at the corrected event's place")
struct CorrectionsTests {
    // idle (registered) → under_recovery → recovered
    let history: [Corrections.Entry] = [
        .init(id: 1, date: d("2023-01-01"), kind: .registered, status: .idle),
        .init(id: 2, date: d("2023-05-01"), kind: .status, status: .underRecovery, disposalMethod: .landRecovery),
        .init(id: 3, date: d("2023-09-01"), kind: .status, status: .recovered, disposalMethod: .landRecovery),
        .init(id: 4, date: d("2023-10-01"), kind: .contract),
    ]

    @Test("correcting an early event leaves the current status to the later events")
    func placeInTime() {
        let fix = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .inefficient, corrects: 1)
        #expect(Corrections.refusal(of: fix, in: history) == nil)
        #expect(Corrections.currentStatus(history + [fix]) == .recovered)
        #expect(Corrections.effective(history + [fix]).map(\.status) == [.inefficient, .underRecovery, .recovered, nil])
    }

    @Test("the corrected sequence must obey the transitions record obeys: under_recovery cannot become idle then recovered")
    func transitionsApply() {
        // Correcting the last event to idle: under_recovery → idle is allowed...
        let ok = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .idle, corrects: 3)
        #expect(Corrections.refusal(of: ok, in: history) == nil)
        #expect(Corrections.currentStatus(history + [ok]) == .idle)
        // ...but correcting the first one to approved_not_supplied makes approved → under_recovery, which is not.
        let bad = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .approvedNotSupplied, corrects: 1)
        let why = Corrections.refusal(of: bad, in: history)
        #expect(why?.contains("event #2") == true && why?.contains("approved_not_supplied cannot become under_recovery") == true)
    }

    @Test("a contract event takes a note-only correction; a correction is not itself corrected")
    func whatCanBeCorrected() {
        let status = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .idle, corrects: 4)
        #expect(Corrections.refusal(of: status, in: history)?.contains("contract event") == true)
        let note = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, corrects: 4)
        #expect(Corrections.refusal(of: note, in: history) == nil)
        let first = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .inefficient, corrects: 1)
        let second = Corrections.Entry(id: 6, date: d("2024-01-02"), kind: .correction, status: .idle, corrects: 5)
        #expect(Corrections.refusal(of: second, in: history + [first])?.contains("correct #1 again") == true)
        #expect(Corrections.refusal(of: Corrections.Entry(id: 6, date: d("2022-01-01"), kind: .correction, corrects: 1),
                                    in: history)?.contains("cannot precede") == true)
    }

    @Test("the latest correction of an event wins, and keeps what it does not restate")
    func latestWins() {
        let a = Corrections.Entry(id: 5, date: d("2024-01-01"), kind: .correction, status: .inefficient, corrects: 1)
        let b = Corrections.Entry(id: 6, date: d("2024-02-01"), kind: .correction, disposalMethod: .acquisition, corrects: 3)
        let c = Corrections.Entry(id: 7, date: d("2024-03-01"), kind: .correction, status: .idle, corrects: 1)
        let e = Corrections.effective(history + [a, b, c])
        #expect(e[0].status == .idle && e[2].status == .recovered && e[2].disposalMethod == .acquisition)
        #expect(Corrections.currentDisposalMethod(history + [b]) == .acquisition)
    }
}
