import Foundation
import Testing

/// Whether this machine lets an unprivileged user namespace mount (a read-only bind, a small tmpfs): how the
/// tests make a read-only or full file system even when they run as root, which ignores file permissions.
let canMountPrivately: Bool = (try? run("/usr/bin/unshare", ["-rm", "/bin/true"]).status) == 0

/// Runs a shell script in a private mount namespace as its root.
func privately(_ script: String, _ args: [String]) throws -> Run {
    try run("/usr/bin/unshare", ["-rm", "/bin/sh", "-c", script, "sh"] + args)
}

@Suite("Messages a clerk can act on")
struct StoreMessageTests {
    func loaded() throws -> String {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        #expect(try lb("import", reg, fixture("xinyu-hitech-disposed.geojson")).status == 0)
        return reg
    }

    /// One line on standard error, after landbank's prefix.
    func oneLine(_ r: Run) -> String? {
        let lines = r.stderr.split(separator: "\n")
        return lines.count == 1 ? String(lines[0]) : nil
    }

    @Test("a writer waiting for a writer says so once, naming the writer, and then succeeds; a reader does not wait")
    func waitNotice() throws {
        let reg = try loaded()
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import os, sqlite3, sys, time
            c = sqlite3.connect(sys.argv[1], isolation_level=None)
            c.execute("BEGIN EXCLUSIVE")
            open(sys.argv[1] + ".writer", "w").write("%d\\t%d\\timport\\n" % (os.getpid(), time.time()))
            print("locked", flush=True)
            time.sleep(8)  # long enough for a reader to run and a writer to start waiting, on a loaded machine
            c.execute("ROLLBACK")
            os.unlink(sys.argv[1] + ".writer")
            """, reg]
        let out = Pipe()
        holder.standardOutput = out
        try holder.run()
        _ = out.fileHandleForReading.availableData
        let reader = try lb("list", reg, "--limit", "1")
        #expect(holder.isRunning, "the read waited for the writer")
        #expect(reader.status == 0 && reader.stderr.isEmpty, "\(reader.stderr)")
        let r = try lb("record", reg, "XYGX-2023-001", "--date", "2031-01-01", "--status", "idle",
                       "--by", "clerk")
        holder.waitUntilExit()
        #expect(r.status == 0, "\(r.stderr)")
        let line = try #require(oneLine(r), "\(r.stderr)")
        #expect(line.hasPrefix("landbank: waiting for \(reg): being written by another landbank process (import, pid \(holder.processIdentifier), started "))
    }

    @Test("a read-only registry: a writing command says so in one line; reading still works",
          .enabled(if: canMountPrivately))
    func readOnly() throws {
        let reg = try loaded()
        let dir = (reg as NSString).deletingLastPathComponent
        let script = "mount --bind -o ro \"$1\" \"$1\" && exec \"$2\" \"$3\" \"$4\" XYGX-2023-001 --date 2030-01-01 --status assigned --by clerk"
        let r = try privately(script, [dir, landbank, "record", reg])
        #expect(r.status == 77)
        let line = try #require(oneLine(r), "\(r.stderr)")
        #expect(line.hasPrefix("landbank: error: \(reg): is read-only here"), "\(line)")
        let read = try privately("mount --bind -o ro \"$1\" \"$1\" && exec \"$2\" list \"$3\" --limit 1", [dir, landbank, reg])
        #expect(read.status == 0, "\(read.stderr)")
    }

    @Test("a full disk: one line, and the registry is unchanged", .enabled(if: canMountPrivately))
    func diskFull() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        let dir = (reg as NSString).deletingLastPathComponent
        let size = (try FileManager.default.attributesOfItem(atPath: reg)[.size] as? Int) ?? 0
        // Room for the empty registry and a little more, not for 144 parcels and their journal.
        let script = """
            mkdir -p "$1/small" && mount -t tmpfs -o size=\(size / 1024 + 64)k tmpfs "$1/small" && cp "$2" "$1/small/r.gpkg" && \
            "$3" import "$1/small/r.gpkg" "$4"; echo "status $?"; sqlite3 "$1/small/r.gpkg" "SELECT count(*) FROM parcels"
            """
        let r = try privately(script, [dir, reg, landbank, fixture("xinyu-hitech-disposed.geojson")])
        #expect(r.stdout == "status 74\n0\n", "\(r.stdout) \(r.stderr)")
        #expect(r.stderr.contains("r.gpkg: the disk is full") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    }

    @Test("a file-size limit (ulimit -f) fails in one line instead of killing the process with SIGXFSZ")
    func fileSizeLimit() throws {
        let reg = try scratchDirectory() + "/r.gpkg"
        _ = try lb("init", reg, "--crs", "EPSG:4547")
        // 170 KiB: the empty registry (144 KiB) may grow a little, not by 144 parcels.
        let r = try run("/bin/bash", ["-c", "ulimit -f 170; exec \"$0\" import \"$1\" \"$2\"", landbank, reg,
                                      fixture("xinyu-hitech-disposed.geojson")])
        #expect(r.status == 74)
        let line = try #require(oneLine(r), "\(r.stderr)")
        #expect(line.contains("file-size limit") && line.contains(reg), "\(line)")
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "0")
    }

    @Test("a truncated registry is damaged: one line saying to run verify")
    func damaged() throws {
        let reg = try loaded()
        let data = try Data(contentsOf: URL(fileURLWithPath: reg))
        let cut = (reg as NSString).deletingLastPathComponent + "/cut.gpkg"
        try data.prefix(data.count / 2).write(to: URL(fileURLWithPath: cut))
        let r = try lb("stats", cut)
        #expect(r.status == 70)
        let line = try #require(oneLine(r), "\(r.stderr)")
        #expect(line.contains("\(cut): is damaged") && line.contains("landbank verify \(cut)"), "\(line)")
    }

    @Test("a directory, or a text file, given as the registry")
    func notRegistries() throws {
        let dir = try scratchDirectory()
        let r = try lb("list", dir)
        #expect(r.status == 69 && oneLine(r) == "landbank: error: \(dir): is a directory, not a registry; give the .gpkg file inside it")
        _ = FileManager.default.createFile(atPath: dir + "/notes.gpkg", contents: Data(repeating: 0x41, count: 2048))
        let t = try lb("record", dir + "/notes.gpkg", "X", "--date", "2030-01-01", "--status", "idle", "--by", "c")
        #expect(t.status == 69 && oneLine(t)?.contains("not a SQLite file") == true, "\(t.stderr)")
    }

    @Test("export --out onto the registry, a device or /dev/stdout is refused and the registry stays whole")
    func exportTargets() throws {
        let reg = try loaded()
        let dir = (reg as NSString).deletingLastPathComponent
        for out in [reg, dir + "/../" + (dir as NSString).lastPathComponent + "/r.gpkg", "/dev/null", "/dev/stdout", dir] {
            let r = try lb("export", reg, "--out", out)
            #expect(r.status == 65 && oneLine(r) != nil, "\(out): \(r.stderr)")
        }
        #expect(try lb("export", reg, "--out", "/dev/stdout").stderr.contains("--out -"))
        #expect(try sqlite(reg, "SELECT count(*) FROM parcels") == "144")
        #expect(try sqlite(reg, "PRAGMA integrity_check") == "ok")
    }

    @Test("numeric options out of range are usage errors (exit 64) that name the option, and write nothing")
    func optionRanges() throws {
        let reg = try loaded()
        let dir = (reg as NSString).deletingLastPathComponent
        let cases: [([String], String)] = [
            (["export", reg, "--out", dir + "/o.geojson", "--decimals", "18"], "--decimals must be from 0 to 17"),
            (["list", reg, "--limit=-1"], "--limit must be 0 or more"),
            (["building", "list", reg, "--limit=-5"], "--limit must be 0 or more"),
            (["contract", "set", reg, "XYGX-2023-001", "--contract-no", "K", "--developed-area", "nan", "--by", "c"], "--developed-area"),
            (["contract", "set", reg, "XYGX-2023-001", "--contract-no", "K", "--total-area=-1", "--by", "c"], "--total-area"),
            (["contract", "set", reg, "XYGX-2023-001", "--contract-no", "K", "--price=-1", "--by", "c"], "--price must be 0 or more"),
            (["record", reg, "XYGX-2023-001", "--date", "2030-01-01", "--status", "assigned", "--received=-5", "--by", "c"], "--paid"),
            (["correct", reg, "0", "--date", "2030-01-01", "--note", "n", "--by", "c"], "event number"),
            (["report", reg, "--new-build-since", "99999"], "--new-build-since"),
            (["report", reg, "--from", "2025-02-01", "--to", "2025-01-01"], "is after --to"),
        ]
        for (args, message) in cases {
            let r = try run(landbank, args)
            #expect(r.status == 64 && r.stderr.contains(message), "\(args): \(r.status) \(r.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["r.gpkg"])
    }
}
