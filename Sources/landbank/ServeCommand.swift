import ArgumentParser
import Foundation
import Hummingbird
import LandbankRegistry
import LandbankServer

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the registry: a JSON API, a web map at /, and the OpenAPI document at /openapi.json.",
        discussion: """
            Requests carry `Authorization: Bearer TOKEN` (`landbank token add`); the token's role decides what \
            they may do: clerk (record, import, edit), officer (read everything, match), leader (read \
            everything), public (the published inventory). Without a token only the published inventory is \
            read, and only when the config says {"publish": true}. Binds to 127.0.0.1 unless --host says otherwise. \
            Config keys: publish, tile_url, max_upload_mb (64), page_size (500), grading_policy (a policy file for             GET /api/grading), request_timeout_s (60), max_computations (the cores), computation_queue (4 per core,             at least 8). Matching, blocks, grading and the batches' ledger are computations: at most             --max-computations at once, the rest wait in turn up to --computation-queue, then 503 with Retry-After;             each stops at --request-timeout (503) or when its client hangs up. Stop with Ctrl-C.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The TCP port (0: any free port, printed when serving).") var port = 8080
    @Option(help: "The address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface).") var host = "127.0.0.1"
    @Option(help: "A JSON config file (publish, tile_url, max_upload_mb, page_size, grading_policy, request_timeout_s, max_computations, computation_queue).")
    var config: String?
    @Option(help: "Seconds a computation (match, blocks, grading, the batches' ledger) may take before 503 (default 60; landbank's own commands have no limit).")
    var requestTimeout: Double?
    @Option(help: "Computations at once (default: the number of cores).") var maxComputations: Int?
    @Option(help: "Computations waiting for a free one before 503 with Retry-After (default: 4 per core, at least 8).") var computationQueue: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535, not \(port)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let settings = try config.map { file in
                try ServerConfig.read(try CLI.input(file) { try Data(contentsOf: URL(fileURLWithPath: file)) }, file: file)
            } ?? ServerConfig()
            let limited = try settings.limiting(requestTimeoutSeconds: requestTimeout, maxComputations: maxComputations,
                                                computationQueue: computationQueue)
            let registry = try CLI.open(target.registry)
            let path = registry.path, host = self.host
            let computations = Computations(limited)
            let app = try buildApplication(registry: registry, config: limited, address: .hostname(host, port: port),
                                           computations: computations) { bound in
                print("landbank: serving \(path) on http://\(host.contains(":") ? "[\(host)]" : host):\(bound ?? 0)/"
                      + (settings.publish ? " (published inventory readable without a token)" : ""))
                fflush(nil)  // every output stream: the line must reach a pipe at once
            }
            // The command is synchronous (ArgumentParser's root is); the server runs on Swift's concurrency pool
            // until SIGINT or SIGTERM, which Hummingbird's service group turns into a graceful shutdown.
            let done = DispatchSemaphore(value: 0)
            let failure = ServeFailure()
            Task {
                do { try await app.runService() } catch { failure.error = error }
                // Nothing may still run inside PROJ or GEOS when the process exits (see `Computations.settle`).
                await computations.settle(upTo: .seconds(30))
                done.signal()
            }
            done.wait()
            if let e = failure.error { throw CLIError("cannot serve on \(host):\(port): \(e)", .other) }
        }
    }
}

/// The server's failure, handed from its task to the waiting command.
/// `@unchecked Sendable`: written by the task before it signals, read by the command after it waits.
final class ServeFailure: @unchecked Sendable {
    var error: Error?
}
