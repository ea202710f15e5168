import Foundation

/// One indicator's value and points for one enterprise.
public struct IndicatorScore: Sendable, Encodable {
    public var key: GradeIndicator
    public var unit: String
    /// nil when a figure is missing or a divisor is 0 (`gap` says which).
    public var value: Double?
    public var benchmark: Double
    /// The policy's weight, and the weight applied (scaled up when the policy re-weights missing figures).
    public var weight: Double
    public var appliedWeight: Double
    public var points: Double
    public var gap: String?

    enum CodingKeys: String, CodingKey { case key, unit, value, benchmark, weight, appliedWeight = "applied_weight", points, gap }
}

/// One enterprise's grade, with the indicators and the vetoes behind it, explained in words.
public struct EnterpriseGrade: Sendable, Encodable {
    public var enterpriseID: String
    public var name: String?
    /// Cadastral mu the enterprise uses (unrounded), and how each parcel's share was taken.
    public var landMu: Double
    public var shares: [LandShare]
    public var totals: EnterpriseTotals
    public var indicators: [IndicatorScore]
    /// The score, rounded to 0.01 (the cut-offs compare this), and the grade it earns before vetoes.
    public var score: Double
    public var scoreGrade: Grade
    /// The grade after vetoes.
    public var grade: Grade
    /// The vetoes that applied, in words.
    public var vetoes: [String]
    /// 1 = best; ties on the rounded score are ordered by enterprise id, and `tie` says so.
    public var rank: Int
    public var tie: String?
    public var explanation: String

    enum CodingKeys: String, CodingKey {
        case enterpriseID = "enterprise_id", name, landMu = "land_mu", shares, totals, indicators, score
        case scoreGrade = "score_grade", grade, vetoes, rank, tie, explanation
    }
}

/// Scores an enterprise by a policy. Pure: figures and land in, grade out.
public enum Grading {
    static func grade(_ t: EnterpriseTotals, landMu: Double, shares: [LandShare], policy: GradingPolicy) -> EnterpriseGrade {
        var scores: [IndicatorScore] = policy.indicators.map { i in
            switch i.key.value(t, landMu: landMu) {
            case .success(let v):
                let ratio = i.key.lessIsBetter ? (v > 0 ? i.benchmark / v : policy.cap) : v / i.benchmark
                return IndicatorScore(key: i.key, unit: i.key.unit, value: v, benchmark: i.benchmark, weight: i.weight,
                                      appliedWeight: i.weight, points: min(max(ratio, 0), policy.cap) * i.weight, gap: nil)
            case .failure(let gap):
                return IndicatorScore(key: i.key, unit: i.key.unit, value: nil, benchmark: i.benchmark, weight: i.weight,
                                      appliedWeight: policy.missing == .zero ? i.weight : 0, points: 0, gap: gap.description)
            }
        }
        if policy.missing == .reweight {
            let present = scores.filter { $0.value != nil }.reduce(0) { $0 + $1.weight }
            if present > 0 {
                for k in scores.indices where scores[k].value != nil {
                    let f = 100 / present
                    scores[k].appliedWeight = scores[k].weight * f
                    scores[k].points *= f
                }
            }
        }
        let score = (scores.reduce(0) { $0 + $1.points } * 100).rounded() / 100
        let scoreGrade = Grade.allCases.first { g in score >= policy.grades.first { $0.grade == g }!.minScore } ?? .D
        var grade = scoreGrade
        var vetoes: [String] = []
        for v in policy.vetoes {
            guard let n = t.count(v.fact), n >= v.atLeast else { continue }
            vetoes.append("\(n) \(v.fact.rawValue.replacingOccurrences(of: "_", with: " ")) (at least \(v.atLeast)) → at best \(v.grade.rawValue)")
            grade = max(grade, v.grade)
        }
        var g = EnterpriseGrade(enterpriseID: t.enterpriseID, name: t.name, landMu: landMu, shares: shares, totals: t,
                                indicators: scores, score: score, scoreGrade: scoreGrade, grade: grade, vetoes: vetoes,
                                rank: 0, tie: nil, explanation: "")
        g.explanation = explain(g, policy: policy)
        return g
    }

    /// "grade C (push to transform): score 63.42, B needs 70. Pulled down by: …; missing: …; veto: …".
    static func explain(_ g: EnterpriseGrade, policy: GradingPolicy) -> String {
        var s = "grade \(g.grade.rawValue) (\(g.grade.meaning)): score \(f(g.score, 2))"
        if g.scoreGrade != g.grade { s += ", \(g.scoreGrade.rawValue) by the score" }
        if g.scoreGrade != .A {
            let better = Grade.allCases[Grade.allCases.firstIndex(of: g.scoreGrade)! - 1]
            s += ", \(better.rawValue) needs \(f(policy.grades.first { $0.grade == better }!.minScore, 2))"
        }
        let weak = g.indicators.filter { $0.value != nil && $0.points < $0.appliedWeight - 1e-9 }
            .sorted { ($0.appliedWeight - $0.points, $1.key.rawValue) > ($1.appliedWeight - $1.points, $0.key.rawValue) }
        if !weak.isEmpty {
            s += ". Pulled down by: " + weak.prefix(3).map { i in
                "\(i.key.rawValue) \(f(i.value!, 2)) \(i.unit) against \(f(i.benchmark, 2)) (\(f(i.points, 2)) of \(f(i.appliedWeight, 2)) points)"
            }.joined(separator: "; ")
        }
        let missing = g.indicators.filter { $0.value == nil }
        if !missing.isEmpty {
            let how = policy.missing == .zero ? "scored 0" : "left out, the other weights scaled up"
            s += ". Missing, \(how): " + missing.map { "\($0.key.rawValue) (\($0.gap!))" }.joined(separator: "; ")
        }
        if !g.vetoes.isEmpty { s += ". Veto: " + g.vetoes.joined(separator: "; ") }
        else if g.grade == .A { s += ". No veto applies" }
        return s
    }

    static func f(_ v: Double, _ d: Int) -> String { String(format: "%.\(d)f", v) }

    /// Ranks by score (best first), ties on the rounded score ordered by enterprise id and said.
    static func ranked(_ grades: [EnterpriseGrade]) -> [EnterpriseGrade] {
        var out = grades.sorted { ($0.score, $1.enterpriseID) > ($1.score, $0.enterpriseID) }
        for i in out.indices {
            out[i].rank = i + 1
            let tied = out.filter { $0.score == out[i].score && $0.enterpriseID != out[i].enterpriseID }.map(\.enterpriseID)
            if !tied.isEmpty {
                out[i].tie = "tied on \(f(out[i].score, 2)) with \(tied.joined(separator: ", ")); ordered by enterprise id"
            }
        }
        return out
    }
}
