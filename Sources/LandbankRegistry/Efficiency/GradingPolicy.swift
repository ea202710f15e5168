import Foundation

/// A zone's per-mu grading policy (亩均评价办法): indicators with weights and benchmarks, grade cut-offs and
/// vetoes. Read from a JSON file (the format is in the README, with `Fixtures/grading-xinyu.json` as example).
///
/// Each indicator scores `min(ratio, cap) × weight`, where ratio = actual ÷ benchmark for an indicator where
/// more is better, benchmark ÷ actual where less is better (energy, emissions per unit of value added; an actual
/// of 0 scores the cap). Weights add up to 100, so scores run from 0 to 100 × cap.
public struct GradingPolicy: Sendable, Codable, Equatable {
    public struct Indicator: Sendable, Codable, Equatable {
        public var key: GradeIndicator
        public var weight: Double
        public var benchmark: Double
    }

    public struct Cutoff: Sendable, Codable, Equatable {
        public var grade: Grade
        /// The lowest score (rounded to 0.01) that earns this grade.
        public var minScore: Double
        enum CodingKeys: String, CodingKey { case grade, minScore = "min_score" }
    }

    /// A fact that caps the grade whatever the score (一票否决): e.g. a major safety incident → D.
    public struct Veto: Sendable, Codable, Equatable {
        public var fact: VetoFact
        /// The veto applies when the fact's count is at least this (default 1).
        public var atLeast: Int
        /// The best grade the enterprise may then have.
        public var grade: Grade
        enum CodingKeys: String, CodingKey { case fact, atLeast = "at_least", grade }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            fact = try c.decode(VetoFact.self, forKey: .fact)
            atLeast = try c.decodeIfPresent(Int.self, forKey: .atLeast) ?? 1
            grade = try c.decode(Grade.self, forKey: .grade)
        }
    }

    /// How a missing figure scores.
    public enum Missing: String, Sendable, Codable {
        /// 0 points for that indicator (the default), said in the explanation.
        case zero
        /// Left out, the other indicators' weights scaled up to the same total, said in the explanation.
        case reweight
    }

    public var name: String
    public var cap: Double
    public var missing: Missing
    public var indicators: [Indicator]
    public var grades: [Cutoff]
    public var vetoes: [Veto]
    /// Plot ratio (floor area ÷ parcel area) below which a parcel is listed as inefficient land (nil: not used).
    public var minPlotRatio: Double?

    enum CodingKeys: String, CodingKey {
        case name, cap, missing, indicators, grades, vetoes, minPlotRatio = "min_plot_ratio"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        cap = try c.decodeIfPresent(Double.self, forKey: .cap) ?? 1
        missing = try c.decodeIfPresent(Missing.self, forKey: .missing) ?? .zero
        indicators = try c.decode([Indicator].self, forKey: .indicators)
        grades = try c.decode([Cutoff].self, forKey: .grades)
        vetoes = try c.decodeIfPresent([Veto].self, forKey: .vetoes) ?? []
        minPlotRatio = try c.decodeIfPresent(Double.self, forKey: .minPlotRatio)
    }

    /// Reads and checks a policy file; one-line errors name the file and what is wrong.
    public static func read(path: String) throws -> GradingPolicy {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw RegistryError(path: path, kind: .notFound, "cannot read the grading policy: \(error.localizedDescription)")
        }
        return try parse(data, name: path)
    }

    public static func parse(_ data: Data, name: String) throws -> GradingPolicy {
        let p: GradingPolicy
        do { p = try JSONDecoder().decode(GradingPolicy.self, from: data) } catch let e as DecodingError {
            throw RegistryError(path: name, kind: .invalidArgument, "not a grading policy: \(describe(e))")
        }
        if let problem = p.problem { throw RegistryError(path: name, kind: .invalidArgument, "grading policy: \(problem)") }
        return p
    }

    /// What is wrong with the policy, or nil.
    var problem: String? {
        if !(cap.isFinite && cap >= 1) { return "cap \(cap) must be 1 or more" }
        if indicators.isEmpty { return "no indicators" }
        var seen = Set<GradeIndicator>()
        for i in indicators {
            if !seen.insert(i.key).inserted { return "indicator \(i.key.rawValue) appears twice" }
            if !(i.weight.isFinite && i.weight > 0) { return "indicator \(i.key.rawValue): weight \(i.weight) must be more than 0" }
            if !(i.benchmark.isFinite && i.benchmark > 0) { return "indicator \(i.key.rawValue): benchmark \(i.benchmark) must be more than 0" }
        }
        let total = indicators.reduce(0) { $0 + $1.weight }
        if abs(total - 100) > 1e-9 { return "the weights add up to \(total), not 100" }
        let g = Set(grades.map(\.grade))
        if g.count != grades.count || g != Set(Grade.allCases) { return "give one cut-off for each of A, B, C, D" }
        let ordered = Grade.allCases.map { grade in grades.first { $0.grade == grade }!.minScore }
        if zip(ordered, ordered.dropFirst()).contains(where: { $0 <= $1 }) { return "cut-offs must fall from A to D" }
        if ordered.last! > 0 { return "D's min_score must be 0, so that every score has a grade" }
        if let v = vetoes.first(where: { $0.atLeast < 1 }) { return "veto \(v.fact.rawValue): at_least must be 1 or more" }
        if let r = minPlotRatio, !(r.isFinite && r > 0) { return "min_plot_ratio \(r) must be more than 0" }
        return nil
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [any CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".") }
        switch e {
        case .keyNotFound(let k, let ctx): return "missing \"\(k.stringValue)\"" + (ctx.codingPath.isEmpty ? "" : " in \(path(ctx.codingPath))")
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "not valid JSON" : "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }
}

/// 亩均评价等级 — A develop first (优先发展), B support (支持发展), C push to transform (提升发展),
/// D remedy or exit (整治淘汰).
public enum Grade: String, CaseIterable, Codable, Sendable, Comparable {
    case A, B, C, D

    public var meaning: String {
        switch self {
        case .A: return "develop first (优先发展)"
        case .B: return "support (支持发展)"
        case .C: return "push to transform (提升发展)"
        case .D: return "remedy or exit (整治淘汰)"
        }
    }

    /// A < D: the later letter is the worse grade.
    public static func < (a: Grade, b: Grade) -> Bool { a.rawValue < b.rawValue }
}

/// The facts a veto may read: counts of incidents in the year.
public enum VetoFact: String, CaseIterable, Codable, Sendable {
    case majorSafetyIncidents = "major_safety_incidents"
    case majorEnvironmentIncidents = "major_environment_incidents"
    case safetyIncidents = "safety_incidents"
    case environmentIncidents = "environment_incidents"
}
