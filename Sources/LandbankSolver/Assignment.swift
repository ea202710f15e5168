/// The exactly optimal joint assignment: a 0–1 program solved by GLPK.
///
/// One binary variable per (demand, candidate), worth the candidate's score. Rows, all `≤ 1`: one per demand
/// over its candidates (at most one site each), and one per resource over every candidate that uses it (a
/// parcel or building goes to one assignment at most). The resource rows are cliques of the conflict graph, so
/// candidates that share parcels (overlapping assemblies) need no pairwise rows, and the LP relaxation is
/// tighter than with pairwise ones. Rows over a single variable are left out: the bound x ≤ 1 already holds.
///
/// Before that, two exact reductions (SetPacking+Reduction.swift): dominated candidates are dropped, and the
/// demands are split into groups that compete for nothing, each solved on its own; a group of one demand just
/// takes its best candidate.
extension SetPacking {
    /// Solves exactly; with `timeLimit`, a search stopped by the limit returns the best plan found as
    /// `.feasible` with the gap to the best bound. Such a plan is completed best-first with any candidate whose
    /// resources are still free, so an unserved demand's candidates are always blocked by assignments.
    public func solve(timeLimit: Duration? = nil) throws(SolverError) -> Result {
        let clock = ContinuousClock()
        let deadline = timeLimit.map { clock.now + $0 }
        let kept = undominatedCandidates()
        var chosen = [Int?](repeating: nil, count: demands.count)
        var provenOptimal = true, bound = 0.0
        for group in independentGroups(kept) {
            if group.count == 1, let d = group.first {
                let best = kept[d].max { demands[d].candidates[$0].score < demands[d].candidates[$1].score }
                chosen[d] = best
                bound += best.map { demands[d].candidates[$0].score } ?? 0
                continue
            }
            let left = deadline.map { $0 - clock.now }
            // Out of time, or a server's request cancelled (GLPK's callback stops its search then, but cannot throw:
            // the rest is finished best-first and the caller checks cancellation).
            if Task.isCancelled || left.map({ $0 <= .zero }) == true {
                // Out of time: this group stays as it is (completed best-first below), bounded by each demand's best.
                provenOptimal = false
                bound += trivialBound(group, kept)
                continue
            }
            let solution: MIPSolution, variables: [(demand: Int, candidate: Int)]
            do {
                (solution, variables) = try solveGroup(group, kept, timeLimit: left)
            } catch where error.kind == .timeLimit || error.kind == .stopped {
                // The limit or the cancellation came before GLPK's first solution: completed best-first below.
                provenOptimal = false
                bound += trivialBound(group, kept)
                continue
            }
            for (j, v) in variables.enumerated() where solution.values[j] { chosen[v.demand] = v.candidate }
            if solution.status != .optimal { provenOptimal = false }
            bound += solution.bound ?? trivialBound(group, kept)
        }
        if provenOptimal { return result(chosen, status: .optimal) }
        let completed = completedBestFirst(chosen)
        let objective = result(completed, status: .greedy).objective
        // GLPK's definition of the relative gap, over the whole plan.
        let gap = max(0, bound - objective) / (objective + Double.ulpOfOne)
        return result(completed, status: .feasible(gap: gap, bound: bound))
    }

    /// An upper bound on a group's optimum that needs no solver: every demand gets its best candidate.
    private func trivialBound(_ group: [Int], _ kept: [[Int]]) -> Double {
        group.map { d in kept[d].map { demands[d].candidates[$0].score }.max() ?? 0 }.reduce(0, +)
    }

    /// The 0–1 program of one group of demands, solved; its variables in order, as (demand, candidate) indices.
    private func solveGroup(_ group: [Int], _ kept: [[Int]], timeLimit: Duration?)
        throws(SolverError) -> (MIPSolution, [(demand: Int, candidate: Int)])
    {
        var program = MixedIntegerProgram()
        var variables: [(demand: Int, candidate: Int)] = []
        var users: [Resource: [Int]] = [:]
        for d in group {
            var own: [MixedIntegerProgram.Term] = []
            for c in kept[d] {
                let candidate = demands[d].candidates[c]
                let j = program.addBinaryVariable(objective: candidate.score)
                variables.append((d, c))
                own.append(.init(j, 1))
                for r in candidate.resources { users[r, default: []].append(j) }
            }
            if own.count > 1 { program.addRow(own, .lessOrEqual, 1) }
        }
        // Sorted so that the same input always builds the same program (and GLPK returns the same optimum).
        for r in users.keys.sorted() where users[r]!.count > 1 {
            program.addRow(users[r]!.map { .init($0, 1) }, .lessOrEqual, 1)
        }
        return (try program.solve(timeLimit: timeLimit), variables)
    }
}
