/// The exactly optimal joint assignment: a 0–1 program solved by GLPK.
///
/// One binary variable per (demand, candidate), worth the candidate's score. Rows, all `≤ 1`: one per demand
/// over its candidates (at most one site each), and one per resource over every candidate that uses it (a
/// parcel or building goes to one assignment at most). The resource rows are cliques of the conflict graph, so
/// candidates that share parcels (overlapping assemblies) need no pairwise rows, and the LP relaxation is
/// tighter than with pairwise ones. Rows over a single variable are left out: the bound x ≤ 1 already holds.
extension SetPacking {
    /// Solves exactly; with `timeLimit`, a search stopped by the limit returns the best plan found as
    /// `.feasible` with the gap. Such a plan is first completed best-first with any candidate whose resources
    /// are still free, so an unserved demand's candidates are always blocked by assignments.
    public func solve(timeLimit: Duration? = nil) throws(SolverError) -> Result {
        var program = MixedIntegerProgram()
        var variables: [(demand: Int, candidate: Int)] = []
        var users: [Resource: [Int]] = [:]
        for (d, demand) in demands.enumerated() {
            var own: [MixedIntegerProgram.Term] = []
            for (c, candidate) in demand.candidates.enumerated() {
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
        let solution = try program.solve(timeLimit: timeLimit)
        var chosen = [Int?](repeating: nil, count: demands.count)
        for (j, v) in variables.enumerated() where solution.values[j] { chosen[v.demand] = v.candidate }
        guard solution.status == .optimal else {
            return result(completedBestFirst(chosen), status: .feasible(gap: solution.gap, bound: solution.bound))
        }
        return result(chosen, status: .optimal)
    }
}
