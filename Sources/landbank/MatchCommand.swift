import ArgumentParser
import Foundation
import LandbankMatching
import LandbankRegistry

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "Find the best available sites for an investor's demand, ranked, with reasons.",
        discussion: """
            A demand is a JSON object (README, "Matching"): id, industry, wants, land_mu, floor_space_m2, \
            clear_height_m, floor_load_kn_m2, power_kva, crane_t, near {lon, lat, max_km}, zones, \
            max_land_price_yuan_per_mu, max_rent_yuan_m2_month, available_by, investment_yuan, annual_tax_yuan, \
            annual_output_yuan, energy_tce_per_year, plot_ratio and prefer (soft wishes with weights). A file may \
            hold one demand or an array; --demands answers each independently. Hard requirements are never \
            violated; sites missing data are ranked lower and say what is missing. Matching only reads.

            --project P matches the demand recorded on project P (`landbank project add --demand`, or the demand \
            column of `project import`); give it several times to answer several projects, each independently, or \
            add --jointly to assign them sites jointly as --batch does (then `project assign --batch` accepts it).
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "A demand file (one demand or an array).") var demand: String?
    @Option(help: "A file of demands to answer each independently (a pipeline screen).") var demands: String?
    @Option(help: "A file of demands to assign sites to jointly: no parcel or building twice, the best total score (exact, GLPK).")
    var batch: String?
    @Option(name: .customLong("project"), help: "Match the demand recorded on this project (repeat for several).")
    var projects: [String] = []
    @Flag(help: "With --project: assign the projects sites jointly, as --batch does for a file.") var jointly = false
    @Flag(help: "With --batch or --jointly: list every candidate considered for each demand, so the optimum can be checked.") var explain = false
    @Option(help: "With --batch or --jointly: stop proving optimality after this many seconds (the answer then gives its gap).")
    var timeLimit: Double?
    @Option(help: "Show at most this many candidates per demand.") var limit: Int = 10
    @Flag(name: .customLong("no-near-misses"),
          help: "Candidates only: leave out the excluded counts and near misses, whose searches cost far more than the candidates on a large registry.")
    var noNearMisses = false
    @Option(help: "Join parcels touching or within this many metres (never across a wider gap).") var tolerance: Double = 5
    @Option(help: "Also write the candidates as RFC 7946 GeoJSON to this file.") var geojson: String?
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if [demand, demands, batch].compactMap({ $0 }).count + (projects.isEmpty ? 0 : 1) != 1 {
            throw ValidationError("give one demand file, or --demands FILE, or --batch FILE, or --project P")
        }
        if jointly && projects.isEmpty { throw ValidationError("--jointly goes with --project") }
        if explain && batch == nil && !jointly { throw ValidationError("--explain goes with --batch or --jointly") }
        if let timeLimit, !(timeLimit.isFinite && timeLimit > 0) { throw ValidationError("--time-limit must be a positive number of seconds") }
        try OptionRanges.count(limit, "--limit")
        guard tolerance.isFinite, (0...1000).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 1000 m, not \(tolerance)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) { try MatchText.listingEach {
            let registry = try CLI.open(target.registry, readOnly: true)
            let matcher = try Matcher(registry: registry)
            var check = DemandCheck(registry: registry, book: matcher.book)
            let list: [Demand]
            if projects.isEmpty {
                // validate() made sure exactly one of the three is given.
                let file = demand ?? demands ?? batch!
                // Read outside `CLI.input`, which would flatten the list of bad demands into one wrapped line.
                list = try DemandReader.read(try MatchText.contents(of: file), file: file) { try check.problem($0) }
            } else {
                list = try projects.flatMap { try ProjectMatch.demands(of: $0, in: registry, registryPath: target.registry, check: &check) }
            }
            let options = MatchOptions(limit: limit, toleranceM: tolerance, explain: !noNearMisses)
            if batch != nil || jointly {
                let answer = try matcher.assign(list, options: options, explain: explain,
                                                timeLimit: timeLimit.map { .milliseconds(Int($0 * 1000)) })
                return output.json ? try CLI.printJSON(answer) : print(MatchText.batch(answer))
            }
            let answers = try list.map { try matcher.match($0, options: options) }
            if let geojson {
                var map = try SiteMap(registry: registry)
                for a in answers { try map.add(a) }
                try MatchText.write(try map.data(name: "candidates"), to: geojson, registry: target.registry)
            }
            let single = demands == nil && (projects.isEmpty ? answers.count == 1 : projects.count == 1)
            if output.json { return single ? try CLI.printJSON(answers[0]) : try CLI.printJSON(answers) }
            print(answers.map(MatchText.answer).joined(separator: "\n\n"))
        } }
    }
}

/// An answer as the terminal shows it.
enum MatchText {
    static func answer(_ a: MatchAnswer) -> String {
        var lines = ["demand \(a.demand)" + (a.name.map { " (\($0))" } ?? "") + ": \(a.candidates.count) candidate\(a.candidates.count == 1 ? "" : "s")"]
        if !a.candidates.isEmpty {
            let rows = a.candidates.enumerated().map { i, c in
                [String(i + 1), c.site.kind.rawValue, c.parcels.joined(separator: "+"), c.building ?? "",
                 c.site.parcels.compactMap(\.zone).first ?? "", Format.fixed(c.site.areaMu, 3),
                 c.site.vacantFloorM2.map { Format.fixed($0, 0) } ?? "", c.site.distanceKm.map { Format.fixed($0, 3) } ?? "",
                 Format.fixed(c.score, 1), Format.fixed(c.reliability, 2)]
            }
            lines.append(Format.table(["rank", "kind", "parcels", "building", "zone", "mu", "vacant m²", "km", "score", "reliability"],
                                      rows, rightAligned: [0, 5, 6, 7, 8, 9]))
            for (i, c) in a.candidates.enumerated() { lines.append("\(i + 1). " + c.reasons.joined(separator: "; ")) }
        }
        let excluded = a.excluded.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        if !excluded.isEmpty {
            lines.append("excluded (sites failing only this): " + excluded.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        if let asm = a.assembly {
            let how = asm.nearestFirst
                ? (asm.exact ? " (nearest first: every set that could rank considered)" : " (search stopped early; not every set that could rank considered)")
                : (asm.exact ? " (every set considered)" : " (search stopped early; not every set considered)")
            lines.append("joined sites: \(asm.sets) sets of up to \(asm.maxParcels) of \(asm.parts) parcels within \(Format.fixed(asm.toleranceM, 1)) m" + how)
        }
        if !a.nearMisses.isEmpty {
            lines.append("near misses:")
            lines += a.nearMisses.map { "  - \($0.text)" }
        }
        return lines.joined(separator: "\n")
    }
}

extension MatchText {
    /// Runs `body`; bad demands or policies are printed one line each (every one of them), exit status 65.
    static func listingEach<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as MatchInputErrors {
            for line in e.lines { printError("landbank: error: \(line)") }
            throw ExitCode(ExitStatus.code(.invalidInput))
        }
    }
}

extension MatchText {
    /// A demand or policy file's bytes (`-`: standard input); a missing file is "not found" (exit 66), others one
    /// line naming the file.
    static func contents(of file: String) throws -> Data {
        if file == "-" { return FileHandle.standardInput.readDataToEndOfFile() }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) else {
            throw CLIError("\(file): no such file", .notFound)
        }
        if isDirectory.boolValue { throw CLIError("\(file): is a directory, not a JSON file") }
        do { return try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            let why = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            throw CLIError("\(file): cannot be read (\(why))")
        }
    }
}

extension MatchText {
    /// Writes a map (`--geojson`) whole (an atomic replace), refusing the registry itself and a directory; a
    /// failure is one line naming the file.
    /// The export's `OutputFile`/`OutputTarget` refuse more (any SQLite file, devices, the registry by a hard
    /// link) but are internal to LandbankRegistry; a public seam there would serve these maps as well.
    static func write(_ data: Data, to file: String, registry: String) throws {
        guard URL(fileURLWithPath: file).standardized.path != URL(fileURLWithPath: registry).standardized.path else {
            throw CLIError("\(file): is the registry itself; give another file name")
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CLIError("\(file): is a directory; give a file name")
        }
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent().path
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CLIError("\(file): no such folder \(folder)", .notFound)
        }
        do { try data.write(to: URL(fileURLWithPath: file), options: .atomic) } catch {
            let why = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            throw CLIError("\(file): cannot be written (\(why))", .storage)
        }
    }
}
