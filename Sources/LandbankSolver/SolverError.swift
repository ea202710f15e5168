/// Why a program could not be solved, in one line: GLPK's own return code and meaning, GLPK's message when it
/// failed outright, or a model that is not well formed. `kind` lets a face choose an exit status without parsing.
public struct SolverError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The model itself is wrong (an index out of range, a non-finite coefficient, …): our caller's bug or bad data.
        case invalidModel
        /// No assignment of the variables satisfies every row.
        case infeasible
        /// The time limit passed before any feasible solution was found.
        case timeLimit
        /// The caller's task was cancelled (a server request whose client went away) before any feasible solution.
        case stopped
        /// glp_intopt returned a non-zero code (GLP_E…), kept in `code`.
        case solver
        /// GLPK stopped with a fatal error (its error hook fired); `message` holds what it printed.
        case failure
    }

    public var kind: Kind
    /// GLPK's return code (GLP_EBOUND, GLP_EROOT, …) or 0.
    public var code: Int32
    public var message: String

    public init(_ kind: Kind, code: Int32 = 0, _ message: String) {
        self.kind = kind
        self.code = code
        self.message = message
    }

    public var description: String { message }
}
