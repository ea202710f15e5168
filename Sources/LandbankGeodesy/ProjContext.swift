import CPROJ

/// Owns one PROJ context. Every CRS and transformation made from it keeps it alive, so a PJ is always
/// destroyed before its context.
///
/// Thread rule: a PROJ context is not thread-safe. Open one per thread (or per database connection) and
/// keep it: a new context reopens proj.db. The type is deliberately not `Sendable`.
public final class ProjContext {
    let handle: OpaquePointer

    public init() throws(ProjError) {
        guard let h = proj_context_create() else { throw ProjError("PROJ could not create a context") }
        handle = h
        // Quiet PROJ's own stderr logging: its errors reach the user through ProjError instead.
        proj_log_level(h, PJ_LOG_NONE)
        proj_context_set_enable_network(h, 0)
    }

    deinit { proj_context_destroy(handle) }

    /// PROJ's message for the context's last error, with `what` in front.
    func error(_ what: String) -> ProjError {
        let code = proj_context_errno(handle)
        let text = code != 0 ? proj_context_errno_string(handle, code).map { String(cString: $0) } : nil
        return ProjError(text.map { "\(what): \($0)" } ?? what, code: code)
    }
}

/// Owns one PJ object (a CRS, an ellipsoid or a transformation) and the context it was made in.
final class ProjObject {
    let context: ProjContext
    let pj: OpaquePointer

    init(_ context: ProjContext, _ pj: OpaquePointer) {
        self.context = context
        self.pj = pj
    }

    deinit { proj_destroy(pj) }
}
