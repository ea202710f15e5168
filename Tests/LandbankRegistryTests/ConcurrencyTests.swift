import Foundation
import Testing
@testable import LandbankRegistry

/// Errors and counts gathered from many threads.
final class Gathered: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var problems: [String] = []
    private var reads = 0

    func fail(_ s: String) { lock.lock(); problems.append(s); lock.unlock() }
    func read() { lock.lock(); reads += 1; lock.unlock() }
    var snapshot: (problems: [String], reads: Int) { lock.lock(); defer { lock.unlock() }; return (problems, reads) }
}

@Suite("Many readers and one writer on one registry")
struct ConcurrencyTests {
    @Test("8 reader threads check every answer while a writer records contracts one transaction at a time")
    func readersAndWriter() throws {
        let r = try ledger()
        let parcel = "XYGX-2023-001"
        let baseContracts = try r.contracts(parcelID: parcel).count
        let parcels = try r.parcelCount
        let stats = try r.stats().rounded()
        let near = ParcelQuery(near: NearPoint(lon: 114.93, lat: 27.82, withinKm: 30), limit: 10)
        let nearest = try r.findParcels(near).hits.map(\.parcel.parcelID)
        #expect(!nearest.isEmpty)
        let writes = 25
        let gathered = Gathered()
        let done = Gathered()
        DispatchQueue.concurrentPerform(iterations: 9) { worker in
            if worker == 0 {
                for i in 0..<writes {
                    do {
                        try r.setContract(parcelID: parcel, SupplyContract(
                            contractNumber: "CONC-\(i)", holder: "holder \(i)", landPrice: Money(fen: Int64(100 * (i + 1))),
                            agreedStart: date("2031-01-01")), recordedBy: "clerk")
                    } catch { gathered.fail("write \(i): \(error)") }
                }
                done.read()
                return
            }
            var lastSeen = baseContracts
            var rounds = 0
            // Read until the writer is done, and at least a few rounds.
            while done.snapshot.reads == 0 || rounds < 3 {
                rounds += 1
                do {
                    let n = try r.contracts(parcelID: parcel).count
                    if n < lastSeen || n > baseContracts + writes { gathered.fail("reader \(worker): \(n) contracts after \(lastSeen)") }
                    lastSeen = n
                    if try r.parcelCount != parcels { gathered.fail("reader \(worker): parcel count changed") }
                    if try r.stats().rounded().total.cadastralAreaMu != stats.total.cadastralAreaMu {
                        gathered.fail("reader \(worker): total area changed")
                    }
                    if try r.findParcels(near).hits.map(\.parcel.parcelID) != nearest {
                        gathered.fail("reader \(worker): nearest parcels differ")
                    }
                    let history = try r.history(of: Subject(.parcel, parcel))
                    if history.map(\.id) != history.map(\.id).sorted() && history.count > 1 {
                        // Date order, then id: the contract events all carry the same date, so ids ascend among them.
                        let contractIDs = history.filter { $0.kind == .contract }.map(\.id)
                        if contractIDs != contractIDs.sorted() { gathered.fail("reader \(worker): history out of order") }
                    }
                    gathered.read()
                } catch { gathered.fail("reader \(worker): \(error)") }
            }
        }
        let (problems, reads) = gathered.snapshot
        #expect(problems.isEmpty, "\(problems.prefix(5))")
        #expect(reads >= 8 * 3)
        #expect(try r.contracts(parcelID: parcel).count == baseContracts + writes)
        #expect(try r.verify().ok)
    }
}
