import ArgumentParser
import Foundation
import LandbankMatching
import LandbankRegistry

struct PolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy",
        abstract: "Set and show each zone's admission policy (标准地 gates, leading and refused industries).",
        subcommands: [PolicySet.self, PolicyShow.self, PolicyImport.self])
}

struct PolicySet: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set one zone's policy from a JSON object file.",
        discussion: """
            Keys: leading_industries, refused_industries (industry codes), min_investment_intensity_wan_per_mu, \
            min_tax_wan_per_mu_year, min_output_wan_per_mu_year (万元/亩), max_energy_tce_per_wan_output \
            (tce per 万元 of output), min_plot_ratio, available_statuses, available_floor_statuses.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The zone.") var zone: String
    @Argument(help: "The policy, a JSON object.") var file: String
    @Option(name: .customLong("by"), help: "Who sets it (default: the login name).") var recordedBy: String?

    func run() throws {
        try CLI.run(registry: target.registry) {
            let data = try MatchText.contents(of: file)
            // A bad policy names the file as well as the zone and key.
            let policy = try MatchText.listingEach {
                do { return try ZonePolicy.read(data, zone: zone) } catch let e as MatchInputError { throw MatchInputErrors(file: file, errors: [e]) }
            }
            let registry = try CLI.open(target.registry)
            try registry.setZonePolicyJSON(zone: zone, json: policy.json, by: CLI.recorder(recordedBy))
            print("set the policy of zone \(zone)")
        }
    }
}

struct PolicyImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Set the policies of several zones from a JSON object keyed by zone.",
        discussion: "Every policy is checked before any is written; a bad one names its zone and key.")

    @OptionGroup var target: RegistryArgument
    @Argument(help: "A JSON object keyed by zone, each value a policy.") var file: String
    @Option(name: .customLong("by"), help: "Who sets them (default: the login name).") var recordedBy: String?

    func run() throws {
        try CLI.run(registry: target.registry) {
            let data = try MatchText.contents(of: file)
            let policies = try MatchText.listingEach { try ZonePolicy.readAll(data, file: file) }
            let registry = try CLI.open(target.registry)
            // All zones in one transaction: all of them or none.
            try registry.setZonePolicyJSON(Dictionary(policies.map { ($0.0, $0.1.json) }, uniquingKeysWith: { a, _ in a }),
                                           by: CLI.recorder(recordedBy))
            print("set the policies of \(policies.count) zone\(policies.count == 1 ? "" : "s") from \(file)")
        }
    }
}

struct PolicyShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show the zones' policies.")

    @OptionGroup var target: RegistryArgument
    @Option(help: "Only this zone.") var zone: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            var book = try PolicyBook(registry: registry).policies
            if let zone {
                guard let p = book[zone] else {
                    throw CLIError("\(target.registry): zone \(zone) has no policy (the defaults apply: offers \(ZonePolicy().availableStatuses.map(\.rawValue).joined(separator: ", ")); no gates)", .notFound)
                }
                book = [zone: p]
            }
            if output.json {
                let object = try book.mapValues { try JSONSerialization.jsonObject(with: Data($0.json.utf8)) }
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
                return print(String(decoding: data, as: UTF8.self))
            }
            for (zone, p) in book.sorted(by: { $0.key < $1.key }) { print(PolicyText.lines(zone, p)) }
            if book.isEmpty { print("no zone has a policy; the defaults apply everywhere") }
        }
    }
}

enum PolicyText {
    static func lines(_ zone: String, _ p: ZonePolicy) -> String {
        func v(_ x: Double?, _ unit: String) -> String { x.map { "\(Format.fixed($0, 2)) \(unit)" } ?? "—" }
        return """
            zone \(zone)
              leading industries      \(p.leadingIndustries.map(\.rawValue).joined(separator: ", "))
              refused industries      \(p.refusedIndustries.map(\.rawValue).joined(separator: ", "))
              investment intensity ≥  \(v(p.minInvestmentIntensityWanPerMu, "万元/亩"))
              tax per mu ≥            \(v(p.minTaxWanPerMuYear, "万元/亩 a year"))
              output per mu ≥         \(v(p.minOutputWanPerMuYear, "万元/亩 a year"))
              energy per output ≤     \(v(p.maxEnergyTcePerWanOutput, "tce/万元"))
              plot ratio ≥            \(v(p.minPlotRatio, ""))
              land offered            \(p.availableStatuses.map(\.rawValue).joined(separator: ", "))
              floor space offered     \(p.availableFloorStatuses.map(\.rawValue).joined(separator: ", "))
            """
    }
}
