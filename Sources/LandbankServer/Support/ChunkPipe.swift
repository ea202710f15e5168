import Foundation
import NIOCore

/// Carries a streamed export from the thread that makes it to the response that sends it, holding at most
/// `capacity` chunks: when the client reads slowly the exporting thread waits, so memory stays bounded
/// whatever the registry's size. A client that goes away cancels the pipe, and the export stops at its next chunk.
///
/// `@unchecked Sendable`: every field is read and written under `condition`'s lock.
final class ChunkPipe: @unchecked Sendable {
    private let condition = NSCondition()
    private var chunks: [ByteBuffer] = []
    private var finished = false
    private var failure: Error?
    private var cancelled = false
    private var waiter: CheckedContinuation<ByteBuffer?, Error>?
    let capacity: Int

    init(capacity: Int = 4) { self.capacity = capacity }

    /// The producer's sink: copies the bytes and waits while the pipe is full.
    func put(_ bytes: UnsafeRawBufferPointer) throws {
        let buffer = ByteBuffer(bytes: bytes)
        condition.lock()
        defer { condition.unlock() }
        while chunks.count >= capacity && !cancelled { condition.wait() }
        if cancelled { throw CancellationError() }
        if let w = waiter {
            waiter = nil
            w.resume(returning: buffer)
        } else {
            chunks.append(buffer)
        }
    }

    /// The producer is done; `error` ends the stream with a failure.
    func finish(_ error: Error?) {
        condition.lock()
        defer { condition.unlock() }
        finished = true
        failure = error
        if let w = waiter {
            waiter = nil
            if let error { w.resume(throwing: error) } else { w.resume(returning: nil) }
        }
    }

    /// The consumer's next chunk; nil at the end.
    func next() async throws -> ByteBuffer? {
        try await withCheckedThrowingContinuation { c in
            condition.lock()
            defer { condition.unlock() }
            if !chunks.isEmpty {
                c.resume(returning: chunks.removeFirst())
                condition.broadcast()
            } else if finished {
                if let failure { c.resume(throwing: failure) } else { c.resume(returning: nil) }
            } else {
                waiter = c
            }
        }
    }

    /// The consumer is gone: the producer's next `put` throws.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
