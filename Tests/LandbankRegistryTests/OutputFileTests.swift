import Foundation
import Testing
@testable import LandbankRegistry

@Suite("Where an export may write")
struct OutputFileTests {
    /// A registry holding the 12 lon/lat sample parcels, and its folder.
    func loaded() throws -> (Registry, String) {
        let r = try newRegistry()
        _ = try r.importFile(fixture("lonlat-sample.geojson"))
        return (r, (r.path as NSString).deletingLastPathComponent)
    }

    func refusal(_ r: Registry, to path: String, options: ExportOptions = ExportOptions()) -> RegistryError? {
        do {
            try r.export(to: path, options: options)
            return nil
        } catch let e as RegistryError {
            return e
        } catch {
            return RegistryError(path: path, "unexpected \(error)")
        }
    }

    func parcels(_ path: String) throws -> String {
        try run("/usr/bin/sqlite3", [path, "SELECT count(*) FROM parcels"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("the registry itself is refused, by any spelling, hard link or symbolic link, and stays whole")
    func registryItself() throws {
        let (r, dir) = try loaded()
        let spellings = [r.path, dir + "/./registry.gpkg", dir + "/../" + (dir as NSString).lastPathComponent + "/registry.gpkg"]
        try FileManager.default.linkItem(atPath: r.path, toPath: dir + "/hard.gpkg")
        try FileManager.default.createSymbolicLink(atPath: dir + "/soft.geojson", withDestinationPath: r.path)
        for path in spellings + [dir + "/hard.gpkg", dir + "/soft.geojson"] {
            let e = refusal(r, to: path)
            #expect(e?.kind == .output && e?.message.contains("registry itself") == true, "\(path): \(String(describing: e))")
        }
        #expect(try parcels(r.path) == "12")
        #expect(try r.parcelCount == 12)
    }

    @Test("another SQLite file (a GeoPackage) and the registry's journal are refused")
    func sqliteFiles() throws {
        let (r, dir) = try loaded()
        let other = try newRegistry().path
        let e = refusal(r, to: other)
        #expect(e?.kind == .output && e?.message.contains("SQLite database") == true, "\(String(describing: e))")
        #expect(try parcels(other) == "0")
        _ = FileManager.default.createFile(atPath: r.path + "-journal", contents: Data("x".utf8))
        #expect(refusal(r, to: r.path + "-journal")?.message.contains("journal") == true)
        _ = dir
    }

    @Test("devices, directories and FIFOs are refused and stay what they were")
    func notRegularFiles() throws {
        let (r, dir) = try loaded()
        let device = refusal(r, to: "/dev/null")
        #expect(device?.message.contains("--out -") == true, "\(String(describing: device))")
        #expect(refusal(r, to: "/dev/stdout") != nil)
        var info = stat()
        #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
        #expect(refusal(r, to: dir)?.message.contains("directory") == true)
        let fifo = dir + "/fifo"
        #expect(mkfifo(fifo, 0o644) == 0)
        #expect(refusal(r, to: fifo)?.message.contains("FIFO") == true)
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test("a symbolic link to a regular file: the file it points to is replaced and the link stays")
    func symbolicLink() throws {
        let (r, dir) = try loaded()
        let real = dir + "/real.geojson"
        _ = FileManager.default.createFile(atPath: real, contents: Data("old".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/latest.geojson", withDestinationPath: real)
        #expect(try r.export(to: dir + "/latest.geojson") == 12)
        let attrs = try FileManager.default.attributesOfItem(atPath: dir + "/latest.geojson")
        #expect(attrs[.type] as? FileAttributeType == .typeSymbolicLink)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("{"))
        // A link to nothing is refused rather than guessed at.
        try FileManager.default.createSymbolicLink(atPath: dir + "/dangling.geojson", withDestinationPath: dir + "/nowhere/x")
        #expect(refusal(r, to: dir + "/dangling.geojson")?.message.contains("symbolic link") == true)
    }

    @Test("an existing GeoJSON file is replaced whole, and no temporary file is left beside it")
    func replaceRegular() throws {
        let (r, dir) = try loaded()
        let out = dir + "/out.geojson"
        _ = FileManager.default.createFile(atPath: out, contents: Data("old".utf8))
        #expect(try r.export(to: out) == 12)
        #expect(try String(contentsOfFile: out, encoding: .utf8).hasPrefix("{"))
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(names.filter { $0.contains("partial") }.isEmpty, "\(names)")
    }

    @Test("what a killed export left (a dead process's .partial, an old-style .partial) goes at the next export")
    func stalePartials() throws {
        let (r, dir) = try loaded()
        let out = dir + "/out.geojson"
        // pid 2^22 + 1 is above Linux's pid_max default and cannot be alive.
        for name in [out + ".partial", OutputFile.partialName(out, pid: 4_194_305)] {
            _ = FileManager.default.createFile(atPath: name, contents: Data(repeating: 0x20, count: 1000))
        }
        // A live process's partial is not ours to remove.
        let live = OutputFile.partialName(out, pid: 1)
        _ = FileManager.default.createFile(atPath: live, contents: Data())
        try r.export(to: out)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir))
        #expect(names.filter { $0.hasSuffix(".partial") } == [(live as NSString).lastPathComponent])
    }

    @Test("an export that fails half way leaves the previous file and no partial")
    func failedExport() throws {
        let (r, dir) = try loaded()
        let out = dir + "/out.geojson"
        _ = FileManager.default.createFile(atPath: out, contents: Data("previous".utf8))
        #expect(throws: (any Error).self) { try r.export(to: out, options: ExportOptions(crs: "EPSG:99999999")) }
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("partial") }.isEmpty)
    }

    @Test("decimals beyond 17 throw (they used to stop the process in a precondition); 17 works")
    func decimals() throws {
        let (r, dir) = try loaded()
        for d in [18, 40, -1] {
            let e = refusal(r, to: dir + "/d.geojson", options: ExportOptions(decimals: d))
            #expect(e?.kind == .invalidArgument && e?.message.contains("0 to 17") == true)
        }
        #expect(!FileManager.default.fileExists(atPath: dir + "/d.geojson"))
        #expect(try r.export(to: dir + "/d.geojson", options: ExportOptions(decimals: 17)) == 12)
    }
}
