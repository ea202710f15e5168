import LandbankLifecycle
import LandbankRegistry

/// Progress against a plan as the terminal shows it.
enum PlanProgressText {
    static func text(_ p: PlanProgress) -> String {
        var lines = ["progress against \(p.plan), \(p.from) to \(p.to)"]
        for y in p.years {
            lines.append("")
            lines.append("\(y.year) (\(y.from) to \(y.to)\(y.partial ? "; the period covers part of the year, whose targets may still be met" : ""))")
            func pct(_ v: Int?) -> String { v.map(PlanText.percent) ?? "—" }
            let rows = (y.teams + [y.zone]).map { t in
                [t.team, String(t.signed), t.signedTarget.map(String.init) ?? "—", pct(t.signedPermille),
                 ChineseAmount.text(t.investment), t.investmentTarget.map(ChineseAmount.text) ?? "—", pct(t.investmentPermille)]
            }
            lines.append(Format.table(["team", "signed", "target", "%", "contracted", "target", "%"], rows, rightAligned: [1, 2, 3, 4, 5, 6]))
            if let source = y.zone.targetSource, source != "plan" { lines.append("all teams' target: the \(source)") }
            for s in y.sizes {
                lines.append("  \(verdict(s.met)) \"\(s.name)\" projects: \(s.actual) of \(s.target) — \(s.why)")
            }
            for s in y.shares {
                lines.append("  \(verdict(s.met)) \(s.share.label): \(s.why)")
            }
        }
        return lines.joined(separator: "\n")
    }

    static func verdict(_ met: Bool) -> String { met ? "met  " : "short" }
}
