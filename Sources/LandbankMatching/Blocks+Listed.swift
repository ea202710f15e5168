import LandbankGeometry
import LandbankRegistry

extension BlockFinder {
    /// The contiguous blocks that the parcels `adding` (e.g. the inefficient-land list) form together with the
    /// available land `find` reads (each zone's offered statuses): the same components (`components`, the same
    /// tolerance and refusals), summed and united as `find` does. Largest block first.
    public static func find(_ registry: Registry, book: PolicyBook, adding ids: [String], minMu: Double, toleranceM: Double = 5,
                            zone: String? = nil) throws -> [Block] {
        let finder = SiteFinder(registry: registry, book: book, search: try SiteSearch(registry))
        var parcels = try finder.availableLand(zone: zone)
        var seen = Set(parcels.map(\.parcelID))
        for id in ids where !seen.contains(id) {
            guard let p = try registry.parcel(id: id)?.parcel, zone == nil || p.zone == zone else { continue }
            parcels.append(p)
            seen.insert(id)
        }
        let geos = try GEOSContext()
        var blocks: [Block] = []
        for members in try components(of: parcels, finder: finder, toleranceM: toleranceM) {
            let area = members.reduce(0) { $0 + $1.siteMu }
            guard area >= minMu else { continue }
            let shapes = try members.map { Geometry.multiPolygon(try finder.shape($0.parcelID)) }
            blocks.append(Block(parcels: members.map(\.parcelID), areaMu: area, zones: Array(Set(members.compactMap(\.zone))).sorted(),
                                shape: try geos.union(shapes)))
        }
        return blocks.sorted { $0.areaMu > $1.areaMu || ($0.areaMu == $1.areaMu && $0.parcels[0] < $1.parcels[0]) }
    }
}
