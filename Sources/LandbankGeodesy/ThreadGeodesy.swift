import Foundation

/// The PROJ context of the calling thread, with the CRSs and transformations made in it cached by definition.
///
/// PROJ contexts are not thread-safe, and making one reopens proj.db, so each thread gets one context, made
/// the first time it asks, and keeps it (and what was built in it) until the thread ends. A CRS or
/// transformation returned here belongs to the calling thread: use it there, and do not keep it across an
/// `await` (a task may resume on another thread).
public final class ThreadGeodesy {
    public let context: ProjContext
    private var systems: [String: CoordinateReferenceSystem] = [:]
    private var transformations: [String: Transformation] = [:]

    private init() throws {
        context = try ProjContext()
    }

    private static let key = "landbank.ThreadGeodesy"

    /// This thread's context and caches.
    public static func current() throws -> ThreadGeodesy {
        let dictionary = Thread.current.threadDictionary
        if let cached = dictionary[key] as? ThreadGeodesy { return cached }
        let made = try ThreadGeodesy()
        dictionary[key] = made
        return made
    }

    /// The CRS for `definition` (e.g. "EPSG:4547"), made once per thread.
    public func crs(_ definition: String) throws -> CoordinateReferenceSystem {
        if let c = systems[definition] { return c }
        let c = try CoordinateReferenceSystem(definition, context: context)
        systems[definition] = c
        return c
    }

    /// The transformation between two CRS definitions, made once per thread and pair.
    public func transformation(from source: String, to target: String) throws -> Transformation {
        let key = source + "\u{0}" + target
        if let t = transformations[key] { return t }
        let t = try Transformation(from: try crs(source), to: try crs(target))
        transformations[key] = t
        return t
    }
}
