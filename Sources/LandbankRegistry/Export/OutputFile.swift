import Foundation

/// An export's output, written beside its target and renamed over it by `commit()`, so that a failed or killed
/// export never leaves a truncated file where the target was. "-" is standard output, written directly.
///
/// On Linux the bytes go to an unnamed file (O_TMPFILE) in the target's directory: a killed export leaves
/// nothing, since the kernel frees an unnamed file when its last descriptor closes. At commit it gets a name,
/// `<target>.<pid>.partial`, for the instant of a rename. Where O_TMPFILE is not supported (another system, an
/// old kernel, some network file systems) the file is named from the start; a killed export then leaves that
/// name behind, and the next export to the same target removes it (`removeStalePartials`).
final class OutputFile {
    let path: String
    private let fd: Int32
    /// Nil for standard output.
    private let target: String?
    /// The named temporary file, when O_TMPFILE was not available.
    private var named: String?
    private var finished = false

    /// Opens the output for `path`, refusing targets that must not be replaced (see `OutputTarget`).
    init(path: String, registry: String) throws {
        self.path = path
        guard path != "-" else {
            fd = 1
            target = nil
            return
        }
        let target = try OutputTarget.resolve(path, registry: registry)
        self.target = target
        Self.removeStalePartials(of: target)
        let directory = (target as NSString).deletingLastPathComponent
        if let f = Self.openUnnamed(in: directory.isEmpty ? "." : directory) {
            fd = f
        } else {
            let temp = Self.partialName(target, pid: getpid())
            let f = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard f >= 0 else {
                throw RegistryError(path: path, kind: .output, "cannot write a file there: \(String(cString: strerror(errno)))")
            }
            fd = f
            named = temp
        }
    }

    deinit { if !finished { discard() } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw RegistryError(path: path, kind: Self.kind(errno), "write failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Makes the output appear whole under its name (replacing any previous file), or throws and leaves it as it was.
    func commit() throws {
        guard let target else { return }
        finished = true
        defer { close(fd) }
        func fail(_ what: String) -> RegistryError {
            let e = errno
            if let named { unlink(named) }
            return RegistryError(path: path, kind: Self.kind(e), "\(what): \(String(cString: strerror(e)))")
        }
        guard fsync(fd) == 0 else { throw fail("cannot finish writing") }
        if named == nil {
            // The unnamed file gets a name beside the target; linkat through /proc is the unprivileged way.
            let temp = Self.partialName(target, pid: getpid())
            unlink(temp)
            guard linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, temp, AT_SYMLINK_FOLLOW) == 0 else {
                throw fail("cannot give the finished file a name")
            }
            named = temp
        }
        guard rename(named!, target) == 0 else { throw fail("cannot move the finished file into place") }
        named = nil
    }

    func discard() {
        guard target != nil, !finished else { return }
        finished = true
        close(fd)
        if let named { unlink(named) }
    }

    #if os(Linux)
    /// O_TMPFILE, which Glibc's Swift overlay does not import: __O_TMPFILE (the same on x86_64 and arm64) | O_DIRECTORY.
    private static let oTmpfile: Int32 = 0o20000000 | O_DIRECTORY
    #endif

    /// An unnamed file in `directory`, or nil where the system cannot make one (the caller names one instead).
    private static func openUnnamed(in directory: String) -> Int32? {
        #if os(Linux)
        guard access("/proc/self/fd", X_OK) == 0 else { return nil }  // needed to name it at commit
        let f = open(directory, oTmpfile | O_WRONLY | O_CLOEXEC, 0o644)
        return f >= 0 ? f : nil
        #else
        return nil
        #endif
    }

    static func partialName(_ target: String, pid: pid_t) -> String { "\(target).\(pid).partial" }

    /// Removes what killed exports to `target` left: `<target>.<pid>.partial` of processes no longer alive, and the
    /// `<target>.partial` of landbank versions before this one. Regular files only.
    static func removeStalePartials(of target: String) {
        let directory = (target as NSString).deletingLastPathComponent
        let base = (target as NSString).lastPathComponent
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.isEmpty ? "." : directory) else { return }
        for name in names where name.hasPrefix(base + ".") && name.hasSuffix(".partial") {
            let stale: Bool
            if name == base + ".partial" {
                stale = true
            } else if let pid = pid_t(name.dropFirst(base.count + 1).dropLast(".partial".count)) {
                stale = pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
            } else {
                stale = false
            }
            let full = directory.isEmpty ? name : directory + "/" + name
            var info = stat()
            if stale, lstat(full, &info) == 0, info.st_mode & S_IFMT == S_IFREG { unlink(full) }
        }
    }

    static func kind(_ e: Int32) -> RegistryError.Kind {
        switch e {
        case ENOSPC, EDQUOT: .diskFull
        case EFBIG: .fileTooLarge
        default: .output
        }
    }
}
