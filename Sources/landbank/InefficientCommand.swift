import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankMatching
import LandbankRegistry

struct InefficientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inefficient",
        abstract: "The inefficient-land list (低效用地): why each parcel is on it, its plan, and the blocks it would form.",
        discussion: """
            Listed: parcels confirmed inefficient (--confirm P --basis "grade D 2024, policy …", a mark in the \
            parcel's history, lifted with --lift P), idle under the idle-land check, of a plot ratio below the \
            policy's min_plot_ratio while in use (--policy), or under a project the ledger finds in breach. \
            --plan P --method M --date D records the disposal intended (one plot, one plan). The blocks are the \
            contiguous blocks (as `landbank blocks` joins them) the listed parcels form with the available land.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The date the list is drawn at (default: today); with --confirm, --lift or --plan the event's date.")
    var date: CivilDate?
    @Option(help: "A grading policy (JSON) whose min_plot_ratio lists land in use below it.") var policy: String?
    @Option(help: "Confirm this parcel as inefficient land (needs --basis and --by).") var confirm: String?
    @Option(help: "Lift the mark from this parcel (needs --basis and --by).") var lift: String?
    @Option(help: "The basis of a confirmation or lifting, e.g. \"grade D 2024, policy 新余高新区…\".") var basis: String?
    @Option(help: "Record the disposal planned for this parcel (needs --method, --date and --by).") var plan: String?
    @Option(help: "The disposal method planned: land_recovery, acquisition, lease, capital_increase, swap, restructuring.")
    var method: DisposalMethod?
    @Option(name: .customLong("by"), help: "Who records it.") var recordedBy: String?
    @Option(help: "A note.") var note: String?
    @Option(help: "Blocks of at least this cadastral area, mu.") var minMu: Double = 500
    @Option(help: "Join parcels touching or within this many metres.") var tolerance: Double = 5
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV, one row per parcel.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
        let writes = [confirm, lift, plan].compactMap { $0 }.count
        if writes > 1 { throw ValidationError("give one of --confirm, --lift, --plan") }
        if writes == 1 && (recordedBy == nil || date == nil) { throw ValidationError("--confirm, --lift and --plan need --date and --by") }
        if (confirm != nil || lift != nil) && basis == nil { throw ValidationError("--confirm and --lift need --basis") }
        if plan != nil && method == nil { throw ValidationError("--plan needs --method") }
        guard minMu.isFinite, minMu >= 0 else { throw ValidationError("--min-mu must be 0 or more, not \(minMu)") }
        guard tolerance.isFinite, (0...1000).contains(tolerance) else { throw ValidationError("--tolerance must be 0 to 1000 m, not \(tolerance)") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            if let id = confirm ?? lift {
                let registry = try CLI.open(target.registry)
                let e = confirm != nil
                    ? try registry.markInefficient(parcelID: id, date: date!, basis: basis!, recordedBy: recordedBy!, note: note)
                    : try registry.liftInefficient(parcelID: id, date: date!, basis: basis!, recordedBy: recordedBy!, note: note)
                return print("recorded event #\(e.id): parcel \(id) \(confirm != nil ? "marked inefficient" : "no longer marked inefficient") from \(e.date) (\(basis!))")
            }
            if let id = plan {
                try CLI.open(target.registry).planInefficient(parcelID: id, method: method!, plannedFor: date!, recordedBy: recordedBy!, note: note)
                return print("planned for parcel \(id): \(method!.rawValue) (\(method!.chineseName)) by \(date!)")
            }
            let registry = try CLI.open(target.registry, readOnly: true)
            let minRatio = try policy.map { try GradingPolicy.read(path: $0).minPlotRatio } ?? nil
            let list = try registry.inefficientList(asOf: date ?? .today(), minPlotRatio: minRatio)
            let blocks = try BlockFinder.find(registry, book: try PolicyBook(registry: registry), adding: list.map(\.parcelID),
                                              minMu: minMu, toleranceM: tolerance)
            let listed = Set(list.map(\.parcelID))
            if json {
                struct Out: Encodable { var parcels: [InefficientParcel]; var blocks: [Block]; var min_mu: Double }
                return try CLI.printJSON(Out(parcels: list, blocks: blocks, min_mu: minMu))
            }
            if csv { return print(InefficientText.csv(list), terminator: "") }
            print(InefficientText.text(list, blocks: blocks, listed: listed, minMu: minMu))
        }
    }
}

enum InefficientText {
    static func text(_ list: [InefficientParcel], blocks: [Block], listed: Set<String>, minMu: Double) -> String {
        var lines = [Format.table(["parcel", "zone", "mu", "floor m²", "plot ratio", "reasons", "plan"], list.map { p in
            [p.parcelID, p.zone ?? "", Format.fixed(p.cadastralMu, 3), Format.fixed(p.floorSpaceM2, 0), Format.fixed(p.plotRatio, 2),
             p.reasons.map(\.rawValue).joined(separator: ","), p.plan.map { "\($0.method.rawValue) by \($0.plannedFor)" } ?? ""]
        }, rightAligned: [2, 3, 4])]
        for p in list { lines.append("\(p.parcelID): " + p.why.joined(separator: "; ")) }
        let mu = list.reduce(0) { $0 + $1.cadastralMu }
        lines.append("\(list.count) parcels, \(Format.fixed(mu, 3)) mu on the inefficient-land list")
        lines.append("\(blocks.count) contiguous block\(blocks.count == 1 ? "" : "s") of at least \(Format.fixed(minMu, 3)) mu with the available land:")
        for (i, b) in blocks.enumerated() {
            let mine = b.parcels.filter(listed.contains)
            lines.append("  block \(i + 1): \(Format.fixed(b.areaMu, 3)) mu, \(b.parcels.count) parcels (\(mine.count) listed: \(mine.joined(separator: " ")))")
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ list: [InefficientParcel]) -> String {
        var out = "parcel_id,zone,status,cadastral_mu,floor_space_m2,plot_ratio,reasons,why,plan_method,plan_date\n"
        for p in list {
            out += [p.parcelID, p.zone ?? "", p.status?.rawValue ?? "", Format.fixed(p.cadastralMu, 3), Format.fixed(p.floorSpaceM2, 0),
                    Format.fixed(p.plotRatio, 3), p.reasons.map(\.rawValue).joined(separator: ";"), p.why.joined(separator: "; "),
                    p.plan?.method.rawValue ?? "", p.plan?.plannedFor.description ?? ""].map(GradeText.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
