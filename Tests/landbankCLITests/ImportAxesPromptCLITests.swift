import Foundation
import Testing

/// util-linux `script` runs a command on a pseudo-terminal, so that the import sees a terminal and asks.
private let scriptTool = "/usr/bin/script"

@Suite("import asks about swapped axes on a terminal, and refuses without one")
struct ImportAxesPromptCLITests {
    /// One parcel of EPSG:4547 written northing first.
    func swapped() throws -> (reg: String, file: String) {
        let dir = try scratchDirectory()
        let reg = dir + "/r.gpkg", file = dir + "/swapped.geojson"
        #expect(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
        try """
        {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:4547"}},"features":[
        {"type":"Feature","id":"A","properties":{},"geometry":{"type":"Polygon","coordinates":[[[3085000,576100],[3085000,576150],[3085050,576150],[3085050,576100],[3085000,576100]]]}}]}
        """.write(toFile: file, atomically: true, encoding: .utf8)
        return (reg, file)
    }

    /// Runs landbank on a pseudo-terminal with `answer` typed in; everything it wrote, and its exit status.
    func onTerminal(_ args: [String], answer: String) throws -> (status: Int32, text: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: scriptTool)
        p.arguments = ["-qec", ([landbank] + args).joined(separator: " "), "/dev/null"]
        let input = Pipe(), out = Pipe()
        p.standardInput = input
        p.standardOutput = out
        p.standardError = out
        try p.run()
        input.fileHandleForWriting.write(Data(answer.utf8))
        try input.fileHandleForWriting.close()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test("no terminal: refused as before, naming --fix-axes, and nothing asked")
    func noTerminal() throws {
        let (reg, file) = try swapped()
        let r = try lb("import", reg, file)
        #expect(r.status == 65 && r.stderr.contains("re-run with --fix-axes") && !r.stderr.contains("repair them?"), "\(r.stderr)")
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "0")
    }

    @Test("on a terminal: asked; yes repairs and says so, no (or nothing) refuses",
          .enabled(if: FileManager.default.isExecutableFile(atPath: scriptTool)))
    func terminal() throws {
        let (reg, file) = try swapped()
        let no = try onTerminal(["import", reg, file], answer: "\n")
        #expect(no.status == 65 && no.text.contains("coordinates look swapped (northing/easting) in swapped.geojson: repair them? [y/N]"), "\(no.text)")
        #expect(no.text.contains("re-run with --fix-axes"))
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "0")
        let yes = try onTerminal(["import", reg, file], answer: "y\n")
        #expect(yes.status == 0 && yes.text.contains("x and y swapped in every feature (confirmed at the prompt)"), "\(yes.text)")
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "1")
    }

    @Test("--fix-axes on a terminal repairs without asking")
    func flagged() throws {
        let (reg, file) = try swapped()
        let r = try onTerminal(["import", reg, file, "--fix-axes"], answer: "")
        #expect(r.status == 0 && !r.text.contains("repair them?") && r.text.contains("(--fix-axes)"), "\(r.text)")
    }
}
