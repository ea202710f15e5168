import Hummingbird
import LandbankRegistry
import NIOCore

/// The request context of landbank's server: Hummingbird's core storage and who is calling.
public struct AppContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `TokenAuthenticator` on every /api request; anonymous until then.
    public var caller = Caller.anonymous(published: false)
    /// The request's connection: a long computation watches it for its client going away (`ClientWatch`).
    let connection: any Channel

    public init(source: Source) {
        coreContext = .init(source: source)
        connection = source.channel
    }

    /// JSON bodies (demands, events, policies) are small; uploads stream to a file under their own limit.
    public var maxUploadSize: Int { 1 << 20 }
}
