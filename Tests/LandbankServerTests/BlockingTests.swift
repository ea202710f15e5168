import Foundation
import Testing
@testable import LandbankServer

@Suite("Blocking calls leave Swift's threads free")
struct BlockingTests {
    /// The name of the thread a blocking call runs on. Dispatch's root queues, where Swift's cooperative pool runs
    /// on Linux, name theirs com.apple.root.…-qos (Linux keeps the last 15 bytes: "oot.default-qos"); a call there
    /// holds one of the threads every request shares. NIOThreadPool's are TP-#0, TP-#1, …
    @Test("a registry call runs on a thread of the blocking pool, not one of Dispatch's (Swift's cooperative pool)")
    func offTheCooperativePool() async throws {
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<4 { group.addTask { try await Blocking.run { Thread.current.name ?? "" } } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(names.count == 4 && names.allSatisfy { $0.hasPrefix("TP-#") && !$0.contains("qos") }, "\(names)")
    }
}
