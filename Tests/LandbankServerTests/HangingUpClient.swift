import Foundation
#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// A client that sends a request over a plain socket and hangs up without reading the answer, as a browser tab
/// closed mid-request does (Hummingbird's test clients always wait for the answer).
/// `@unchecked Sendable`: a test sends, then hangs up, one after the other.
final class HangingUpClient: @unchecked Sendable {
    private var fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let r = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard r == 0 else { throw POSIXError(.init(rawValue: errno) ?? .ECONNREFUSED) }
    }

    /// Sends a whole HTTP/1.1 request. The blocking writes run on a thread of their own: on Swift's few shared
    /// threads they could wait for a server handler that needs one of those threads to read them.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async throws {
        var text = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n"
        for (k, v) in headers { text += "\(k): \(v)\r\n" }
        let bytes = Array((text + "\r\n" + body).utf8)
        let fd = self.fd
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Void, Error>) in
            DispatchQueue.global().async {
                var sent = 0
                while sent < bytes.count {
                    let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                    guard n > 0 else { return c.resume(throwing: POSIXError(.init(rawValue: errno) ?? .EIO)) }
                    sent += n
                }
                c.resume()
            }
        }
    }

    func hangUp() {
        if fd >= 0 { close(fd) }
        fd = -1
    }

    deinit { hangUp() }
}

/// Whether `condition` holds within `seconds`, looked at every 20 ms.
func eventually(within seconds: Double, _ condition: () -> Bool) async -> Bool {
    let end = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < end {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return condition()
}
