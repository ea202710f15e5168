/// The per-store parts of `import --update`, used inside the import's write transaction of one layer: the set of
/// ids the file has given so far, the stored building with its geometry digest (a parcel's comes through
/// `StoreReader.parcelRecord`), the layer's ids the file did not give, a building's descriptive columns written
/// anew, and the check that a building's footprint stands on its parcel. Everything else (what counts as a
/// change, how it is recorded, what the log says) is `LedgerUpdater`'s, above the seam, shared by every store.
protocol LedgerMatch: AnyObject {
    /// Notes an id as given by the file at `position` (1-based; a rejected feature's id too, so that its record is
    /// not called missing). Returns the position where it was first given when it already was, else nil. The
    /// set is the store's (a temporary table), not held in memory.
    func see(_ id: String, position: Int) throws -> Int?
    /// A building as stored, with its geometry's SHA-256 (nil while stale), without decoding the geometry.
    func buildingRecord(id: String) throws -> (building: Building, geometryDigest: String?)?
    /// The layer's ids the file did not give, in id order, streamed.
    func forEachUnseen(_ body: (String) throws -> Void) throws
    /// Sets a building's descriptive columns to the file's (status and geometry have their own writes).
    func setBuildingAttributes(_ b: BuildingAttributes) throws
    /// Throws the import's refusal when the building's footprint does not lie on its parcel (as on insert).
    func checkStandsOnParcel(_ row: ImportPipeline.Row) throws
    /// Forgets the ids seen.
    func finish() throws
}
