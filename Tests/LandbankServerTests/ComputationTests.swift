import Foundation
import Hummingbird
import HummingbirdTesting
import LandbankServer
import Testing

/// `n` demands for land around Xinyu's zones, each a little different (area, point) so that no kept matcher
/// answers one from memory: `{"demands": […]}`, answered in about `n` × 20 ms (a debug build).
func manyDemands(_ n: Int) -> String {
    let list = (0..<n).map { i in
        let lo = 3 + i % 40, lon = 114.93 + Double(i % 17) * 0.005, lat = 27.77 + Double(i % 13) * 0.005
        return #"{"id":"D\#(i)","wants":"land","land_mu":{"min":\#(lo),"max":\#(lo + 5 + i % 7)},"near":{"lon":\#(lon),"lat":\#(lat),"max_km":12}}"#
    }
    return #"{"demands":[\#(list.joined(separator: ","))]}"#
}

/// What a handler saw of its task: finished its work, or cancelled.
final class Seen: @unchecked Sendable {
    private let lock = NSLock()
    private var value: String?
    func set(_ s: String) { lock.withLock { value = s } }
    var text: String? { lock.withLock { value } }
}

@Suite("Long requests: bounded, timed, stopped when their client goes")
struct ComputationTests {
    @Test("Hummingbird 2.28 does not cancel a handler whose client hangs up: why the server watches the connection itself")
    func hummingbirdDoesNotCancel() async throws {
        let seen = Seen()
        let router = Router()
        router.get("wait") { _, _ -> String in
            do { try await Task.sleep(for: .seconds(2)); seen.set("finished") } catch { seen.set("cancelled") }
            return "done"
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            let raw = try HangingUpClient(port: try #require(client.port))
            try await raw.send("GET", "/wait")
            try await Task.sleep(for: .milliseconds(300))
            raw.hangUp()
            #expect(await eventually(within: 15) { seen.text != nil })
            #expect(seen.text == "finished")
        }
    }

    @Test("a many-demand match stops when its client hangs up: its thread is free again within two seconds")
    func clientHangsUp() async throws {
        let bureau = try Bureau()
        let officer = try #require(bureau.tokens[.officer])
        let computations = Computations(width: 2, queueBound: 4, timeLimit: .seconds(300))
        let app = try buildApplication(registry: bureau.registry, address: .hostname("127.0.0.1", port: 0), computations: computations)
        try await app.test(.live) { client in
            // About 30 s of matching: still running long after the client has gone, unless it is stopped.
            let raw = try HangingUpClient(port: try #require(client.port))
            try await raw.send("POST", "/api/match", headers: ["Authorization": "Bearer \(officer)"], body: manyDemands(1500))
            #expect(await eventually(within: 10) { computations.runningCount == 1 })
            try await Task.sleep(for: .milliseconds(500))
            #expect(computations.runningCount == 1)
            raw.hangUp()
            #expect(await eventually(within: 2) { computations.runningCount == 0 })
            #expect(computations.stoppedCount == 1)
            // The server goes on answering.
            let next = try await client.json("/api/match", .post, token: officer, body: manyDemands(2))
            #expect(next.status == .ok)
        }
    }

    @Test("past the server's time limit a match is answered 503 saying which limit, and its work stops")
    func timeLimit() async throws {
        let bureau = try Bureau()
        let officer = bureau.tokens[.officer]
        let computations = Computations(width: 2, queueBound: 4, timeLimit: .seconds(1))
        let app = try buildApplication(registry: bureau.registry, computations: computations)
        try await app.test(.router) { client in
            let r = try await client.json("/api/match", .post, token: officer, body: manyDemands(1500))
            #expect(r.status == .serviceUnavailable)
            #expect(r.object["kind"] as? String == "timeout")
            let message = r.object["error"] as? String ?? ""
            #expect(message.hasPrefix("POST /api/match: stopped at this server's time limit of 1 s per request"), "\(message)")
            #expect(message.contains("--request-timeout") && message.contains("landbank match"))
            #expect(r.headers[.retryAfter] == nil)
            // Stopped at a check, not run to its end (about 30 s alone). The answer's own time says little: Swift
            // Testing runs other suites' synchronous work on the same few threads as this test's client.
            #expect(await eventually(within: 2) { computations.runningCount == 0 })
            #expect(computations.stoppedCount == 1)
        }
    }

    @Test("past the computations at once and the queue, a match is refused with 503 and Retry-After; reads go on")
    func bound() async throws {
        let bureau = try Bureau()
        let officer = try #require(bureau.tokens[.officer])
        let computations = Computations(width: 1, queueBound: 0, timeLimit: .seconds(300))
        let app = try buildApplication(registry: bureau.registry, address: .hostname("127.0.0.1", port: 0), computations: computations)
        try await app.test(.live) { client in
            let first = try HangingUpClient(port: try #require(client.port))
            try await first.send("POST", "/api/match", headers: ["Authorization": "Bearer \(officer)"], body: manyDemands(1500))
            #expect(await eventually(within: 10) { computations.runningCount == 1 })
            let second = try await client.json("/api/match", .post, token: officer, body: manyDemands(1))
            #expect(second.status == .serviceUnavailable)
            #expect(second.object["kind"] as? String == "busy")
            #expect(second.headers[.retryAfter] == "2")
            #expect((second.object["error"] as? String)?.contains("1 computations are running and 0 waiting") == true)
            // The read routes are not held up by matching.
            #expect(try await client.json("/api/stats", token: officer).status == .ok)
            first.hangUp()
            #expect(await eventually(within: 2) { computations.runningCount == 0 })
        }
    }

    @Test("a match waits in turn for a free slot, then is answered")
    func queue() async throws {
        let bureau = try Bureau()
        let officer = try #require(bureau.tokens[.officer])
        let computations = Computations(width: 1, queueBound: 1, timeLimit: .seconds(300))
        let app = try buildApplication(registry: bureau.registry, address: .hostname("127.0.0.1", port: 0), computations: computations)
        try await app.test(.live) { client in
            let first = try HangingUpClient(port: try #require(client.port))
            try await first.send("POST", "/api/match", headers: ["Authorization": "Bearer \(officer)"], body: manyDemands(1500))
            #expect(await eventually(within: 10) { computations.runningCount == 1 })
            async let second = client.json("/api/match", .post, token: officer, body: manyDemands(1))
            #expect(await eventually(within: 10) { computations.waitingCount == 1 })
            first.hangUp()
            let answered = try await second
            #expect(answered.status == .ok && (answered.object["answers"] as? [Any])?.count == 1)
            #expect(await eventually(within: 2) { computations.runningCount == 0 && computations.waitingCount == 0 })
        }
    }

    @Test("the config file sets the limits; a bad one is refused naming its key")
    func config() throws {
        let c = try ServerConfig.read(Data(#"{"request_timeout_s": 5, "max_computations": 3, "computation_queue": 0}"#.utf8), file: "serve.json")
        #expect(c.requestTimeoutSeconds == 5 && c.maxComputations == 3 && c.computationQueue == 0)
        #expect(Computations(c).timeLimit == .seconds(5))
        #expect(throws: ConfigError.self) { try ServerConfig.read(Data(#"{"max_computations": 0}"#.utf8), file: "serve.json") }
        do {
            _ = try ServerConfig.read(Data(#"{"request_timeout_s": -1}"#.utf8), file: "serve.json")
        } catch {
            #expect("\(error)".hasPrefix("serve.json: request_timeout_s: give seconds above 0"), "\(error)")
        }
        #expect(throws: ConfigError.self) { try ServerConfig().limiting(requestTimeoutSeconds: 0, maxComputations: nil, computationQueue: nil) }
    }
}
