import Foundation

/// A blocking FIFO of limited size between one producer thread and one consumer thread.
/// `close()` from either side wakes the other: the producer stops pushing, the consumer drains and gets nil.
final class BoundedQueue<Element>: @unchecked Sendable {
    // @unchecked Sendable: every access to `items` and `closed` happens under `condition`'s lock.
    private let condition = NSCondition()
    private var items: [Element] = []
    private var closed = false
    private let capacity: Int

    init(capacity: Int) { self.capacity = capacity }

    /// Appends, waiting while the queue is full. Returns false if the queue was closed (stop producing).
    func push(_ e: Element) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !closed { condition.wait() }
        if closed { return false }
        items.append(e)
        condition.broadcast()
        return true
    }

    /// The next element, waiting while empty; nil once closed and drained.
    func pop() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !closed { condition.wait() }
        if items.isEmpty { return nil }
        let e = items.removeFirst()
        condition.broadcast()
        return e
    }

    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }
}
