import ArgumentParser
import Foundation
import LandbankRegistry

/// A failure the CLI reports in one line.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum CLI {
    /// Runs a command's body: any error becomes one line on standard error and exit status 1.
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let e as ExitCode {
            throw e
        } catch {
            printError("landbank: error: \(error)")
            throw ExitCode.failure
        }
    }

    /// Opens the registry. A writing open records the edits made outside landbank since the last write, and
    /// says so on standard error; a reading open warns when stored areas are stale for that reason.
    static func open(_ path: String, readOnly: Bool = false) throws -> Registry {
        let registry = try Registry.open(at: path, readOnly: readOnly)
        if let done = registry.outsideEdits {
            for line in done.measured { printError("landbank: recorded an edit made outside landbank: \(line)") }
            for line in done.unmeasurable { printError("landbank: warning: \(line)") }
        }
        if readOnly {
            let stale = try registry.staleSubjects(limit: 6)
            if !stale.isEmpty {
                let names = stale.prefix(5).map(\.description).joined(separator: ", ") + (stale.count > 5 ? ", …" : "")
                printError("landbank: warning: \(path): stored areas are stale for \(names) (edited outside landbank); "
                           + "the next landbank write or `landbank verify --repair` measures them again")
            }
        }
        return registry
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
