// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "landbank",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "landbank", targets: ["landbank"]),
        .library(name: "LandbankRegistry", targets: ["LandbankRegistry"]),
        .library(name: "LandbankMatching", targets: ["LandbankMatching"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", "3.9.0"..<"5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .systemLibrary(name: "CPROJ", pkgConfig: "proj", providers: [.apt(["libproj-dev"])]),
        .systemLibrary(name: "CGEOS", pkgConfig: "geos", providers: [.apt(["libgeos-dev"])]),
        .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"])]),
        .systemLibrary(name: "CGDAL", pkgConfig: "gdal", providers: [.apt(["libgdal-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .target(name: "LandbankSolver", dependencies: ["CGLPK"]),
        .testTarget(name: "LandbankSolverTests", dependencies: ["LandbankSolver"]),
        .target(name: "LandbankGeometry", dependencies: ["CGEOS"]),
        .target(name: "LandbankGeodesy", dependencies: ["CPROJ", "LandbankGeometry"]),
        .target(name: "LandbankLifecycle"),
        .target(name: "LandbankFormats", dependencies: ["CGDAL", "LandbankGeometry", "LandbankGeodesy"]),
        .testTarget(name: "LandbankFormatsTests", dependencies: ["LandbankFormats"]),
        .target(name: "LandbankRegistry", dependencies: [
            "LandbankGeometry", "LandbankGeodesy", "LandbankLifecycle", "LandbankFormats", "CLibPQ",
            .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        .target(name: "LandbankMatching", dependencies: ["LandbankRegistry", "LandbankGeometry", "LandbankGeodesy", "LandbankLifecycle", "LandbankSolver"]),
        .target(name: "LandbankServer", dependencies: ["LandbankRegistry", "LandbankMatching", "LandbankGeometry", "LandbankLifecycle", .product(name: "Hummingbird", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto")], resources: [.copy("Web")]),
        .testTarget(name: "LandbankServerTests", dependencies: ["LandbankServer", .product(name: "HummingbirdTesting", package: "hummingbird"), .product(name: "Crypto", package: "swift-crypto")]),
        .executableTarget(name: "landbank", dependencies: [
            "LandbankRegistry", "LandbankGeometry", "LandbankGeodesy", "LandbankLifecycle", "LandbankMatching", "LandbankServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "LandbankGeometryTests", dependencies: ["LandbankGeometry"]),
        .testTarget(name: "LandbankGeodesyTests", dependencies: ["LandbankGeodesy"]),
        .testTarget(name: "LandbankLifecycleTests", dependencies: ["LandbankLifecycle"]),
        .testTarget(name: "LandbankRegistryTests", dependencies: ["LandbankRegistry"]),
        .testTarget(name: "LandbankMatchingTests", dependencies: ["LandbankMatching", "LandbankRegistry", "LandbankGeometry", "LandbankLifecycle"]),
        .testTarget(name: "landbankCLITests", dependencies: []),
    ]
)
