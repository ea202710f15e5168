import Testing
@testable import LandbankSolver

@Suite("A 0–1 program solved by GLPK")
struct MixedIntegerProgramTests {
    /// max 10a + 13b + 7c + 8d subject to 4a + 6b + 3c + 5d ≤ 10.
    func knapsack() -> MixedIntegerProgram {
        var p = MixedIntegerProgram()
        for c in [10.0, 13, 7, 8] { p.addBinaryVariable(objective: c) }
        p.addRow([.init(0, 4), .init(1, 6), .init(2, 3), .init(3, 5)], .lessOrEqual, 10)
        return p
    }

    @Test("a small knapsack reaches the optimum found by hand, proven optimal with gap 0")
    func knapsackOptimum() throws {
        // By hand: the pairs within weight 10 are ab (23), bc (20), ad (18), ac (17), cd (15); no triple fits.
        let s = try knapsack().solve()
        #expect(s.status == .optimal && s.objective == 23 && s.values == [true, true, false, false])
        #expect(s.gap == 0 && s.bound == 23)
    }

    @Test("an equality row is kept: with c + d = 1 the best is b and c (20)")
    func equality() throws {
        // By hand: with c, room 7 takes a (17) or with b (weight 9) 20; with d, room 5 takes a (18).
        var p = knapsack()
        p.addRow([.init(2, 1), .init(3, 1)], .equal, 1)
        let s = try p.solve(timeLimit: .seconds(10))
        #expect(s.status == .optimal && s.objective == 20 && s.values == [false, true, true, false])
    }

    @Test("a program no 0–1 values satisfy throws infeasible")
    func infeasible() {
        var p = MixedIntegerProgram()
        p.addBinaryVariable(objective: 1)
        p.addBinaryVariable(objective: 1)
        p.addRow([.init(0, 1), .init(1, 1)], .equal, 3)
        #expect(throws: SolverError(.infeasible, "the program has no feasible solution")) { try p.solve() }
    }

    @Test("a row naming a missing or repeated variable, a non-finite coefficient or a zero time limit is refused before GLPK")
    func invalidModel() {
        var p = knapsack()
        p.addRow([.init(7, 1)], .lessOrEqual, 1)
        #expect(throws: SolverError(.invalidModel, "row 1: variable 7 does not exist (4 variables)")) { try p.solve() }
        var q = knapsack()
        q.addRow([.init(1, 1), .init(1, 2)], .lessOrEqual, 1)
        #expect(throws: SolverError(.invalidModel, "row 1: variable 1 appears twice")) { try q.solve() }
        var r = knapsack()
        r.addBinaryVariable(objective: .nan)
        #expect(throws: SolverError(.invalidModel, "variable 4: objective coefficient nan is not finite")) { try r.solve() }
        #expect(throws: SolverError(.invalidModel, "time limit 0.0 seconds is not positive")) { try knapsack().solve(timeLimit: .zero) }
    }

    /// 60 items, 3 knapsack rows of seeded random weights: the LP relaxation is fractional, so GLPK must branch.
    func branching() -> MixedIntegerProgram {
        var g = SplitMix64(seed: 11)
        var p = MixedIntegerProgram()
        for _ in 0..<60 { p.addBinaryVariable(objective: Double(Int.random(in: 10...99, using: &g))) }
        for _ in 0..<3 {
            p.addRow((0..<60).map { .init($0, Double(Int.random(in: 5...60, using: &g))) }, .lessOrEqual, 600)
        }
        return p
    }

    @Test("a cancelled task stops GLPK at its next callback (a server's client gone); not cancelled, the same program is proven optimal")
    func cancelled() async throws {
        let p = branching()
        #expect(try p.solve().status == .optimal)
        let stopped = await Task { () -> Result<MIPSolution, SolverError> in
            withUnsafeCurrentTask { $0?.cancel() }
            return Result { () throws(SolverError) in try p.solve() }
        }.value
        switch stopped {
        case .success(let s): #expect(s.status != .optimal, "GLPK ran on after its task was cancelled")
        case .failure(let e): #expect(e.kind == .stopped && e.message.contains("cancelled"), "\(e)")
        }
    }

    @Test("no variables: optimal at 0 without calling GLPK")
    func empty() throws {
        let s = try MixedIntegerProgram().solve()
        #expect(s.status == .optimal && s.objective == 0 && s.values.isEmpty)
    }

    @Test("a GLPK fatal error (duplicate matrix entries) throws with GLPK's message instead of aborting, and GLPK works again after")
    func fatalErrorIsCaught() throws {
        let problem = try GLPKProblem()
        // glp_load_matrix stops with "duplicate indices not allowed" on a repeated (row, column) pair.
        #expect {
            try problem.load(objective: [1, 1], rhs: [1], equal: [0], ia: [0, 1, 1], ja: [0, 1, 1], ar: [0, 1, 1])
        } throws: { error in
            let e = error as! SolverError
            return e.kind == .failure && e.message.hasPrefix("GLPK failed in loading the program: glp_load_mat: ia[1] = 1; ja[1] = 1; duplicate indices not allowed")
        }
        #expect(throws: SolverError.self) { _ = try problem.intopt(timeLimitMilliseconds: 0) }
        #expect(try knapsack().solve().objective == 23)
    }
}
