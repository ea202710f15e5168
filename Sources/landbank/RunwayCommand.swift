import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

struct RunwayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runway",
        abstract: "How many years the available land and floor space last at a pipeline's pace (尚可供应年限).",
        discussion: """
            The pipeline is a demand file as `match` reads it, holding --years years of demand. Each land demand \
            takes its land_mu (the middle of min and max, or the one end given) and falls in a size class \
            (< 30, 30–100, 100–500, ≥ 500 mu); floor-space demands take their floor_space_m2 the same way. Per class, \
            years = available mu of the class ÷ the class's mu a year, counting single available parcels (each \
            zone's offered statuses, as `match` finds them); the joined figures count contiguous blocks (within \
            --tolerance) once, in the class of their summed area. Floor space: vacant m² of available buildings ÷ \
            m² a year. The stock runs short that many years after --from. Only reads.

            Without --pipeline, the pipeline is the registry's own projects (those with a demand recorded): signed \
            projects (at signed) without a site count in full; projects at lead … decided count their area times the chance \
            that a project at their stage signs, from the registry's history (of the projects that reached the \
            stage, the share that reached signed: the product of the stage-to-stage conversions). The rates used \
            are printed.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The pipeline: a demand file (one demand or an array), as `match` reads (default: the registry's projects).")
    var pipeline: String?
    @Option(help: "The years of demand the pipeline holds (its pace is its need ÷ this).") var years: Double = 1
    @Option(help: "Start on this date, YYYY-MM-DD (default: today, China Standard Time).") var from: CivilDate?
    @Option(help: "Only this zone's land and floor space, and the demands that allow it.") var zone: String?
    @Option(help: "Parcels touching or within this many metres form one block (the joined figures).") var tolerance: Double = 5
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard years.isFinite, years > 0, years <= 100 else { throw ValidationError("--years must be more than 0 and at most 100, not \(years)") }
        guard tolerance.isFinite, (0...1000).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 1000 m, not \(tolerance)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) { try MatchText.listingEach {
            let registry = try CLI.open(target.registry, readOnly: true)
            let book = try PolicyBook(registry: registry)
            var check = DemandCheck(registry: registry, book: book)
            let options = RunwayOptions(years: years, from: from ?? .today(), toleranceM: tolerance, zone: zone)
            var list: [Demand] = []
            if let pipeline {
                list = try DemandReader.read(try MatchText.contents(of: pipeline), file: pipeline) { try check.problem($0) }
            }
            if let zone, try !check.isKnown(zone) {
                throw CLIError("\(target.registry): unknown zone \"\(zone.prefix(40))\": no parcel and no policy names it", .notFound)
            }
            let runway = pipeline != nil ? try Runway.measure(list, registry: registry, book: book, options: options)
                : try Runway.measurePipeline(registry: registry, book: book, options: options) { try check.problem($0) }
            if output.json { return try CLI.printJSON(runway) }
            print(RunwayText.text(runway))
        } }
    }
}

/// A runway as the terminal shows it.
enum RunwayText {
    /// 1, 0.5, 2.25: no trailing zeros.
    static func plain(_ v: Double) -> String { String(format: "%g", v) }

    static func text(_ r: Runway) -> String {
        let counted = r.land.demands + r.floorSpace.demands
        var lines = ["supply runway from \(r.from)\(r.zone.map { ", zone \($0)" } ?? ""): \(counted) demand\(counted == 1 ? "" : "s")"
            + " over \(plain(r.pipelineYears)) year\(r.pipelineYears == 1 ? "" : "s") (\(r.land.demands) land, \(r.floorSpace.demands) floor space)"]
        func cells(_ p: Pace, _ d: Int) -> [String] {
            [String(p.demands), Format.fixed(p.needPerYear, d), String(p.sites), Format.fixed(p.available, d),
             p.years.map { Format.fixed($0, 2) } ?? "never", p.runsShort?.description ?? (p.years == nil ? "" : "after 1000 years")]
        }
        let rows = r.classes.map { c in ["\(c.sizeClass.label) mu"] + cells(c.parcels, 1) + Array(cells(c.joined, 1)[2...]) }
            + [["all land, mu"] + cells(r.land, 1) + ["", "", "", ""], ["floor space, m²"] + cells(r.floorSpace, 0) + ["", "", "", ""]]
        lines.append(Format.table(["class", "demands", "need/yr", "sites", "available", "years", "runs short",
                                   "blocks", "block mu", "years", "runs short"],
                                  rows, rightAligned: [1, 2, 3, 4, 5, 7, 8, 9]))
        lines.append("years = available ÷ need a year (the pipeline's need ÷ \(plain(r.pipelineYears))); it runs short that many years after \(r.from)")
        lines.append("sites: single available parcels of the class (floor space: buildings with vacant floor space, their vacant m²)")
        lines.append("blocks: contiguous available land (parcels touching or within \(plain(r.toleranceM)) m), each in the class of its summed area")
        if !r.unsized.isEmpty { lines.append("not counted (no area for what they want): " + r.unsized.joined(separator: ", ")) }
        if !r.elsewhere.isEmpty { lines.append("not counted (their zones leave out \(r.zone ?? "")): " + r.elsewhere.joined(separator: ", ")) }
        if let p = r.pipeline { lines.append(pipeline(p)) }
        return lines.joined(separator: "\n")
    }

    /// The registry's pipeline: what was counted and with which weights.
    static func pipeline(_ p: PipelinePull) -> String {
        let full = p.projects.filter { $0.stage == .signed }.count
        var lines = ["", "pipeline: the registry's projects as of \(p.asOf): \(full) signed without a site (weight 1), "
            + "\(p.projects.count - full) before signing, weighted by the chance to sign from the registry's history"]
        let rows = p.rates.map { r -> [String] in
            let conversion = r.reached > 0 ? Format.fixed(Double(r.wentOn) * 100 / Double(r.reached), 1) + "%" : "—"
            let now = p.projects.filter { $0.stage == r.stage }.count
            return [ProjectText.stage(r.stage), String(r.reached), String(r.wentOn), conversion, Format.fixed(r.weight * 100, 1) + "%", String(now)]
        }
        lines.append(Format.table(["stage", "reached", "went on", "conversion", "weight (signs)", "projects now"], rows,
                                  rightAligned: [1, 2, 3, 4, 5]))
        lines.append("weight = of the projects that reached the stage, the share that reached signed (the product of the conversions from it on)")
        if !p.withoutDemand.isEmpty {
            let more = p.withoutDemand.count > 10 ? " and \(p.withoutDemand.count - 10) more (--json lists them)" : ""
            lines.append("not counted (no demand recorded): " + p.withoutDemand.prefix(10).joined(separator: ", ") + more)
        }
        return lines.joined(separator: "\n")
    }
}
