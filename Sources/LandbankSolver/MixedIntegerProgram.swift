import CGLPK

/// A 0–1 program: maximise Σ cⱼ xⱼ over binary xⱼ subject to rows Σ aᵢⱼ xⱼ ≤ bᵢ (or = bᵢ). Solved exactly by
/// GLPK's branch-and-cut (glp_intopt with its MIP presolver, clique cuts on), so "optimal" means proven optimal
/// to GLPK's tolerances (relative MIP gap 0), not a heuristic's best.
public struct MixedIntegerProgram: Sendable {
    public enum Relation: Sendable, Equatable {
        case lessOrEqual, equal
    }

    public struct Row: Sendable, Equatable {
        /// (variable index, coefficient) pairs; each variable at most once.
        public var terms: [Term]
        public var relation: Relation
        public var bound: Double
    }

    public struct Term: Sendable, Equatable {
        public var variable: Int
        public var coefficient: Double

        public init(_ variable: Int, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    public private(set) var objective: [Double] = []
    public private(set) var rows: [Row] = []

    public init() {}

    public var variableCount: Int { objective.count }

    /// A new binary variable with its objective coefficient; returns its index (0-based).
    @discardableResult
    public mutating func addBinaryVariable(objective coefficient: Double) -> Int {
        objective.append(coefficient)
        return objective.count - 1
    }

    public mutating func addRow(_ terms: [Term], _ relation: Relation, _ bound: Double) {
        rows.append(Row(terms: terms, relation: relation, bound: bound))
    }

    /// Solves the program. With `timeLimit`, a search stopped by the limit returns the best solution found as
    /// `.feasible` with its gap; it throws when none was found yet, when no solution exists, when the model is
    /// not well formed, and when GLPK fails (with GLPK's return code and meaning, or its own message).
    public func solve(timeLimit: Duration? = nil) throws(SolverError) -> MIPSolution {
        try validate()
        if objective.isEmpty {
            guard rows.allSatisfy({ $0.relation == .lessOrEqual ? $0.bound >= 0 : $0.bound == 0 }) else {
                throw SolverError(.infeasible, "the program has no variables and a row it cannot satisfy")
            }
            return MIPSolution(status: .optimal, values: [], objective: 0, bound: 0, gap: 0)
        }
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        for (i, row) in rows.enumerated() {
            for term in row.terms {
                ia.append(Int32(i + 1))
                ja.append(Int32(term.variable + 1))
                ar.append(term.coefficient)
            }
        }
        let problem = try GLPKProblem()
        try problem.load(objective: objective, rhs: rows.map(\.bound), equal: rows.map { $0.relation == .equal ? 1 : 0 },
                         ia: ia, ja: ja, ar: ar)
        let outcome = try problem.intopt(timeLimitMilliseconds: try milliseconds(timeLimit))
        return try MIPSolution(outcome, timeLimit: timeLimit)
    }

    /// GLPK stops with a fatal error (which we catch, but which frees its environment) on an out-of-range or
    /// repeated index, and its results mean nothing with a non-finite coefficient: refuse those first.
    private func validate() throws(SolverError) {
        guard objective.count < Int32.max, rows.count < Int32.max else {
            throw SolverError(.invalidModel, "the program has more variables or rows than GLPK can index")
        }
        for (j, c) in objective.enumerated() where !c.isFinite {
            throw SolverError(.invalidModel, "variable \(j): objective coefficient \(c) is not finite")
        }
        var nonZeros = 0
        for (i, row) in rows.enumerated() {
            guard row.bound.isFinite else { throw SolverError(.invalidModel, "row \(i): bound \(row.bound) is not finite") }
            var seen = Set<Int>()
            for term in row.terms {
                guard objective.indices.contains(term.variable) else {
                    throw SolverError(.invalidModel, "row \(i): variable \(term.variable) does not exist (\(objective.count) variables)")
                }
                guard term.coefficient.isFinite else {
                    throw SolverError(.invalidModel, "row \(i): coefficient \(term.coefficient) of variable \(term.variable) is not finite")
                }
                guard seen.insert(term.variable).inserted else {
                    throw SolverError(.invalidModel, "row \(i): variable \(term.variable) appears twice")
                }
            }
            nonZeros += row.terms.count
        }
        guard nonZeros < Int32.max else { throw SolverError(.invalidModel, "the program has more coefficients than GLPK can index") }
    }

    private func milliseconds(_ limit: Duration?) throws(SolverError) -> Int32 {
        guard let limit else { return 0 }
        let (seconds, attoseconds) = limit.components
        guard limit > .zero else { throw SolverError(.invalidModel, "time limit \(limit) is not positive") }
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return Int32(max(1, min(ms.rounded(.up), Double(Int32.max))))
    }
}
