// swift-tools-version: 6.1
// HuisClos: a council's confidential material, end-to-end encrypted, offline-first.
// Targets are layers; dependencies point one way (see README.md, "Architecture").
import PackageDescription

let package = Package(
    name: "HuisClos",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "huisclos-server", targets: ["HuisClosServerApp"]),
        .executable(name: "huisclos", targets: ["HuisClosCLI"]),
        .executable(name: "huisclos-bench", targets: ["HuisClosBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // System libraries (C only in thin C… targets).
        .systemLibrary(
            name: "CSodium", path: "Sources/CSodium", pkgConfig: "libsodium",
            providers: [.apt(["libsodium-dev"])]),
        .systemLibrary(
            name: "CSQLite", path: "Sources/CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),

        // Layer 0: cryptographic primitives over libsodium, no I/O.
        .target(name: "HuisClosCrypto", dependencies: ["CSodium"]),
        // The encrypting SQLite VFS (C: SQLite calls it through function pointers on every page).
        .target(
            name: "CHuisClosVFS", dependencies: ["CSQLite", "CSodium"],
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("sodium")]),
        // Layer 1: the encrypted local replica (a GRDB DatabaseQueue over the VFS).
        .target(
            name: "HuisClosReplica",
            dependencies: ["HuisClosCrypto", "CHuisClosVFS", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")]),
        // The wire contract's Swift side (spec, schema and vectors live in Protocol/).
        .target(name: "HuisClosProtocol", dependencies: ["HuisClosCrypto"]),
        // The CRDT change engine — operations, clock, merge rules; pure, no I/O.
        .target(name: "HuisClosEngine", dependencies: ["HuisClosCrypto", "HuisClosProtocol"]),
        // The engine merged into a SQLite replica over any GRDB DatabaseWriter (the encrypted
        // replica's queue in the app).
        .target(
            name: "HuisClosStore",
            dependencies: [
                "HuisClosEngine", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // End-to-end trust: membership log verified from the trust root, scope keys, body sealing. Pure, no I/O.
        .target(name: "HuisClosTrust", dependencies: ["HuisClosCrypto", "HuisClosProtocol"]),

        // Texts shown to people: French by default, English with LANG=en.
        .target(name: "HuisClosL10n"),
        // Terminal presentation: tables, passphrase prompt without echo, progress bars.
        .target(name: "HuisClosTerminal"),
        // The council's rules (register, mandates, séances, attendance): pure values, no I/O.
        .target(name: "HuisClosCouncil", dependencies: ["HuisClosL10n"]),

        // Executables: thin shells over the libraries.
        .executableTarget(
            name: "HuisClosServerApp",
            dependencies: ["HuisClosProtocol", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "ServerApp"),
        .executableTarget(
            name: "HuisClosCLI",
            dependencies: ["HuisClosProtocol", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "ClientCLI"),
        .executableTarget(
            name: "HuisClosBench",
            dependencies: [
                "HuisClosCrypto", "HuisClosProtocol", "HuisClosReplica", "HuisClosEngine", "HuisClosStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // Test helper: a child process that commits transactions until it is killed (crash tests).
        .executableTarget(
            name: "HuisClosReplicaCrashChild",
            dependencies: ["HuisClosReplica", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/HuisClosReplicaCrashChild"),

        .testTarget(
            name: "HuisClosCryptoTests",
            dependencies: [
                "HuisClosCrypto",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "HuisClosProtocolTests", dependencies: ["HuisClosProtocol"]),
        .testTarget(name: "HuisClosEngineTests", dependencies: ["HuisClosEngine", "HuisClosCrypto"]),
        .testTarget(
            name: "HuisClosStoreTests",
            dependencies: [
                "HuisClosStore", "HuisClosEngine", "HuisClosReplica", "HuisClosCrypto", "HuisClosProtocol",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "HuisClosCouncilTests", dependencies: ["HuisClosCouncil"]),
        .testTarget(name: "HuisClosTerminalTests", dependencies: ["HuisClosTerminal"]),
        .testTarget(name: "HuisClosTrustTests", dependencies: ["HuisClosTrust", "HuisClosCrypto", "HuisClosProtocol"]),
        .testTarget(
            name: "HuisClosReplicaTests",
            dependencies: [
                "HuisClosReplica", "HuisClosCrypto", "HuisClosReplicaCrashChild",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ]
)
