import LandbankMatching

extension MatchText {
    /// A joint assignment as the terminal shows it.
    static func batch(_ a: BatchAnswer) -> String {
        var lines = ["\(a.assignments.count) demands assigned, \(a.unserved.count) unserved; total score "
            + "\(Format.fixed(a.objective, 1)) (\(a.status)); greedy best-first would reach \(Format.fixed(a.greedyObjective, 1))"]
        if !a.assignments.isEmpty {
            let rows = a.assignments.map { x in
                [x.demand, x.parcels.joined(separator: "+"), x.building ?? "", Format.fixed(x.areaMu, 3), Format.fixed(x.score, 1)]
            }
            lines.append(Format.table(["demand", "parcels", "building", "mu", "score"], rows, rightAligned: [3, 4]))
        }
        for u in a.unserved { lines.append("unserved \(u.demand): \(u.reason)") }
        if let considered = a.candidates {
            for (demand, list) in considered.sorted(by: { $0.key < $1.key }) {
                let text = list.map { ($0.building ?? $0.parcels.joined(separator: "+")) + " " + Format.fixed($0.score, 1) }
                lines.append("considered for \(demand): " + (text.isEmpty ? "nothing" : text.joined(separator: ", ")))
            }
        }
        return lines.joined(separator: "\n")
    }
}
