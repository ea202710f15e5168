import ArgumentParser
import LandbankRegistry

struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole registry, history included, between a GeoPackage and PostgreSQL.",
        discussion: """
            SOURCE and TARGET are each a registry file (.gpkg) or a PostgreSQL URL \
            (postgresql://user@host/db; the password from PGPASSWORD or ~/.pgpass rather than the URL). The target \
            must not exist yet: a new file, or a database without a registry. Everything is copied in one \
            transaction, all or nothing: features as stored (areas are not measured again), the history with its \
            ids and hashes, kept geometries, contracts, zone policies, projects, API tokens, the import log, \
            enterprise figures, approval batches and disposal plans. \
            `landbank verify` passes on both ends afterwards.
            """)

    @Argument(help: "The registry to copy.")
    var source: String

    @Argument(help: "The new registry (a file that does not exist, or a PostgreSQL database without a registry).")
    var target: String

    @Flag(help: "Print what was copied as JSON.")
    var json = false

    func run() throws {
        try CLI.run(registry: target) {
            let s = try Registry.copy(from: source, to: target)
            if json { return try CLI.printJSON(s) }
            print("copied \(Registry.displayName(source)) to \(Registry.displayName(target)): \(s.parcels) parcels, "
                  + "\(s.buildings) buildings, \(s.events) events, \(s.keptGeometries) kept geometries, \(s.contracts) contracts, "
                  + "\(s.zonePolicies) zone policies, \(s.projects) projects (\(s.projectEvents) events), \(s.tokens) tokens, "
                  + "\(s.imports) imports")
        }
    }
}
