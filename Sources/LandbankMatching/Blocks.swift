import Foundation
import LandbankGeodesy
import LandbankGeometry
import LandbankRegistry

/// A contiguous block of available land (连片): parcels joined through neighbours that touch or lie within
/// the tolerance, with their summed cadastral area and the GEOS union of their shapes.
public struct Block: Sendable, Encodable {
    public var parcels: [String]
    public var areaMu: Double
    public var zones: [String]
    public var shape: UnionShape

    enum CodingKeys: String, CodingKey {
        case parcels, areaMu = "area_mu", parcelCount = "parcel_count", zones, parts, compactness
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(parcels, forKey: .parcels)
        try c.encode(Figures.rounded(areaMu, 3), forKey: .areaMu)
        try c.encode(parcels.count, forKey: .parcelCount)
        try c.encode(zones, forKey: .zones)
        try c.encode(shape.geometry.polygons.count, forKey: .parts)
        try c.encode(Figures.rounded(shape.compactness, 3), forKey: .compactness)
    }
}

/// Finds the contiguous blocks of available land of at least `minMu`: the connected components of the graph
/// of available parcels (each zone's offered statuses, found as the matcher finds them) whose edges join parcels
/// within `toleranceM` metres (0 = touching), as PostGIS's `ST_ClusterDBSCAN(geom, eps := tolerance, minpoints
/// := 1)` clusters them. The parcels come from the status index, their neighbours from the R*Tree
/// (`Registry.neighbours`); components are exact (union–find over every edge). Largest block first.
public enum BlockFinder {
    ///
    /// `adding`: parcels joined to the available land whatever their status (of `zone`, when given), e.g. the
    /// inefficient-land list, to see the blocks they would form with it.
    public static func find(_ registry: Registry, book: PolicyBook, adding ids: [String] = [], minMu: Double,
                            toleranceM: Double = 5, zone: String? = nil) throws -> [Block] {
        var (parcels, shapes) = try availableLand(registry, book: book, zone: zone)
        for id in ids where shapes[id] == nil {
            guard let (p, g) = try registry.parcel(id: id), zone == nil || p.zone == zone else { continue }
            parcels.append(p)
            shapes[id] = g
        }
        let big = try components(of: parcels, shapes: shapes, registry: registry, toleranceM: toleranceM).filter {
            $0.reduce(0) { $0 + $1.siteMu } >= minMu
        }
        // Every member came with its shape: `components` refuses a parcel without one.
        let united = try unions(big.map { members in members.map { Geometry.multiPolygon(shapes[$0.parcelID]!) } })
        let blocks = zip(big, united).map { members, shape in
            Block(parcels: members.map(\.parcelID), areaMu: members.reduce(0) { $0 + $1.siteMu },
                  zones: Array(Set(members.compactMap(\.zone))).sorted(), shape: shape)
        }
        return blocks.sorted { $0.areaMu > $1.areaMu || ($0.areaMu == $1.areaMu && $0.parcels[0] < $1.parcels[0]) }
    }

    /// The available land (of `zone`, or all) with its shapes, in one read per status: the parcels in a status
    /// their zone offers (what `SiteFinder.land` finds for a demand without requirements), what the blocks and the
    /// runway count.
    static func availableLand(_ registry: Registry, book: PolicyBook,
                              zone: String?) throws -> (parcels: [Parcel], shapes: [String: MultiPolygon]) {
        var parcels: [Parcel] = []
        var shapes: [String: MultiPolygon] = [:]
        for status in book.landStatuses {
            try registry.forEachParcelWithShape(ParcelFilter(status: status, zone: zone)) { p, g in
                guard book.policy(p.zone).availableStatuses.contains(status) else { return }
                parcels.append(p)
                shapes[p.parcelID] = g
            }
        }
        return (parcels, shapes)
    }

    /// The GEOS union of each list of shapes, in order, on as many threads as the machine has cores (a GEOS
    /// context each: a context is one thread's). The calling thread takes part and watches its task: when the
    /// task is cancelled (a server's client gone), every thread stops and `CancellationError` is thrown.
    static func unions(_ lists: [[Geometry]]) throws -> [UnionShape] {
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, lists.count / 8))
        let jobs = UnionJobs(count: lists.count)
        let caller = pthread_self()
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let watching = pthread_equal(pthread_self(), caller) != 0
            let geos: GEOSContext
            do { geos = try GEOSContext() } catch { return jobs.fail(error) }
            while true {
                if watching && Task.isCancelled { return jobs.fail(CancellationError()) }
                guard let i = jobs.take() else { return }
                // A block's parcels are a cadastre's: a coverage, united in linear time (else as before).
                do { jobs.put(i, try geos.union(lists[i], coverage: true)) } catch { return jobs.fail(error) }
            }
        }
        return try jobs.results()
    }

    /// The connected components of `parcels` joined where `Registry.neighbours` would find them within
    /// `toleranceM` (GEOS distance at most the tolerance; pairs found in memory by `PlanarAdjacency`); a
    /// neighbour not among `parcels` joins nothing. Each component's parcels in id order; `shapes` holds every
    /// parcel's geometry in the registry's CRS.
    static func components(of parcels: [Parcel], shapes: [String: MultiPolygon], registry: Registry,
                           toleranceM: Double) throws -> [[Parcel]] {
        let sorted = parcels.sorted { $0.parcelID < $1.parcelID }
        var parent = Array(sorted.indices)
        func root(_ i: Int) -> Int {
            var i = i
            while parent[i] != i { parent[i] = parent[parent[i]]; i = parent[i] }
            return i
        }
        if !sorted.isEmpty {
            // What `Registry.neighbours` refuses, refused the same way.
            guard toleranceM.isFinite, toleranceM >= 0, toleranceM <= 1000 else {
                throw RegistryError(path: registry.path, kind: .invalidArgument, "tolerance \(toleranceM) m: give 0 to 1000 m")
            }
            guard registry.crs.kind == .projected else {
                throw RegistryError(path: registry.path, kind: .invalidArgument,
                                    "neighbours are measured in metres; \(registry.crs.identifier) is geographic")
            }
        }
        let ordered = try sorted.map { p in
            guard let g = shapes[p.parcelID] else {
                throw RegistryError(path: registry.path, kind: .notFound, "no parcel with id \"\(p.parcelID)\"")
            }
            return g
        }
        for (i, j) in try PlanarAdjacency.pairs(ordered, tolerance: toleranceM) {
            let (a, b) = (root(i), root(j))
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var groups: [Int: [Parcel]] = [:]
        for (i, p) in sorted.enumerated() { groups[root(i), default: []].append(p) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}

/// The shared state of `BlockFinder.unions`' threads: the next list to unite, the shapes made, the first
/// failure. `@unchecked Sendable`: every field is read and written under the lock.
private final class UnionJobs: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var failure: (any Error)?
    private var out: [UnionShape?]

    init(count: Int) { out = Array(repeating: nil, count: count) }

    /// The next index to unite, or nil when all are taken or a thread failed.
    func take() -> Int? {
        lock.withLock {
            guard failure == nil, next < out.count else { return nil }
            defer { next += 1 }
            return next
        }
    }

    func put(_ i: Int, _ shape: UnionShape) { lock.withLock { out[i] = shape } }
    func fail(_ error: any Error) { lock.withLock { failure = failure ?? error } }

    /// Every shape, in order, or the first failure.
    func results() throws -> [UnionShape] {
        try lock.withLock {
            if let failure { throw failure }
            // Without a failure every index was taken, and a taken index is always filled or failed.
            return out.map { $0! }
        }
    }
}
