import Foundation
import LandbankRegistry

/// The CLI's side of swapped axes: when --fix-axes was not given and someone sits at a terminal (standard input
/// and standard error both are one), the import asks before repairing; otherwise the library refuses the file as
/// before, naming --fix-axes. The library only calls `ImportOptions.confirmSwappedAxes`; reading the answer is here.
enum ImportAxesPrompt {
    static func install(on o: inout ImportOptions, fixAxes: Bool) {
        guard !fixAxes, isatty(0) == 1, isatty(2) == 1 else { return }
        o.confirmSwappedAxes = { question in
            ask(question, read: { readLine(strippingNewline: true) }, write: { FileHandle.standardError.write(Data($0.utf8)) })
        }
    }

    /// Writes the question and reads one line: "y" or "yes" (any case) repairs; anything else, or the end of
    /// input, declines — the default is to refuse, as without a terminal.
    static func ask(_ question: String, read: () -> String?, write: (String) -> Void) -> Bool {
        write(question + " ")
        guard let line = read() else {
            write("\n")
            return false
        }
        return ["y", "yes"].contains(line.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
