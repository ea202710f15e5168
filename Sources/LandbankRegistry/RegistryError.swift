/// Errors of the registry itself (as opposed to bad input features, which are `ImportError`s).
public struct RegistryError: Error, Equatable, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, _ message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "\(path): \(message)" }
}
