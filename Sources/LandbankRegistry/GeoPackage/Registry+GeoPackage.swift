import Foundation
import GRDB

/// The GeoPackage underneath a registry, for the tests that inspect or damage the file itself. Nothing in the
/// library or its faces reaches through here: they go through `RegistryStore`.
extension Registry {
    var gpkg: GeoPackageStore {
        guard let g = store as? GeoPackageStore else { preconditionFailure("not a GeoPackage registry") }
        return g
    }

    var db: DatabasePool { gpkg.db }

    static func createFile(at path: String, crs: String, upTo migration: String? = nil) throws {
        try GeoPackageStore.createFile(at: path, crs: crs, upTo: migration)
    }

    static func configuration(readOnly: Bool = false, path: String? = nil) -> Configuration {
        GeoPackageStore.configuration(readOnly: readOnly, path: path)
    }
}
