// swift-tools-version:6.1
import PackageDescription

/// Settings every SupplyCast target shares: Swift 6 mode plus the upcoming features the house style asks for.
let swiftSettings: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "supplycast",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "supplycast", targets: ["supplycast"])
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
    ],
    targets: [
        // MARK: - Pure rooms: no clock, no files, no network, no database
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS"
        ),
        .target(
            name: "SupplyDomain",
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Forecasting",
            dependencies: ["COpenBLAS"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Interop",
            dependencies: [
                "SupplyDomain",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "DemoNetwork",
            dependencies: ["SupplyDomain"],
            swiftSettings: swiftSettings
        ),

        // MARK: - I/O rooms
        .target(
            name: "Store",
            dependencies: [
                "SupplyDomain",
                "Interop",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Server",
            dependencies: [
                "SupplyDomain",
                "Interop",
                "Store",
                "Planning",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Planning",
            dependencies: ["SupplyDomain", "Forecasting", "Store"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Simulation",
            dependencies: [
                "SupplyDomain", "Interop", "DemoNetwork", "Forecasting", "Store", "Planning",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Delivery",
            dependencies: [
                "SupplyDomain",
                "Store",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "supplycast",
            dependencies: [
                "SupplyDomain",
                "Forecasting",
                "Interop",
                "Store",
                "Server",
                "Delivery",
                "Planning",
                "DemoNetwork",
                "Simulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests
        .target(
            name: "SupplyCastTesting",
            dependencies: ["SupplyDomain", "Interop", "Store", "DemoNetwork"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DomainTests",
            dependencies: ["SupplyDomain", "SupplyCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ForecastingTests",
            dependencies: ["Forecasting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DemoNetworkTests",
            dependencies: ["DemoNetwork", "SupplyDomain", "SupplyCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InteropTests",
            dependencies: ["Interop", "SupplyCastTesting"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "DemoNetwork", "SupplyCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server",
                "SupplyCastTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "DeliveryTests",
            dependencies: [
                "Delivery",
                "SupplyCastTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "PlanningTests",
            dependencies: [
                "Planning",
                "Delivery",
                "SupplyCastTesting",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ForecastServiceTests",
            dependencies: ["Planning", "Forecasting", "DemoNetwork", "SupplyCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SimulationTests",
            dependencies: ["Simulation", "DemoNetwork", "Store", "Planning", "SupplyDomain", "SupplyCastTesting"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CLITests",
            dependencies: [
                "SupplyCastTesting",
                "Store",
                "DemoNetwork",
                "SupplyDomain",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)

// Benchmarks join the package only when asked, so everyday builds and CI never compile them:
//   SUPPLYCAST_BENCHMARKS=1 swift run -c release ingest-benchmark
if Context.environment["SUPPLYCAST_BENCHMARKS"] != nil {
    package.targets += [
        .executableTarget(
            name: "ingest-benchmark",
            dependencies: ["SupplyDomain", "Interop", "Store", "DemoNetwork", "Server", "SupplyCastTesting",
                           .product(name: "AsyncHTTPClient", package: "async-http-client"),
                           .product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/IngestBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "planning-benchmark",
            dependencies: ["SupplyDomain", "Forecasting", "Interop", "Store", "Planning", "DemoNetwork", "SupplyCastTesting",
                           .product(name: "GRDB", package: "GRDB.swift")],
            path: "Benchmarks/PlanningBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "decode-benchmark",
            dependencies: ["Interop", "DemoNetwork", "SupplyDomain", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/DecodeBenchmark",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "forecast-benchmark",
            dependencies: ["Forecasting"],
            path: "Benchmarks/ForecastBenchmark",
            swiftSettings: swiftSettings
        ),
    ]
}
