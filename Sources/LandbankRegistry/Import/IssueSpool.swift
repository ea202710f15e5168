import Foundation

/// The issues of one import, in the order found, without holding them all in memory: up to `memoryLimit` in
/// an array, older ones spilled in chunks to a temporary file that is unlinked as soon as it is made (a killed
/// import leaves nothing behind). Read back once, when the log is written after the import committed or
/// rolled back. Counts by rule and action are kept as issues arrive.
///
/// Thread rule: used by the one thread that writes the import.
final class IssueSpool {
    static let memoryLimit = 4096

    private var buffer: [ImportIssue] = []
    private var spill: FileHandle?
    private(set) var count = 0
    private(set) var counts: [Key: Int] = [:]

    struct Key: Hashable {
        var rule: ImportIssue.Rule
        var action: ImportIssue.Action
    }

    func add(_ issue: ImportIssue) {
        buffer.append(issue)
        count += 1
        counts[Key(rule: issue.rule, action: issue.action), default: 0] += 1
        if buffer.count >= Self.memoryLimit { try? flush() }
    }

    func count(_ action: ImportIssue.Action) -> Int {
        counts.reduce(0) { $0 + ($1.key.action == action ? $1.value : 0) }
    }

    /// Counts by rule and action, most frequent first (then by rule name, for a stable order).
    var byRule: [ImportRecord.RuleCount] {
        counts.map { ImportRecord.RuleCount(rule: $0.key.rule, action: $0.key.action, count: $0.value) }
            .sorted { ($0.count, $1.rule.rawValue, $1.action.rawValue) > ($1.count, $0.rule.rawValue, $0.action.rawValue) }
    }

    /// Every issue, in the order added.
    func forEach(_ body: (ImportIssue) throws -> Void) throws {
        if let spill {
            try spill.seek(toOffset: 0)
            while let header = try spill.read(upToCount: 8), header.count == 8 {
                let n = header.withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
                guard let chunk = try spill.read(upToCount: n), chunk.count == n else { break }
                for issue in try JSONDecoder().decode([ImportIssue].self, from: chunk) { try body(issue) }
            }
        }
        for issue in buffer { try body(issue) }
    }

    /// Writes the buffer to the spill file. If no temporary file can be made, issues stay in memory.
    private func flush() throws {
        if spill == nil { spill = try Self.temporaryFile() }
        guard let spill else { return }
        let chunk = try JSONEncoder().encode(buffer)
        var header = UInt64(chunk.count).littleEndian
        try spill.seekToEnd()
        try spill.write(contentsOf: Data(bytes: &header, count: 8) + chunk)
        buffer.removeAll(keepingCapacity: true)
    }

    private static func temporaryFile() throws -> FileHandle {
        let dir = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        var template = Array((dir + "/landbank-issues-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw CocoaError(.fileWriteUnknown) }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }
}
