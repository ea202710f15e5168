// swift-tools-version:6.0
// The in-process timings of scripts/bench-store.sh: a separate package so that the main Package.swift stays as it
// is. It depends on the main package by path and uses its LandbankRegistry library.
import PackageDescription

let package = Package(
    name: "bench-store",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "landbank", path: "../..")],
    targets: [
        .executableTarget(name: "bench-store", dependencies: [
            .product(name: "LandbankMatching", package: "landbank"),
            .product(name: "LandbankRegistry", package: "landbank"),
        ], path: "Sources"),
    ]
)
