import CGEOS

/// Owns one GEOS context handle and the buffer its error handler writes into.
///
/// Thread rule: a GEOS handle is not thread-safe. Use one `GEOSContext` per thread; the type is
/// deliberately not `Sendable`.
public final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let message: UnsafeMutablePointer<landbank_geos_message>

    public init() throws(GeometryError) {
        guard let h = GEOS_init_r() else {
            throw GeometryError(.invalid(reason: "GEOS could not create a context"))
        }
        handle = h
        message = .allocate(capacity: 1)
        message.initialize(to: landbank_geos_message())
        landbank_geos_install_handlers(h, message)
    }

    deinit {
        GEOS_finish_r(handle)
        message.deallocate()
    }

    /// The last message GEOS reported through its error handler.
    var lastMessage: String {
        withUnsafeBytes(of: &message.pointee.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}
