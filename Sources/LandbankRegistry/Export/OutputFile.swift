import Foundation

/// An output file written under a temporary name and renamed into place by `commit()`, so that a failed or
/// killed export never leaves a truncated file behind. "-" is standard output, written directly.
final class OutputFile {
    let path: String
    let temp: String?
    let fd: Int32

    init(path: String) throws {
        self.path = path
        if path == "-" {
            temp = nil
            fd = 1
        } else {
            let t = path + ".partial"
            let f = Foundation.open(t, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard f >= 0 else { throw RegistryError(path: path, "cannot write: \(String(cString: strerror(errno)))") }
            temp = t
            fd = f
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw RegistryError(path: path, "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    func commit() throws {
        guard let temp else { return }
        guard fsync(fd) == 0, close(fd) == 0, rename(temp, path) == 0 else {
            throw RegistryError(path: path, "cannot finish writing: \(String(cString: strerror(errno)))")
        }
    }

    func discard() {
        guard let temp else { return }
        close(fd)
        unlink(temp)
    }
}
