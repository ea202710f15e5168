import Foundation
@_exported import LandbankLifecycle
@testable import LandbankRegistry

/// The repository's Fixtures/ folder.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Fixtures").path

func fixture(_ name: String) -> String { fixtures + "/" + name }

/// A fresh empty folder for one test.
func scratchDirectory() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("landbank-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// A new registry in EPSG:4547 (CGCS2000 / 3-degree GK CM 114E) in a fresh folder.
func newRegistry(crs: String = "EPSG:4547") throws -> Registry {
    try Registry.create(at: try scratchDirectory() + "/registry.gpkg", crs: crs)
}

/// Runs a program and returns its exit status and standard output.
@discardableResult
func run(_ program: String, _ args: [String]) throws -> (status: Int32, output: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = args
    let pipe = Pipe()
    p.standardOutput = pipe
    p.standardError = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
}

extension Registry {
    func importFile(_ path: String, _ options: ImportOptions = ImportOptions()) throws -> ImportSummary {
        try importParcels(from: try FeatureSources.open(path), options: options)
    }
}
