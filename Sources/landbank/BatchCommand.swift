import ArgumentParser
import Foundation
import LandbankLifecycle
import LandbankRegistry

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch", abstract: "Approval batches (报批批次) and land approved but not supplied (批而未供).",
        subcommands: [BatchImport.self, BatchReportCommand.self])
}

struct BatchImport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import approval batch polygons (GeoJSON, GeoPackage, Shapefile…), all or none.",
        discussion: """
            Properties: approval_no (批准文号; else the feature id), kind (农用地转用 or 土地征收), approved_on \
            (YYYY-MM-DD), approved_area_mu or approved_area_ha (the declared area), name, zone. Areas are measured \
            by landbank in the registry's CRS; the declared area is compared and reported, never summed. A batch \
            already in the registry (same approval number) is replaced.
            """)

    @OptionGroup var target: RegistryArgument
    @Argument(help: "The batch file.") var file: String
    @Option(help: "CRS of the input coordinates, overriding what the file declares (e.g. EPSG:4547).") var crs: String?
    @Option(help: "The layer to read from a GeoPackage input.") var layer: String?
    @Option(name: .customLong("by"), help: "Who records the import (default: $USER).") var recordedBy: String?
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry)
            let source = try CLI.input(file) { try FeatureSources.open(file, layer: layer) }
            let s = try registry.importBatches(from: source, options: ImportOptions(crs: crs), recordedBy: CLI.recorder(recordedBy))
            if output.json { return try CLI.printJSON(s) }
            for n in s.notes { printError("landbank: \(n)") }
            print(Format.table(["batch", "computed mu", "declared mu", "difference mu", "difference"], s.areas.map { a in
                [a.approvalNumber, Format.fixed(a.computedMu, 3), a.declaredMu.map { Format.fixed($0, 3) } ?? "—",
                 a.differenceMu.map { Format.fixed($0, 3) } ?? "—", a.differenceShare.map { Format.fixed($0 * 100, 2) + "%" } ?? "—"]
            }, rightAligned: [1, 2, 3, 4]))
            print("\(file): \(s.batches) approval batches imported")
        }
    }
}

struct BatchReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Approved, supplied and approved-not-supplied land per batch and zone (批而未供, 供而未用).",
        discussion: """
            Supplied: parcels with a supply contract recorded on or before --as-of (the contract event's date), \
            clipped to the batch (GEOS intersection); unsupplied: the batch less those parcels (GEOS difference). \
            Cadastral mu, rounded once at the end to 0.001 mu: the approved column adds up (batches to zones to \
            the total) and in every row supplied + unsupplied = approved. Flagged: approved more than two years \
            before --as-of with land still unsupplied. Supplied but not used: contracts in force with no actual \
            start, with the idle-land verdict. --geojson writes the unsupplied polygons for a web map.
            """)

    @OptionGroup var target: RegistryArgument
    @Option(help: "The date the ledger is drawn at (default: today).") var asOf: CivilDate?
    @Option(help: "Also write the approved-not-supplied polygons as RFC 7946 GeoJSON to this file.") var geojson: String?
    @Flag(help: "Print JSON.") var json = false
    @Flag(help: "Print CSV, one row per batch and per zone.") var csv = false

    func validate() throws {
        if json && csv { throw ValidationError("--json and --csv exclude each other") }
    }

    func run() throws {
        try CLI.run(registry: target.registry) {
            let registry = try CLI.open(target.registry, readOnly: true)
            let r = try registry.batchReport(asOf: asOf ?? .today()).rounded()
            if let geojson { try MatchText.write(try registry.batchMap(r), to: geojson, registry: target.registry) }
            if json { return try CLI.printJSON(r) }
            if csv { return print(BatchText.csv(r), terminator: "") }
            print(BatchText.text(r))
        }
    }
}

enum BatchText {
    static let header = ["batch", "kind", "approved on", "zone", "approved mu", "supplied mu", "unsupplied mu", "rate %", "> 2 years"]

    static func text(_ r: BatchReport) -> String {
        var rows = r.batches.map { b in
            [b.approvalNumber, b.kind.chineseName, b.approvedOn.description, b.zone ?? "", Format.fixed(b.approvedMu, 3),
             Format.fixed(b.suppliedMu, 3), Format.fixed(b.unsuppliedMu, 3), Format.fixed(b.supplyRate, 2), b.flagged ? "yes" : ""]
        }
        for z in r.byZone + [r.total] {
            rows.append([z.key == "all" ? "all zones" : "zone " + z.key, "", "", "", Format.fixed(z.approvedMu, 3), Format.fixed(z.suppliedMu, 3),
                         Format.fixed(z.unsuppliedMu, 3), Format.fixed(z.supplyRate, 2), z.flagged > 0 ? "\(z.flagged)" : ""])
        }
        var lines = ["approval batches as of \(r.asOf)", Format.table(header, rows, rightAligned: [4, 5, 6, 7])]
        lines.append("supplied but not used (供而未用): \(r.suppliedNotUsed.count) contracts with no actual start")
        for s in r.suppliedNotUsed {
            lines.append("  \(s.parcelID) \(s.contractNumber) \(s.holder), agreed start \(s.agreedStart): \(s.idle)"
                         + (s.batches.isEmpty ? "" : "; in batch " + s.batches.joined(separator: ", ")))
        }
        return lines.joined(separator: "\n")
    }

    static func csv(_ r: BatchReport) -> String {
        var out = "level,key,kind,approved_on,zone,approved_mu,supplied_mu,unsupplied_mu,supply_rate_percent,over_two_years_unsupplied\n"
        for b in r.batches {
            out += ["batch", b.approvalNumber, b.kind.rawValue, b.approvedOn.description, b.zone ?? "", Format.fixed(b.approvedMu, 3),
                    Format.fixed(b.suppliedMu, 3), Format.fixed(b.unsuppliedMu, 3), Format.fixed(b.supplyRate, 2), b.flagged ? "1" : "0"]
                .map(GradeText.field).joined(separator: ",") + "\n"
        }
        for z in r.byZone + [r.total] {
            out += [z.key == "all" ? "total" : "zone", z.key, "", "", "", Format.fixed(z.approvedMu, 3), Format.fixed(z.suppliedMu, 3),
                    Format.fixed(z.unsuppliedMu, 3), Format.fixed(z.supplyRate, 2), String(z.flagged)].map(GradeText.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
