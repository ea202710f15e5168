import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Conditional writes: the version is checked inside the write")
struct ConditionalWriteTests {
    @Test("a write with the version read before another registry's write is refused with the current version")
    func staleVersionRefused() throws {
        let a = try newRegistry()
        try blankParcel(a)
        let b = try Registry.open(at: a.path)
        let s = Subject(.parcel, "T-1")
        let seen = try #require(try a.version(of: s))
        let theirs = try b.record(NewEvent(subject: s, date: date("2025-01-02"), status: .idle, recordedBy: "b"), expectedVersion: seen)
        #expect(try a.version(of: s) == theirs.id)
        let stale = NewEvent(subject: s, date: date("2025-01-03"), status: .inefficient, recordedBy: "a")
        #expect(throws: VersionConflict(subject: "parcel T-1", expected: seen, current: theirs.id)) {
            try a.record(stale, expectedVersion: seen)
        }
        #expect(try a.history(of: s).count == 1)
        // With the version it has now seen, the same write goes through.
        #expect(try a.record(stale, expectedVersion: theirs.id).status == .inefficient)
        #expect(try a.version(of: Subject(.parcel, "NOPE")) == nil)
    }

    @Test("two registries on one file racing from the same version: exactly one write of each round lands")
    func racingWriters() throws {
        let first = try newRegistry()
        try blankParcel(first)
        let s = Subject(.parcel, "T-1")
        try first.record(NewEvent(subject: s, date: date("2025-01-01"), status: .idle, recordedBy: "setup"))
        let writers = [first, try Registry.open(at: first.path)]
        // Any two of these may follow each other, so without the check inside the write both would land.
        let cycle: [ParcelStatus] = [.idle, .inefficient, .underRecovery]
        let rounds = 20
        let outcome = Gathered()
        for round in 0..<rounds {
            let version = try #require(try first.version(of: s))
            let now = try #require(try first.parcel(id: "T-1")?.parcel.status)
            let targets = cycle.filter { $0 != now }
            DispatchQueue.concurrentPerform(iterations: 2) { w in
                do {
                    try writers[w].record(NewEvent(subject: s, date: date("2025-02-01"), status: targets[w], recordedBy: "writer \(w)",
                                                   note: "round \(round)"), expectedVersion: version)
                    outcome.read()
                } catch let e as VersionConflict where e.expected == version && e.current > version {
                    // The other writer's event is the current version.
                } catch {
                    outcome.fail("round \(round) writer \(w): \(error)")
                }
            }
        }
        #expect(outcome.snapshot.problems == [])
        #expect(outcome.snapshot.reads == rounds)
        #expect(try first.history(of: s).count == 1 + rounds)
    }

    @Test("a project's stage change and site assignment carry its version")
    func projectVersions() throws {
        let a = try newRegistry()
        let b = try Registry.open(at: a.path)
        try a.addProject(sampleProject("P-1"), stage: .negotiating, on: day("2024-01-01"), by: "a")
        let seen = try #require(try a.projectVersion(id: "P-1"))
        let decided = try b.recordStage(NewProjectEvent(projectID: "P-1", date: day("2024-02-01"), stage: .decided, recordedBy: "b"),
                                        expectedVersion: seen)
        #expect(throws: VersionConflict(subject: "project P-1", expected: seen, current: decided.id)) {
            try a.recordStage(NewProjectEvent(projectID: "P-1", date: day("2024-03-01"), stage: .signed, recordedBy: "a"), expectedVersion: seen)
        }
        #expect(throws: VersionConflict.self) {
            try a.assignSites(project: "P-1", parcels: ["X"], buildings: [], on: day("2024-03-01"), by: "a", expectedVersion: seen)
        }
        #expect(try a.projectHistory(id: "P-1").count == 2)
        #expect(try a.projectVersion(id: "NOPE") == nil)
    }
}
