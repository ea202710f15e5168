import ArgumentParser
import LandbankLifecycle
import LandbankRegistry

struct IdleCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "idle-check",
        abstract: "Apply the 2012 Measures on the Disposal of Idle Land to the contracts in force.",
        discussion: """
            Idle: work not started one full year after the agreed start; or started, then stopped for one full \
            year with under 1/3 of the area developed or under 25% of the investment made. One full year idle: \
            an idle fee of 20% of the land price; two: the land may be recovered without compensation. Delays the \
            registry marks as the government's or force majeure are listed as excluded. Periods are counted as \
            the Civil Code counts them: exactly one year after the start is not yet idle; a year and a day is.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The day to judge (default: today, China Standard Time).") var asOf: CivilDate?
    @Option(help: "Only parcels in this zone.") var zone: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let day = asOf ?? .today()
            let findings = try CLI.open(target.registry, readOnly: true).idleCheck(asOf: day, filter: ParcelFilter(zone: zone))
            if output.json { return try CLI.printJSON(findings) }
            if findings.isEmpty { return print("no idle land as of \(day)") }
            let rows = findings.map { f in
                let v = f.verdict
                return [f.parcelID, f.contract.holder, v.kind.rawValue, v.idleSince.description, String(v.fullYearsIdle),
                        v.excluded ? "excluded" : (v.idleFee?.description ?? ""),
                        v.excluded ? "" : (v.mayRecoverWithoutCompensation ? "yes" : "no")]
            }
            print("idle land as of \(day) (2012 Measures on the Disposal of Idle Land)")
            print(Format.table(["parcel", "holder", "rule", "idle since", "full years", "idle fee (yuan)", "recover free"],
                               rows, rightAligned: [4, 5]))
            print()
            for f in findings { print("\(f.parcelID): \(f.verdict.reason)") }
            let fees = findings.compactMap { $0.verdict.excluded ? nil : $0.verdict.idleFee }.reduce(Money(fen: 0), +)
            print("\n\(findings.count) parcels; idle fees due \(fees) yuan; \(findings.filter { $0.verdict.excluded }.count) excluded")
        }
    }
}
