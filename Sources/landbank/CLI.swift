import ArgumentParser
import Foundation
import LandbankRegistry

/// A failure the CLI reports in one line.
struct CLIError: CategorizedError, CustomStringConvertible {
    var description: String
    var category: ErrorCategory
    init(_ d: String, _ category: ErrorCategory = .invalidInput) {
        description = d
        self.category = category
    }
}

/// The exit status of each kind of failure (README, "Exit status"); 64 is a usage error (swift-argument-parser).
enum ExitStatus {
    static func code(_ category: ErrorCategory) -> Int32 {
        switch category {
        case .invalidInput: 65   // EX_DATAERR
        case .notFound: 66       // EX_NOINPUT
        case .conflict: 67
        case .notARegistry: 69   // EX_UNAVAILABLE
        case .corrupt: 70
        case .storage: 74        // EX_IOERR
        case .busy: 75           // EX_TEMPFAIL: try again
        case .readOnly: 77       // EX_NOPERM
        case .other: 1
        }
    }
}

enum CLI {
    /// Runs a command's body: any error becomes one line on standard error and the exit status of its kind
    /// (`ExitStatus`). SQLite's failures
    /// of `registry` (busy, read-only, damaged, disk full…) are said in the registry's words, not SQLite's.
    static func run(registry: String? = nil, _ body: () throws -> Void) throws {
        // Past a file-size limit (`ulimit -f`) a write then fails with EFBIG, which is reported, instead of
        // SIGXFSZ killing the process.
        signal(SIGXFSZ, SIG_IGN)
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch {
            let e = registry.map { Registry.storeFailure(error, registry: $0) } ?? error
            // A PostgreSQL URL's password never reaches the terminal, whoever wrote the message.
            printError("landbank: error: " + (registry.map { Registry.redacting("\(e)", registry: $0) } ?? "\(e)"))
            throw ExitCode(ExitStatus.code((e as? CategorizedError)?.category ?? .other))
        }
    }

    /// Opens the registry, saying once on standard error when it has to wait for another process. A writing
    /// open records the edits made outside landbank since the last write, and says so; a reading open warns
    /// when stored areas are stale for that reason.
    static func open(_ path: String, readOnly: Bool = false) throws -> Registry {
        let registry = try Registry.open(at: path, readOnly: readOnly) { wait in
            guard !WaitNotice.shown.exchange(true) else { return }
            printError("landbank: \(wait)")
        }
        if let done = registry.outsideEdits {
            for line in done.measured { printError("landbank: recorded an edit made outside landbank: \(line)") }
            for line in done.unmeasurable { printError("landbank: warning: \(line)") }
        }
        if readOnly {
            let stale = try registry.staleSubjects(limit: 6)
            if !stale.isEmpty {
                let names = stale.prefix(5).map(\.description).joined(separator: ", ") + (stale.count > 5 ? ", …" : "")
                printError("landbank: warning: \(registry.path): stored areas are stale for \(names) (edited outside landbank); "
                           + "the next landbank write or `landbank verify --repair` measures them again")
            }
        }
        return registry
    }

    /// Opens an input file. A failure that does not already name it (say, SQLite's on a damaged .gpkg input) is
    /// said as the input's, so that `run` never takes it for the registry's.
    static func input<T>(_ file: String, _ open: () throws -> T) throws -> T {
        do { return try open() } catch let e as ImportError { throw e } catch let e as RegistryError { throw e } catch {
            throw CLIError("\(file): \(error)")
        }
    }

    /// Who records an import: the --by option, else the login name, else "import".
    static func recorder(_ by: String?) -> String {
        by ?? ProcessInfo.processInfo.environment["USER"] ?? "import"
    }

    static func printJSON<T: Encodable>(_ value: T) throws {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        print(String(decoding: try e.encode(value), as: UTF8.self))
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}

/// Progress on standard error, only when it is a terminal.
final class Progress {
    let verb: String
    let enabled = isatty(2) == 1
    var shown = false

    init(verb: String) { self.verb = verb }

    func update(_ n: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\(verb) \(n) features…".utf8))
        shown = true
    }

    func done() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}

/// Whether this process has already said it waits: once is enough, however many waits a command has.
enum WaitNotice {
    static let shown = Flag()

    /// `@unchecked Sendable`: its one value is read and set under the lock.
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var value = false
        func exchange(_ new: Bool) -> Bool { lock.withLock { defer { value = new }; return value } }
    }
}
