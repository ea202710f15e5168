import Foundation
import Testing

/// The walls of the house, checked on the sources themselves.
@Suite("The store seam and the size of files")
struct HouseTests {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources").path

    func swiftFiles(under dir: String) -> [String] {
        let all = FileManager.default.enumerator(atPath: dir)?.compactMap { $0 as? String } ?? []
        return all.filter { $0.hasSuffix(".swift") }.sorted()
    }

    @Test("no GRDB import and no SQL statement outside the GeoPackage store's folder")
    func seam() throws {
        let registry = sources + "/LandbankRegistry"
        let files = swiftFiles(under: registry).filter { !$0.hasPrefix("GeoPackage/") && !$0.hasPrefix("Postgres/") }
        #expect(files.count > 20)
        var offenders: [String] = []
        for f in files {
            let text = try String(contentsOfFile: registry + "/" + f, encoding: .utf8)
            if text.contains("import GRDB") || text.contains("sql:") || text.contains("Database)") { offenders.append(f) }
        }
        #expect(offenders.isEmpty, "\(offenders)")
    }

    @Test("libpq and PostgreSQL statements only in the PostGIS store's folder, and no GRDB there")
    func postgresSeam() throws {
        var offenders: [String] = []
        for f in swiftFiles(under: sources) {
            let text = try String(contentsOfFile: sources + "/" + f, encoding: .utf8)
            let inside = f.hasPrefix("LandbankRegistry/Postgres/")
            // libpq, the connection, the statements it runs (`c.query("…")`) and PostGIS's own functions
            // (the GeoPackage's SQL has ST_MinX and kin too, but not these).
            let postgres = ["import CLibPQ", "PGConnection", "PGPool", ".query(\"", "COPY ", "ST_AsBinary", "ST_MakeEnvelope",
                            "ST_GeomFrom", "pg_advisory"].contains { text.contains($0) }
            if !inside && postgres { offenders.append(f) }
            if inside && ["import GRDB", "DatabasePool", "DatabaseQueue", "Row.fetch", "StatementArguments"].contains(where: text.contains) {
                offenders.append(f)
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
        #expect(swiftFiles(under: sources + "/LandbankRegistry/Postgres").count > 5)
    }

    @Test("no source file over 400 lines")
    func fileSizes() throws {
        var long: [String] = []
        for f in swiftFiles(under: sources) {
            let lines = try String(contentsOfFile: sources + "/" + f, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > 400 { long.append("\(f): \(lines)") }
        }
        #expect(long.isEmpty, "\(long)")
    }
}
