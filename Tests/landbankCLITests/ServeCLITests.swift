import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A `landbank serve` process on a free loopback port (--port 0; the port is read from its first line).
final class Server {
    let process = Process()
    let port: Int

    init(_ registry: String, _ extra: [String] = []) throws {
        process.executableURL = URL(fileURLWithPath: landbank)
        process.arguments = ["serve", registry, "--port", "0"] + extra
        // A crash ends the process at once (Swift's backtracer, waiting on its own helper, once held a crashed
        // server, and the test waiting for it, for good).
        process.environment = ProcessInfo.processInfo.environment.merging(["SWIFT_BACKTRACE": "enable=no"]) { _, new in new }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // "landbank: serving REG on http://127.0.0.1:PORT/"; the line arrives once the socket is bound.
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let d = out.fileHandleForReading.availableData
            if d.isEmpty { break }
            line.append(d)
        }
        let text = String(decoding: line, as: UTF8.self)
        guard let r = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[r].split(separator: ":").last ?? "") else {
            process.terminate()
            throw ServeTestError(description: "landbank serve said: \(text)")
        }
        self.port = port
    }

    func get(_ path: String, token: String? = nil) throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: (Int, String) = (0, "")
        URLSession.shared.dataTask(with: request) { data, response, _ in
            result = ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data ?? Data(), as: UTF8.self))
            done.signal()
        }.resume()
        done.wait()
        return result
    }

    /// SIGTERM (Hummingbird's service group shuts the server down gracefully), then up to 40 s for it to end,
    /// then SIGKILL. Whether it ended by itself, and how.
    @discardableResult
    func stop() -> (ended: Bool, reason: Process.TerminationReason, status: Int32) {
        if process.isRunning { process.terminate() }
        let deadline = Date().addingTimeInterval(40)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        let ended = !process.isRunning
        if !ended { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return (ended, process.terminationReason, process.terminationStatus)
    }

    deinit { stop() }
}

struct ServeTestError: Error, CustomStringConvertible { var description: String }

/// The tour's registry in a fresh folder.
func tourRegistry() throws -> String {
    let reg = try scratchDirectory() + "/xinyu.gpkg"
    try #require(try lb("init", reg, "--crs", "EPSG:4547").status == 0)
    try #require(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson"), "--by", "demo").status == 0)
    try #require(try lb("building", "import", reg, fixture("xinyu-hitech-buildings.geojson"), "--by", "demo").status == 0)
    try #require(try lb("policy", "import", reg, fixture("policies-xinyu.json"), "--by", "demo").status == 0)
    return reg
}

let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }

@Suite("landbank serve and landbank token")
struct ServeCLITests {
    @Test("token add prints the token once, list shows names and roles only, revoke ends it; the file keeps no token")
    func tokens() throws {
        let reg = try tourRegistry()
        let added = try lb("token", "add", reg, "--role", "clerk", "--name", "张三")
        #expect(added.status == 0)
        let token = added.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(token.hasPrefix("lbk_") && !token.contains("\n"))
        #expect(added.stderr.contains("shown only this once"))
        let list = try lb("token", "list", reg)
        #expect(list.stdout.contains("张三") && list.stdout.contains("clerk") && !list.stdout.contains(token))
        let file = try Data(contentsOf: URL(fileURLWithPath: reg))
        #expect(file.range(of: Data(token.utf8)) == nil)
        #expect(try lb("token", "add", reg, "--role", "boss", "--name", "x").status == 64)
        #expect(try lb("token", "add", reg, "--role", "clerk", "--name", "张三").status == 67)
        #expect(try lb("token", "revoke", reg, "张三").status == 0)
        #expect(try lb("token", "revoke", reg, "张三").status == 66)
    }

    @Test("serve answers on a free loopback port, with the token's role; a bad config stops it with one line")
    func serve() throws {
        let reg = try tourRegistry()
        let token = try lb("token", "add", reg, "--role", "leader", "--name", "李四").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try Server(reg)
        let stats = try server.get("/api/stats", token: token)
        #expect(stats.status == 200 && stats.body.contains("\"parcels\":144"))
        #expect(try server.get("/api/stats").status == 401)
        #expect(try server.get("/").body.contains("leaflet"))
        #expect(try server.get("/leaflet/leaflet.js").status == 200)
        let config = try scratchDirectory() + "/config.json"
        try Data(#"{"publish": "yes"}"#.utf8).write(to: URL(fileURLWithPath: config))
        let bad = try lb("serve", reg, "--port", "0", "--config", config)
        #expect(bad.status != 0 && bad.stderr.contains("config.json: publish"))
    }

    @Test("a server stopped at once after its start (its threads still making their matchers) exits cleanly, every time")
    func stopRightAfterStart() throws {
        let reg = try tourRegistry()
        for i in 0..<4 {
            let server = try Server(reg)
            if i % 2 == 1 { usleep(100_000) }
            let end = server.stop()
            #expect(end.ended && end.reason == .exit && end.status == 0, "start \(i): \(end)")
        }
    }

    @Test("the web page in headless Chromium draws the parcels and a match's candidates (screenshots in out/screenshots)",
          .enabled(if: chromium != nil, "Debian's chromium is not installed (apt-get install chromium)"))
    func browser() throws {
        let reg = try tourRegistry()
        let token = try lb("token", "add", reg, "--role", "officer", "--name", "王五").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try Server(reg)
        let shots = repository + "/out/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        func page(_ hash: String, screenshot: String?) throws -> String {
            let url = "http://127.0.0.1:\(server.port)/#token=\(token)&\(hash)"
            let profile = try scratchDirectory()
            var args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                        "--window-size=1400,900", "--virtual-time-budget=15000"]
            args += screenshot.map { ["--screenshot=\(shots)/\($0)"] } ?? ["--dump-dom"]
            return try run(chromium!, args + [url]).stdout
        }
        let dom = try page("match&lang=zh", screenshot: nil)
        // The page marks what it drew: 144 parcels; and the match's candidates are listed with their reasons.
        #expect(dom.contains("data-parcels=\"144\""), "\(dom.prefix(600))")
        #expect(dom.contains("data-candidates=\"5\""))
        #expect(dom.contains("XYGX-2023-") && dom.contains("得分"))
        // The matcher's reasons in Chinese on the Chinese page ("3.2 km from the point (limit 12 km)").
        #expect(dom.contains("距目标点") && !dom.contains("km from the point"), "\(dom.suffix(3000))")
        // Leaflet drew one path per parcel (and the candidates over them).
        #expect(dom.components(separatedBy: "<path").count - 1 >= 144)
        _ = try page("match&lang=zh", screenshot: "map-match-zh.png")
        _ = try page("blocks&report&parcel=XYGX-2023-011&lang=en", screenshot: "map-blocks-en.png")
        #expect(FileManager.default.fileExists(atPath: shots + "/map-match-zh.png"))
    }

    @Test("the projects pipeline and the compliance ledger on the page, for an officer (screenshot in out/screenshots)",
          .enabled(if: chromium != nil, "Debian's chromium is not installed (apt-get install chromium)"))
    func projectsPage() throws {
        let reg = try tourRegistry()
        try #require(try lb("project", "import", reg, fixture("projects-xinjian-2019-2024.csv"), "--by", "招商局").status == 0)
        try #require(try lb("project", "actuals", reg, fixture("projects-xinjian-actuals.csv")).status == 0)
        try #require(try lb("project", "incentives", reg, fixture("projects-xinjian-incentives.csv")).status == 0)
        let token = try lb("token", "add", reg, "--role", "officer", "--name", "王五").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let server = try Server(reg)
        let shots = repository + "/out/screenshots"
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let url = "http://127.0.0.1:\(server.port)/#token=\(token)&projects&ledger&lang=zh"
        func chrome(_ extra: [String]) throws -> String {
            try run(chromium!, ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(try scratchDirectory())",
                                "--window-size=1400,2200", "--virtual-time-budget=15000"] + extra + [url]).stdout
        }
        let dom = try chrome(["--dump-dom"])
        // 83 projects listed with their stages in Chinese; the ledger of the 83 signed since 2019-07-01.
        #expect(dom.contains("data-projects=\"83\""), "\(dom.prefix(600))")
        #expect(dom.contains("data-ledger=\"83\"") && dom.contains("未达到协议约定") && dom.contains("暂缓后续政策兑现"))
        #expect(dom.contains("XJ-2019-047") && dom.contains("签约"))
        _ = try chrome(["--screenshot=\(shots)/projects-ledger-zh.png"])
        #expect(FileManager.default.fileExists(atPath: shots + "/projects-ledger-zh.png"))
    }
}
