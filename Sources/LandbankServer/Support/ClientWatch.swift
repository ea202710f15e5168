import Foundation
import NIOCore

/// Sees its connection's client go away and tells the computations running for it, so that they stop.
///
/// Why a handler of our own: Hummingbird 2.28 cancels a request's task only when the server shuts down, not when
/// its client disconnects (`ServerTests` shows it), and it lets clients half-close, so the channel stays open until
/// a response is written into it. The client's end is seen here, after the HTTP codec: the input closing (the
/// client closed its side: no HTTP/1.1 client half-closes and then waits for an answer) or the connection going.
/// Hummingbird's own `consumeWithCancellationOnInboundClose` reads the close the same way, but it needs a body not
/// yet read, and the matching routes read theirs first.
///
/// Thread rule: events arrive on the channel's event loop, registrations from request tasks; the state is
/// behind a lock (hence `@unchecked Sendable`).
final class ClientWatch: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
    typealias InboundIn = NIOAny

    private let lock = NSLock()
    private var gone = false
    private var next = 0
    private var waiting: [Int: @Sendable () -> Void] = [:]

    /// Calls `action` once when the client goes away (at once if it has); the number given removes it.
    func onGone(_ action: @escaping @Sendable () -> Void) -> Int {
        let id = lock.withLock { () -> Int in
            if gone { return 0 }
            next += 1
            waiting[next] = action
            return next
        }
        if id == 0 { action() }
        return id
    }

    func remove(_ id: Int) {
        lock.withLock { _ = waiting.removeValue(forKey: id) }
    }

    /// The watch of a connection, or nil when it has none (Hummingbird's router test client has no socket).
    static func of(_ channel: (any Channel)?) async -> ClientWatch? {
        guard let channel else { return nil }
        return try? await channel.pipeline.handler(type: ClientWatch.self).get()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let e = event as? ChannelEvent, e == .inputClosed { clientWent() }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        clientWent()
        context.fireChannelInactive()
    }

    private func clientWent() {
        let actions = lock.withLock { () -> [@Sendable () -> Void] in
            gone = true
            defer { waiting = [:] }
            return Array(waiting.values)
        }
        for a in actions { a() }
    }
}
