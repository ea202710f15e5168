import ArgumentParser
import Foundation
import LandbankRegistry

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade", abstract: "Grade the enterprises of a year by their per-mu figures (亩均评价, A–D).",
        discussion: """
            Each enterprise's land is the cadastral mu it uses: whole parcels it holds alone, and for a tenant of \
            floor space its floor space ÷ the parcel's floor space × the parcel's mu (each share says which). \
            Each indicator scores min(actual ÷ benchmark, cap) × weight (benchmark ÷ actual for energy and emissions \
            per unit of value added); a missing figure scores as the policy says (default 0, and the answer says \
            so). Grades follow the policy's cut-offs on the score rounded to 0.01; vetoes (a major safety or \
            environment incident) cap the grade. Ties on the score are ordered by enterprise id. The parcels of C \
            and D enterprises are proposed for the inefficient-land list; `landbank inefficient REG --confirm P \
            --basis … --date D --by WHO` confirms one. The policy format is in the README (Fixtures/grading-xinyu.json is one).
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The year graded.") var year: Int
    @Option(help: "The grading policy (JSON).") var policy: String
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV, one row per enterprise.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let p = try GradingPolicy.read(path: policy)
            let report = try CLI.open(target.registry, readOnly: true).grade(year: year, policy: p)
            if json { return try CLI.printJSON(report) }
            if csv { return print(GradeText.csv(report), terminator: "") }
            print(GradeText.text(report))
        }
    }
}

enum GradeText {
    static func text(_ r: GradeReport) -> String {
        var lines = ["\(r.enterprises.count) enterprises graded for \(r.year) under \(r.policy)"]
        lines.append(Format.table(["rank", "enterprise", "name", "land mu", "score", "grade"], r.enterprises.map {
            [String($0.rank), $0.enterpriseID, $0.name ?? "", Format.fixed($0.landMu, 3), Format.fixed($0.score, 2), $0.grade.rawValue]
        }, rightAligned: [0, 3, 4]))
        for g in r.enterprises {
            lines.append("\(g.enterpriseID): \(g.explanation)" + (g.tie.map { " (\($0))" } ?? ""))
            for s in g.shares { lines.append("  land \(s.parcelID): \(s.explanation)") }
        }
        lines.append("grades: " + ["A", "B", "C", "D"].map { "\($0) \(r.counts[$0] ?? 0)" }.joined(separator: ", "))
        lines.append("\(r.proposals.count) parcels proposed for the inefficient-land list (confirm with `landbank inefficient REG --confirm P --basis … --date D --by WHO`):")
        for p in r.proposals {
            lines.append("  \(p.parcelID) (\(Format.fixed(p.parcelMu, 3)) mu): " + p.reasons.joined(separator: "; "))
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ r: GradeReport) -> String {
        let keys = r.enterprises.first?.indicators.map(\.key.rawValue) ?? []
        var out = (["rank", "enterprise_id", "name", "land_mu", "score", "score_grade", "grade", "vetoes"]
            + keys.flatMap { [$0, $0 + "_points"] } + ["tie", "explanation"]).joined(separator: ",") + "\n"
        for g in r.enterprises {
            var cells = [String(g.rank), g.enterpriseID, g.name ?? "", Format.fixed(g.landMu, 3), Format.fixed(g.score, 2),
                         g.scoreGrade.rawValue, g.grade.rawValue, g.vetoes.joined(separator: "; ")]
            for i in g.indicators { cells += [i.value.map { Format.fixed($0, 4) } ?? "missing", Format.fixed(i.points, 2)] }
            cells += [g.tie ?? "", g.explanation]
            out += cells.map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
}
