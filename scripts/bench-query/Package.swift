// swift-tools-version:6.0
// The in-process timing of scripts/bench-query.sh: a separate package so that the main Package.swift stays
// as it is. It depends on the main package by path and uses only the LandbankRegistry library.
import PackageDescription

let package = Package(
    name: "bench-query",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "landbank", path: "../..")],
    targets: [
        .executableTarget(name: "bench-query", dependencies: [.product(name: "LandbankRegistry", package: "landbank")],
                          path: "Sources"),
    ]
)
