import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankServer
import Testing

let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first { FileManager.default.isExecutableFile(atPath: $0) }
let screenshots = URL(fileURLWithPath: fixtures).deletingLastPathComponent().appendingPathComponent("out/screenshots").path

/// Runs headless Chromium on a page and returns what it printed (the DOM with --dump-dom). Off Swift's shared
/// threads: the server under test needs them while Chromium waits for it.
func chrome(_ url: String, _ extra: [String]) async throws -> String {
    let profile = try scratchDirectory()
    let args = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=\(profile)",
                "--window-size=1400,1800", "--virtual-time-budget=15000"] + extra + [url]
    return try await withCheckedThrowingContinuation { c in
        DispatchQueue.global().async {
            do {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: chromium!)
                p.arguments = args
                let out = Pipe()
                p.standardOutput = out
                p.standardError = FileHandle.nullDevice
                try p.run()
                let data = out.fileHandleForReading.readDataToEndOfFile()
                p.waitUntilExit()
                c.resume(returning: String(decoding: data, as: UTF8.self))
            } catch { c.resume(throwing: error) }
        }
    }
}

@Suite("The grading and batches panel of the web page")
struct EfficiencyPageTests {
    @Test("headless Chromium shows the grades with their reasons and the batches, in Chinese and English (screenshots in out/screenshots)",
          .enabled(if: chromium != nil, "Debian's chromium is not installed (apt-get install chromium)"))
    func page() async throws {
        let bureau = try Bureau().withEfficiency()
        let officer = try #require(bureau.tokens[.officer])
        let app = try buildApplication(registry: bureau.registry, config: try Bureau.gradingConfig(), address: .hostname("127.0.0.1", port: 0))
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        try await app.test(.live) { client in
            let base = "http://127.0.0.1:\(try #require(client.port))/#token=\(officer)&grades=2024&batches=2025-06-30"
            let dom = try await chrome(base + "&lang=zh", ["--dump-dom"])
            #expect(dom.contains("data-grades=\"41\""), "\(dom.prefix(600))")
            #expect(dom.contains("data-batches=\""))
            // Each grade with its reasons; the Chinese page's own words; the batches' totals.
            #expect(dom.contains("XY-E012") && dom.contains("D 类（整治淘汰）：得分") && dom.contains("承租") && dom.contains("拉低得分："))
            // Every grading sentence in Chinese: none of the API's English templates is left on the Chinese page.
            for english in ["grade D (", "Pulled down by", "tenant of", "whole parcel", "holds the parcel", " graded ", "No veto applies", "Missing, ", "idle since", "not idle yet"] {
                #expect(!dom.contains(english), "left in English on the Chinese page: \(english)")
            }
            #expect(dom.contains("亩均评价") && dom.contains("批而未供") && dom.contains("供而未用") && dom.contains("1805.421"))
            _ = try await chrome(base + "&lang=zh", ["--screenshot=\(screenshots)/grading-batches-zh.png"])
            let english = try await chrome(base + "&lang=en", ["--dump-dom"])
            #expect(english.contains("Per-mu grading") && english.contains("Approval batches") && english.contains("Supplied, not used"))
            #expect(english.contains("remedy or exit (整治淘汰)") && english.contains("tenant of") && english.contains("Pulled down by"))
            _ = try await chrome(base + "&lang=en", ["--screenshot=\(screenshots)/grading-batches-en.png"])
        }
        #expect(FileManager.default.fileExists(atPath: screenshots + "/grading-batches-zh.png"))
    }

    @Test("the public sees no grading panel and gets 401 from its routes")
    func publicPage() async throws {
        let bureau = try Bureau()
        try await bureau.app(ServerConfig(publish: true)).test(.router) { client in
            #expect(try await client.json("/api/grading?year=2024", token: nil).status == .unauthorized)
            #expect(try await client.json("/api/batches", token: nil).status == .unauthorized)
            #expect(try await client.json("/api/inefficient", token: nil).status == .unauthorized)
            try await client.execute(uri: "/", method: .get) { r in
                // The panel is marked private: the page hides it from callers that do not read everything.
                #expect(r.body.text.contains(#"<section id="efficiencyBox" class="private">"#))
            }
            try await client.execute(uri: "/efficiency.js", method: .get) { #expect($0.status == .ok) }
        }
    }
}
