/// An error reported by PROJ, carrying PROJ's own message, or a CRS that does not suit the job.
public struct ProjError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var code: Int32

    public init(_ message: String, code: Int32 = 0) {
        self.message = message
        self.code = code
    }

    public var description: String { message }
}
