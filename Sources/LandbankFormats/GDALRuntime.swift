import CGDAL

/// GDAL's process-wide set-up, done once before the first dataset is opened: every driver registered and
/// GDAL's stderr printing silenced (each call's error is read back with `GDALRuntime.lastError` instead).
enum GDALRuntime {
    /// Swift runs a static's initialiser once, under a lock, whichever thread gets there first.
    static let ready: Void = {
        GDALAllRegister()
        landbank_gdal_quiet()
    }()

    /// Clears the calling thread's last error before a call whose failure is to be read back.
    static func reset() { CPLErrorReset() }

    /// GDAL's message for the calling thread's last error (GDAL keeps it per thread), or `fallback`.
    static func lastError(_ fallback: String) -> String {
        guard CPLGetLastErrorType() != CE_None, let m = CPLGetLastErrorMsg(), m.pointee != 0 else { return fallback }
        return String(cString: m)
    }

    /// A NULL-terminated C string list (GDAL's `const char * const *`), freed when `body` returns.
    static func withStringList<R>(_ items: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>?) throws -> R) rethrows -> R {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = nil
        for item in items { list = CSLAddString(list, item) }
        defer { CSLDestroy(list) }
        return try body(list.map { UnsafePointer(OpaquePointer($0)) })
    }
}
