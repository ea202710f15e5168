import Foundation

/// Where an export may write, decided before a byte is written: only a new file or an existing regular file that
/// is neither the registry nor any SQLite file. A symbolic link is followed, and the regular file it points to is
/// replaced (the link stays); devices, directories, FIFOs and sockets are refused, since renaming over them would
/// replace the node itself (as root, `--out /dev/full` once became a regular file).
enum OutputTarget {
    /// The path to write: `path` itself, or the file its symbolic link points to.
    static func resolve(_ path: String, registry: String) throws -> String {
        func refuse(_ why: String) -> RegistryError { RegistryError(path: path, kind: .output, why) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw refuse("cannot look at it: \(String(cString: strerror(errno)))") }
            return path  // a new file; its directory is checked when the temporary file is made
        }
        var target = path
        // /dev/stdout, /dev/fd/1 and /proc/self/fd/1 are links to whatever the descriptor is (a pipe, a terminal,
        // or a log file that renaming would replace): refused whatever they point to.
        let isDescriptorLink = { (p: String) in ["/dev/", "/proc/"].contains { p.hasPrefix($0) } }
        if info.st_mode & S_IFMT == S_IFLNK {
            if isDescriptorLink(path) || isDescriptorLink(inRealDirectory(path)) {
                throw refuse("is a link to a file descriptor, not a file; to write to standard output use --out -")
            }
            guard let real = realpath(path, nil) else {
                throw refuse("is a symbolic link to nothing (\(String(cString: strerror(errno)))); give a file name")
            }
            target = String(cString: real)
            free(real)
            if isDescriptorLink(target) {
                throw refuse("is a link to a file descriptor, not a file; to write to standard output use --out -")
            }
            guard stat(target, &info) == 0 else { throw refuse("cannot look at \(target): \(String(cString: strerror(errno)))") }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG where isDescriptorLink(target):
            throw refuse("is under \(target.hasPrefix("/dev/") ? "/dev" : "/proc"), not a file to replace; to write to standard output use --out -")
        case S_IFREG: break
        case S_IFDIR: throw refuse("is a directory; give a file name")
        case S_IFCHR, S_IFBLK: throw refuse("is a device, not a file; to write to standard output use --out -")
        case S_IFIFO: throw refuse("is a FIFO, not a file; to write to a pipe use --out -")
        case S_IFSOCK: throw refuse("is a socket, not a file")
        default: throw refuse("is not a regular file")
        }
        var registryInfo = stat()
        if stat(registry, &registryInfo) == 0, registryInfo.st_dev == info.st_dev, registryInfo.st_ino == info.st_ino {
            throw refuse("is the registry itself; give another file name")
        }
        for suffix in ["-journal", "-wal", "-shm"] where target.hasSuffix(suffix) {
            var owner = stat()
            if stat(String(target.dropLast(suffix.count)), &owner) == 0,
               owner.st_dev == registryInfo.st_dev, owner.st_ino == registryInfo.st_ino {
                throw refuse("is the registry's SQLite \(suffix.dropFirst()) file; give another file name")
            }
        }
        if let kind = try databaseKind(target) {
            throw refuse("is \(kind); refusing to replace it with GeoJSON")
        }
        return target
    }

    /// What a file is, when its first bytes say it belongs to SQLite: a database (a GeoPackage is one), a
    /// rollback journal or a write-ahead log. Any of them replaced by GeoJSON is data lost.
    static func databaseKind(_ path: String) throws -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }  // unreadable: the write will say why if it fails too
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 16)
        let n = read(fd, &header, 16)
        guard n > 0 else { return nil }
        let bytes = header.prefix(n)
        if bytes.elementsEqual(Array("SQLite format 3\0".utf8)) { return "a SQLite database (a GeoPackage or a registry)" }
        if bytes.starts(with: [0xD9, 0xD5, 0x05, 0xF9, 0x20, 0xA1, 0x63, 0xD7]) { return "a SQLite rollback journal" }
        if bytes.starts(with: [0x37, 0x7F, 0x06, 0x82]) || bytes.starts(with: [0x37, 0x7F, 0x06, 0x83]) {
            return "a SQLite write-ahead log"
        }
        return nil
    }

    /// `path` with its directory resolved (`../../dev/stdout` → `/dev/stdout`), its last component kept.
    static func inRealDirectory(_ path: String) -> String {
        let directory = (path as NSString).deletingLastPathComponent
        guard let real = realpath(directory.isEmpty ? "." : directory, nil) else { return path }
        defer { free(real) }
        return String(cString: real) + "/" + (path as NSString).lastPathComponent
    }
}
