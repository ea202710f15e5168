import CGLPK

/// The best solution GLPK found for a `MixedIntegerProgram`: proven optimal, or feasible with the gap to the best
/// bound when the time limit stopped the search.
public struct MIPSolution: Sendable, Equatable {
    public enum Status: Sendable, Equatable {
        case optimal, feasible
    }

    public var status: Status
    /// One value per variable, in the order they were added.
    public var values: [Bool]
    /// The objective of `values` (glp_mip_obj_val).
    public var objective: Double
    /// The best bound on the optimum: the objective itself when optimal; the best open node's bound when the
    /// search stopped early; nil when it stopped before any bound was known.
    public var bound: Double?
    /// Relative MIP gap, GLPK's definition: |objective − bound| / (|objective| + DBL_EPSILON); 0 when optimal.
    public var gap: Double?

    public init(status: Status, values: [Bool], objective: Double, bound: Double?, gap: Double?) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bound = bound
        self.gap = gap
    }

    /// Reads glp_intopt's return code and MIP status the way GLPK's manual (2.8.1) defines them.
    init(_ outcome: GLPKProblem.Outcome, timeLimit: Duration?) throws(SolverError) {
        let stoppedEarly = [GLP_ETMLIM, GLP_EMIPGAP, GLP_ESTOP].contains(outcome.code)
        switch (outcome.code, outcome.status) {
        case (0, GLP_OPT):
            self.init(status: .optimal, values: outcome.values, objective: outcome.objective,
                      bound: outcome.objective, gap: 0)
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _), (GLP_ENOFEAS, _):
            throw SolverError(.infeasible, "the program has no feasible solution")
        case (_, GLP_FEAS) where outcome.code == 0 || stoppedEarly:
            let gap = outcome.bound.map { abs(outcome.objective - $0) / (abs(outcome.objective) + Double.ulpOfOne) }
            self.init(status: .feasible, values: outcome.values, objective: outcome.objective, bound: outcome.bound, gap: gap)
        case (GLP_ETMLIM, _):
            throw SolverError(.timeLimit, code: outcome.code,
                              "glp_intopt: time limit of \(timeLimit.map { "\($0)" } ?? "?") reached before any feasible solution")
        case (GLP_ESTOP, _):
            throw SolverError(.stopped, code: outcome.code, "glp_intopt: stopped (its task was cancelled) before any feasible solution")
        case (0, _):
            throw SolverError(.solver, "glp_intopt ended with MIP status \(outcome.status) and no solution")
        default:
            throw SolverError(.solver, code: outcome.code, "glp_intopt: \(GLPKReturnCode.meaning(outcome.code))")
        }
    }
}
