import ArgumentParser
import LandbankRegistry

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create an empty registry in a CRS.",
        discussion: """
            Use a projected CRS for cadastral areas, e.g. EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E, \
            the zone of Xinyu). A geographic CRS such as EPSG:4490 works too; then only ellipsoidal areas apply.
            """)

    @Argument(help: "The registry file to create (it must not exist).")
    var registry: String

    @Option(help: "The registry's CRS, any that PROJ knows (e.g. EPSG:4547).")
    var crs: String

    func run() throws {
        try CLI.run(registry: registry) {
            let r = try Registry.create(at: registry, crs: crs)
            print("created \(r.path) in \(r.crs.identifier) (\(r.crs.name))")
        }
    }
}
