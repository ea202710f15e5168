import ArgumentParser
import Foundation
import LandbankMatching
import LandbankRegistry

struct ProjectMatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match", abstract: "Find sites for a project by its recorded demand (as `landbank match` does for a demand file).")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The project's id.") var id: String
    @Option(help: "Show at most this many candidates.") var limit: Int = 10
    @Option(help: "Join parcels touching or within this many metres.") var tolerance: Double = 5
    @OptionGroup var output: OutputOptions

    func validate() throws {
        try OptionRanges.count(limit, "--limit")
        guard tolerance.isFinite, (0...1000).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 1000 m, not \(tolerance)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) { try MatchText.listingEach {
            let registry = try CLI.open(target.registry, readOnly: true)
            let matcher = try Matcher(registry: registry)
            var check = DemandCheck(registry: registry, book: matcher.book)
            let demands = try Self.demands(of: id, in: registry, registryPath: target.registry, check: &check)
            let answer = try matcher.match(demands[0], options: MatchOptions(limit: limit, toleranceM: tolerance))
            if output.json { return try CLI.printJSON(answer) }
            print(MatchText.answer(answer))
        } }
    }

    /// The demand recorded on project `id`, read and checked as a demand file is (a project without one is not
    /// found, exit 66; a bad one names the project's demand and the key).
    static func demands(of id: String, in registry: Registry, registryPath: String, check: inout DemandCheck) throws -> [Demand] {
        guard let p = try registry.project(id: id) else { throw CLIError("\(registryPath): no project \(id)", .notFound) }
        guard let json = p.demandJSON else {
            throw CLIError("\(registryPath): project \(id) has no demand recorded (give it a demand column on import, or `project add --demand FILE`)", .notFound)
        }
        let source = "project \(id)'s demand"
        let demands = try DemandReader.read(Data(json.utf8), file: source)
        let problems = try check.problems(demands)
        if !problems.isEmpty { throw MatchInputErrors(file: source, errors: problems) }
        return demands
    }
}
