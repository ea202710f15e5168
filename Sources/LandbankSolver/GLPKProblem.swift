import CGLPK

/// Owns one GLPK problem object (`glp_prob`) and the guard GLPK's fatal errors jump back to. The problem is
/// created in `init`, deleted in `deinit` and nowhere else; no pointer leaves this class.
///
/// Every GLPK call that can fail runs inside a shim function under `setjmp` (see CGLPK/shim.h): when GLPK hits a
/// fatal error its error hook jumps back there instead of aborting, the thread's GLPK environment is freed (with
/// this problem in it, as GLPK's manual requires) and the call throws with the message GLPK printed.
///
/// Thread rule: GLPK keeps one environment per thread (Debian builds it with thread-local storage) and a problem
/// belongs to the thread that made it; a failure frees every problem of that thread. So a problem is made,
/// solved and dropped within one `MixedIntegerProgram.solve` call and never kept or shared; not `Sendable`.
final class GLPKProblem {
    /// nil once a GLPK failure has freed it with the environment.
    private var handle: OpaquePointer?
    private let guardBox: UnsafeMutablePointer<landbank_glp_guard>

    init() throws(SolverError) {
        guardBox = .allocate(capacity: 1)
        UnsafeMutableRawPointer(guardBox).initializeMemory(
            as: UInt8.self, repeating: 0, count: MemoryLayout<landbank_glp_guard>.size)
        // The callback runs on the solving thread, inside the caller's task if it has one: a server request whose
        // client went away or whose time is up is cancelled, and the search stops at GLPK's next callback.
        guardBox.pointee.should_stop = { Task.isCancelled ? 1 : 0 }
        handle = landbank_glp_create(guardBox)
        // Every stored property is set, so deinit runs after this throw and frees the guard (handle is nil).
        if handle == nil { throw SolverError(.failure, "GLPK could not create a problem: \(lastMessage)") }
    }

    deinit {
        if let handle { glp_delete_prob(handle) }
        guardBox.deallocate()
    }

    /// Loads a 0–1 maximisation: objective coefficients per column, rows `≤ rhs` (or `= rhs` where `equal`), and
    /// the matrix as 1-based triplets (index 0 of `ia`, `ja`, `ar` unused, as GLPK wants).
    func load(objective: [Double], rhs: [Double], equal: [Int32], ia: [Int32], ja: [Int32], ar: [Double]) throws(SolverError) {
        let p = try live("load the program")
        let ok = landbank_glp_load(guardBox, p, Int32(objective.count), objective, Int32(rhs.count), rhs, equal,
                                   Int32(ia.count - 1), ia, ja, ar)
        if ok == 0 { throw failed("loading the program") }
    }

    /// What glp_intopt left: its return code, the MIP status (GLP_OPT, GLP_FEAS, GLP_NOFEAS, GLP_UNDEF), the
    /// objective and columns of the best integer solution, and the best bound of the open nodes when the search
    /// stopped early (nil when it never reached the root's branching).
    struct Outcome {
        var code: Int32
        var status: Int32
        var objective: Double
        var values: [Bool]
        var bound: Double?
    }

    /// Branch-and-cut with GLPK's MIP presolver; `timeLimitMilliseconds` 0 means none.
    func intopt(timeLimitMilliseconds: Int32) throws(SolverError) -> Outcome {
        let p = try live("solve the program")
        var code: Int32 = 0
        if landbank_glp_intopt(guardBox, p, timeLimitMilliseconds, &code) == 0 { throw failed("glp_intopt") }
        let status = glp_mip_status(p)
        let n = glp_get_num_cols(p)
        let values = n > 0 ? (1...n).map { glp_mip_col_val(p, $0) > 0.5 } : []
        return Outcome(code: code, status: status, objective: glp_mip_obj_val(p), values: values,
                       bound: guardBox.pointee.has_bound != 0 ? guardBox.pointee.bound : nil)
    }

    private func live(_ what: String) throws(SolverError) -> OpaquePointer {
        guard let handle else { throw SolverError(.failure, "GLPK cannot \(what): an earlier failure freed the problem") }
        return handle
    }

    /// The environment, and this problem with it, are gone: never delete the handle again.
    private func failed(_ what: String) -> SolverError {
        handle = nil
        return SolverError(.failure, "GLPK failed in \(what): \(lastMessage)")
    }

    /// What GLPK printed during the last guarded call, on one line.
    private var lastMessage: String {
        let text = withUnsafeBytes(of: &guardBox.pointee.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        let line = text.split(whereSeparator: \.isNewline)
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
            .filter { !$0.isEmpty }.joined(separator: "; ")
        return line.isEmpty ? "no message" : line
    }
}
