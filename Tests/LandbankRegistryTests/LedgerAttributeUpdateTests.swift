import Foundation
import Testing
@testable import LandbankRegistry

/// A ledger re-delivered with the same shapes but other land uses, holders and zones.
@Suite("Re-delivered ledgers: attribute-only changes")
struct LedgerAttributeUpdateTests {
    struct Entry {
        var id: String
        var zone = "马洪片区"
        var landUse = "工业用地"
        var holder = "新余钢铁"
        var i: Int
    }

    static func file(_ entries: [Entry], name: String = "ledger.geojson") throws -> String {
        let lines = entries.map { e in
            """
            {"type":"Feature","id":"\(e.id)","properties":{"zone":"\(e.zone)","land_use":"\(e.landUse)","status":"idle","holder":"\(e.holder)","area_declared":12},"geometry":{"type":"Polygon","coordinates":\(LedgerUpdateTests.square(e.i))}}
            """
        }
        let path = try scratchDirectory() + "/" + name
        try ("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"EPSG:4547\"}},\"features\":[\n"
             + lines.joined(separator: ",\n") + "]}\n").write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    static let first = [Entry(id: "A", i: 1), Entry(id: "B", i: 2)]
    /// A's land use and holder changed, its shape and status not; B as it was.
    static let second = [Entry(id: "A", landUse: "商服用地", holder: "新余市城投", i: 1), Entry(id: "B", i: 2)]

    func delivered() throws -> Registry {
        let r = try newRegistry()
        _ = try r.importFile(try Self.file(Self.first), ImportOptions(recordedBy: "clerk", statusDate: CivilDate("2024-01-01")!))
        return r
    }

    @Test("an attribute-only change names each field and each property, old → new, in the import log")
    func logged() throws {
        let r = try delivered()
        let s = try r.importFile(try Self.file(Self.second), ImportOptions(recordedBy: "clerk", update: true))
        #expect(s.log.updated == 1 && s.log.unchanged == 1)
        #expect(try r.parcel(id: "A")?.parcel.landUse == "商服用地")
        var logged: [ImportIssue] = []
        try r.forEachImportIssue(importID: s.log.id) { _, i in logged.append(i) }
        #expect(logged.map { "\($0.featureID ?? "") \($0.field ?? "")" } == ["A land_use,properties.holder"])
        #expect(logged.first?.value == "land_use \"工业用地\" → \"商服用地\"; properties.holder \"新余钢铁\" → \"新余市城投\"")
    }

    @Test("each changed field becomes an `attributes` event naming field, old → new and the file; a second run adds none")
    func history() throws {
        let r = try delivered()
        let second = try Self.file(Self.second, name: "ledger-2025.geojson")
        let name = "ledger-2025.geojson"
        let date = CivilDate("2025-07-01")!
        _ = try r.importFile(second, ImportOptions(recordedBy: "clerk", statusDate: date, update: true))
        let a = try r.history(of: Subject(.parcel, "A"))
        #expect(a.map(\.kind.rawValue) == ["registered", "attributes", "attributes"])
        #expect(a.dropFirst().map { $0.note ?? "" } == [
            "land_use \"工业用地\" → \"商服用地\" (ledger re-delivered in \(name))",
            "properties.holder \"新余钢铁\" → \"新余市城投\" (ledger re-delivered in \(name))",
        ])
        #expect(a.last?.date == date && a.last?.recordedBy == "clerk" && a.last?.status == nil)
        #expect(try r.parcel(id: "A")?.parcel.status == .idle, "an attribute event changes no status")
        #expect(try r.history(of: Subject(.parcel, "B")).count == 1)
        let again = try r.importFile(second, ImportOptions(recordedBy: "clerk", statusDate: date, update: true))
        #expect(again.log.updated == 0 && again.log.unchanged == 2)
        #expect(try r.history(of: Subject(.parcel, "A")).count == 3)
        #expect(try r.verify().ok, "the attribute events are in the hash chain")
    }

    @Test("--dry-run prints the same difference and writes nothing")
    func dryRun() throws {
        let r = try delivered()
        let seen = LedgerUpdateTests.Changes()
        var options = ImportOptions(update: true, dryRun: true)
        options.onChange = { seen.add($0) }
        _ = try r.importFile(try Self.file(Self.second), options)
        #expect(seen.all.map { "\($0.kind.rawValue) \($0.parcelID) \($0.fields.joined(separator: ",")): \($0.detail)" } == [
            "changed A land_use,properties.holder: land_use \"工业用地\" → \"商服用地\"; properties.holder \"新余钢铁\" → \"新余市城投\"",
        ])
        #expect(try r.parcel(id: "A")?.parcel.landUse == "工业用地")
        #expect(try r.history(of: Subject(.parcel, "A")).count == 1)
    }

    @Test("properties compared by value: another key order, or a figure given as text, is no change")
    func sameProperties() {
        #expect(FieldChange.properties(#"{"a":1,"b":"x"}"#, #"{"b":"x","a":1}"#).isEmpty)
        #expect(FieldChange.properties(#"{"a":12}"#, #"{"a":"12"}"#).isEmpty)
        #expect(FieldChange.properties(#"{"a":1}"#, #"{"b":1}"#).map(\.detail) == ["properties.a \"1\" → none", "properties.b none → \"1\""])
    }
}
