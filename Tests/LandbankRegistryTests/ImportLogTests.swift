import Foundation
import Testing
@testable import LandbankRegistry

/// Fixtures/bad/every-problem.geojson (scripts/gen-bad-parcels.py): 15 features, one for each problem.
@Suite("The import log: every problem of a file in one pass")
struct ImportLogTests {
    /// A registry holding P-100, which every-problem.geojson repeats.
    func registry() throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(fixture("bad/every-problem-registry.geojson"), ImportOptions(recordedBy: "clerk"))
        return r
    }

    func refused(_ r: Registry, _ options: ImportOptions = ImportOptions(recordedBy: "clerk")) throws -> ImportError {
        do {
            _ = try r.importFile(fixture("bad/every-problem.geojson"), options)
        } catch let e as ImportError {
            return e
        }
        Issue.record("every-problem.geojson was imported")
        throw CancellationError()
    }

    func issues(_ r: Registry, _ id: Int64) throws -> [ImportIssue] {
        var all: [ImportIssue] = []
        try r.forEachImportIssue(importID: id) { _, i in all.append(i) }
        return all
    }

    @Test("all or nothing still: nothing written, the first problem thrown, every problem logged after the rollback")
    func everyProblem() throws {
        let r = try registry()
        let e = try refused(r, ImportOptions(recordedBy: "clerk", fileSHA256: String(repeating: "ab", count: 32)))
        #expect(try r.parcelCount == 1, "only the parcel imported before")
        guard case .missingGeometry = e.reason else { Issue.record("\(e)"); return }
        #expect(e.position == "feature 2" && e.featureID == "P-002")
        let record = try #require(e.record)
        #expect(record.outcome == .refused && record.features == 15 && record.rejected == 12 && record.flagged == 1)
        #expect(record.recordedBy == "clerk" && record.file == "every-problem.geojson" && record.fileSHA256?.count == 64)
        #expect(e.description.contains("13 problems, 12 features rejected (import #2"), "\(e.description)")

        let found = try issues(r, record.id).map { "\($0.position.map(String.init) ?? "-") \($0.featureID ?? "-") \($0.field ?? "-") \($0.rule.rawValue) \($0.action.rawValue)" }
        #expect(found == [
            "2 P-002 - no_geometry rejected",
            "3 P-003 - empty_geometry rejected",
            "4 P-004 - invalid_polygon rejected",
            "5 P-005 - invalid_polygon rejected",
            "6 P-001 - duplicate_id rejected",
            "7 - id missing_id rejected",
            "8 P-008 - outside_area_of_use rejected",
            "9 P-009 status_date bad_date rejected",
            "10 P-010 declared_area_mu bad_number flagged",
            "11 P-011 status bad_attribute rejected",
            "13 P-100 - id_in_registry rejected",
            "14 P-014 - geometry_type rejected",
            "15 P-015 - bad_geometry rejected",
        ], "in file order, one line per problem")
        let byPosition = Dictionary(try issues(r, record.id).map { ($0.position ?? 0, $0) }, uniquingKeysWith: { a, _ in a })
        #expect(byPosition.count == 13)
        #expect(byPosition[4]?.message.hasPrefix("invalid geometry: Self-intersection") == true)
        #expect(byPosition[4]?.location?.contains("in EPSG:4547") == true, "GEOS's location: \(byPosition[4]?.location ?? "none")")
        #expect(byPosition[5]?.message.contains("Ring Self-intersection") == true, "\(byPosition[5]?.message ?? "")")
        #expect(byPosition[6]?.message.contains("also at feature 1") == true)
        #expect(byPosition[9]?.value == "2024-13-45" && byPosition[10]?.value == "about 12" && byPosition[11]?.value == "abandoned")
        #expect(byPosition[13]?.message.contains("already in the registry") == true)
    }

    @Test("the log keeps every import, successful or not, newest first, with counts by rule")
    func log() throws {
        let r = try registry()
        _ = try refused(r)
        let all = try r.imports()
        #expect(all.map(\.id) == [2, 1] && all.map(\.outcome) == [.refused, .imported])
        #expect(all[1].added == 1 && all[1].issueCount == 0 && all[1].mode == "all-or-nothing")
        let counts = Dictionary(all[0].byRule.map { ("\($0.rule.rawValue)/\($0.action.rawValue)", $0.count) }, uniquingKeysWith: +)
        #expect(counts["invalid_polygon/rejected"] == 2 && counts["no_geometry/rejected"] == 1 && counts["bad_number/flagged"] == 1)
        #expect(throws: RegistryError.self) { try r.importRecord(99) }
    }

    @Test("a file that cannot be read to its end is logged as failed, with where it broke")
    func failed() throws {
        let r = try newRegistry()
        do {
            _ = try r.importFile(fixture("bad/unreadable.geojson"))
            Issue.record("imported")
        } catch let e as ImportError {
            let record = try #require(e.record)
            #expect(record.outcome == .failed && record.added == 0)
            let logged = try issues(r, record.id)
            #expect(logged.count == 1 && logged[0].position == 3 && logged[0].rule == .unreadable && logged[0].location == "line 6, column 164")
        }
        #expect(try r.parcelCount == 0)
    }

    @Test("the issues spill to a temporary file past the memory limit and come back in order")
    func spool() throws {
        let spool = IssueSpool()
        let n = IssueSpool.memoryLimit * 2 + 17
        for i in 0..<n { spool.add(ImportIssue(position: i + 1, featureID: "P-\(i)", rule: .noGeometry, action: .rejected, message: "feature has no geometry")) }
        var back: [Int] = []
        try spool.forEach { back.append($0.position ?? -1) }
        #expect(back == Array(1...n) && spool.count == n && spool.byRule.first?.count == n)
    }

    @Test("CSV quotes what needs quoting")
    func csv() {
        let i = ImportIssue(position: 3, featureID: "A,1", field: "name", rule: .badAttribute, value: "say \"hi\"", action: .rejected, message: "m")
        #expect(i.csvLine(importID: 7) == "7,3,\"A,1\",name,bad_attribute,\"say \"\"hi\"\"\",rejected,m,")
    }
}
