// swift-tools-version:6.0
// The in-process timing of scripts/bench-match.sh: a separate package so that the main Package.swift stays
// as it is. It depends on the main package by path and uses its LandbankMatching and LandbankRegistry libraries.
import PackageDescription

let package = Package(
    name: "bench-match",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "landbank", path: "../..")],
    targets: [
        .executableTarget(name: "bench-match", dependencies: [
            .product(name: "LandbankMatching", package: "landbank"),
            .product(name: "LandbankRegistry", package: "landbank"),
        ], path: "Sources"),
    ]
)
