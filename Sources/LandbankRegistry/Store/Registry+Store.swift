import LandbankLifecycle

extension Registry {
    /// Verifies the registry at `path`. A file too damaged to open as a registry still gets a report that says
    /// what is damaged, rather than an error.
    public static func verify(at path: String, limit: Int = 20) throws -> VerifyReport {
        if PGURL.isPostgres(path) { return try open(at: path, readOnly: true).verify(limit: limit) }
        return try GeoPackageStore.verify(at: path, limit: limit)
    }

    /// The store's integrity checks (see `GeoPackageStore.verify` for what a GeoPackage is checked for).
    public func verify(limit: Int = 20) throws -> VerifyReport {
        try store.mapped { try store.verify(limit: limit) }
    }

    /// A number that changes whenever anything is committed to the registry (by this process or another), and
    /// only then: a long-lived reader's caches are valid while it stays the same.
    public func changeStamp() throws -> Int64 {
        try store.mapped { try store.changeStamp() }
    }

    /// Measures again what `verify` finds mismeasured and records every edit made outside landbank.
    public func repair() throws -> OutsideEditReport {
        try store.mapped { try store.repair() }
    }

    /// The parcels and buildings whose stored areas are stale (changed outside landbank, not measured since).
    public func staleSubjects(limit: Int = 1000) throws -> [Subject] {
        try store.mapped { try store.staleSubjects(limit: limit) }
    }

    /// Imports every parcel of `source` in one transaction: all features or none. A feature's status becomes
    /// the first event of its history. `progress` is called with the count so far, every 10,000 features.
    public func importParcels(from source: FeatureSource, options: ImportOptions = ImportOptions(),
                              progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importPrepared(source, into: .parcels, options: options, progress: progress)
    }

    /// Imports buildings (footprints) onto parcels already in the registry; each must lie on its parcel.
    public func importBuildings(from source: FeatureSource, options: ImportOptions = ImportOptions(),
                                progress: ((Int) -> Void)? = nil) throws -> ImportSummary {
        try importPrepared(source, into: .buildings, options: options, progress: progress)
    }

    /// Either layer's import after `ImportPreparation` (CRS inferred, swapped axes found, BD-09 converted), with
    /// the likely cause of a point outside the registry's area of use.
    private func importPrepared(_ source: FeatureSource, into layer: Layer, options: ImportOptions,
                                progress: ((Int) -> Void)?) throws -> ImportSummary {
        let registryCRS = crs
        let prepared = try ImportPreparation(source, options: options, registryCRS: registryCRS)
        do {
            var summary = try store.mapped { try store.importFeatures(prepared.source, into: layer, options: prepared.options, progress: progress) }
            summary.notes = prepared.notes + summary.notes
            return summary
        } catch let e as ImportError {
            throw e.withLikelyCause(sourceCRS: prepared.options.crs ?? source.declaredCRS ?? source.defaultCRS, registryCRS: registryCRS,
                                    swapped: prepared.options.fixAxes && prepared.notes.contains { $0.hasPrefix("x and y swapped") })
        }
    }
}
