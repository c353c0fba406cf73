// swift-tools-version: 6.2
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
        // The decoders of untrusted bytes, for the libFuzzer targets of Tests/Fuzz (scripts/fuzz.sh).
        .library(name: "HuisClosDecoders", targets: ["HuisClosCrypto", "HuisClosProtocol", "HuisClosEngine", "HuisClosTrust", "HuisClosWire", "CHuisClosVFS"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-configuration", from: "1.4.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.1"),
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
        .target(name: "HuisClosCrypto", dependencies: ["CSodium", "HuisClosL10n"]),
        // The encrypting SQLite VFS (C: SQLite calls it through function pointers on every page).
        .target(
            name: "CHuisClosVFS", dependencies: ["CSQLite", "CSodium"],
            linkerSettings: [.linkedLibrary("sqlite3"), .linkedLibrary("sodium")]),
        // Layer 1: the encrypted local replica (a GRDB DatabaseQueue over the VFS).
        .target(
            name: "HuisClosReplica",
            dependencies: ["HuisClosCrypto", "HuisClosL10n", "CHuisClosVFS", "CSQLite", .product(name: "GRDB", package: "GRDB.swift")]),
        // The wire contract's Swift side (spec, schema and vectors live in Protocol/).
        .target(name: "HuisClosProtocol", dependencies: ["HuisClosCrypto", "HuisClosL10n"]),
        // The CRDT change engine — operations, clock, merge rules; pure, no I/O.
        .target(name: "HuisClosEngine", dependencies: ["HuisClosCrypto", "HuisClosProtocol", "HuisClosL10n"]),
        // The engine merged into a SQLite replica over any GRDB DatabaseWriter (the encrypted
        // replica's queue in the app).
        .target(
            name: "HuisClosStore",
            dependencies: [
                "HuisClosEngine", "HuisClosProtocol", "HuisClosCrypto", "HuisClosL10n", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]),
        // End-to-end trust: membership log verified from the trust root, scope keys, body sealing. Pure, no I/O.
        .target(name: "HuisClosTrust", dependencies: ["HuisClosCrypto", "HuisClosProtocol", "HuisClosCouncil", "HuisClosL10n"]),

        // Texts shown to people: French by default, English with LANG=en; the one error model
        // (`HuisClosError`: a stable code, both languages, exit and HTTP status) every target conforms to.
        .target(name: "HuisClosL10n"),
        // Terminal presentation: tables, passphrase prompt without echo, progress bars, the commands' entry point.
        .target(
            name: "HuisClosTerminal",
            dependencies: ["HuisClosL10n", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The council's rules (register, mandates, séances, attendance): pure values, no I/O.
        .target(name: "HuisClosCouncil", dependencies: ["HuisClosL10n"]),
        // E-mail notices from the secretariat's device: SMTP with STARTTLS or TLS, MIME messages.
        .target(
            name: "HuisClosMail",
            dependencies: [
                "HuisClosL10n",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // RFC 3161 time-stamps: requests to a time-stamping authority over HTTP, tokens (CMS
        // SignedData) verified offline against the council's TSA roots.
        .target(
            name: "HuisClosTimestamp",
            dependencies: [
                "HuisClosCrypto", "HuisClosL10n",
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
                // SHA-1 of the ESS signingCertificate v1 attribute only (libsodium has no SHA-1).
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Published material: adopted texts, the public site, SCDL open data, the activity report. Pure.
        .target(name: "HuisClosPublication", dependencies: ["HuisClosCouncil", "HuisClosEngine", "HuisClosProtocol", "HuisClosL10n", "HuisClosCrypto", "HuisClosWire", "HuisClosTrust"]),
        // The council's life as records in the council scope of a device's ChangeStore, and the
        // register folded from the verified membership log (the I/O side of HuisClosCouncil).
        .target(
            name: "HuisClosCouncilStore",
            dependencies: [
                "HuisClosCouncil", "HuisClosStore", "HuisClosEngine", "HuisClosTrust", "HuisClosProtocol",
                "HuisClosCrypto", "HuisClosL10n",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        // The sync protocol's messages (generated from Protocol/huisclos.proto), endpoints and error codes.
        .target(
            name: "HuisClosWire",
            dependencies: [
                "HuisClosProtocol", "HuisClosCrypto", "HuisClosL10n", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),

        // Bounded connections for a Hummingbird server: a bound in all and per client (the idle one
        // closed for room), a deadline for the first head, parse errors answered. The relay's and the app's.
        .target(
            name: "HuisClosHTTPGuard",
            dependencies: [
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),

        // Layer 2: the relay server's core (HTTP, WebSocket, storage) and the sync client.
        .target(
            name: "HuisClosServer",
            dependencies: [
                "HuisClosWire", "HuisClosHTTPGuard", "HuisClosPublication", "HuisClosTrust", "HuisClosCouncil", "HuisClosEngine", "HuisClosL10n",
                "HuisClosProtocol", "HuisClosCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Configuration", package: "swift-configuration"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]),
        // The PostgreSQL `ServerStorage` and the bus between instances sharing one database (its own
        // target: postgres-nio stays out of the relay core and of every client-side target).
        .target(
            name: "HuisClosServerPostgres",
            dependencies: [
                "HuisClosServer", "HuisClosWire", "HuisClosProtocol", "HuisClosCrypto", "HuisClosL10n",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "HuisClosSync",
            dependencies: [
                "HuisClosWire", "HuisClosL10n", "HuisClosEngine", "HuisClosProtocol", "HuisClosCrypto",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),

        // A member's device: one encrypted replica holding keys, trust, log, scope keys and the
        // change store; sealing codec and membership authorizer; sync with the relay.
        .target(
            name: "HuisClosDevice",
            dependencies: [
                "HuisClosReplica", "HuisClosStore", "HuisClosTrust", "HuisClosSync", "HuisClosCouncil", "HuisClosCouncilStore", "HuisClosDossiers",
                "HuisClosPublication", "HuisClosEngine", "HuisClosProtocol", "HuisClosCrypto", "HuisClosWire",
                "HuisClosL10n",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),

        // Dossiers, annotations, working groups, hearings and avis drafts over the change store;
        // dossier files sealed end to end and moved through the relay.
        .target(
            name: "HuisClosDossiers",
            dependencies: [
                "HuisClosStore", "HuisClosEngine", "HuisClosCrypto", "HuisClosProtocol", "HuisClosTrust",
                "HuisClosSync", "HuisClosWire", "HuisClosPublication", "HuisClosCouncil", "HuisClosCouncilStore", "HuisClosL10n",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),

        // The application layer every face calls: one session per unlocked device, each workflow
        // (sync everything, dossiers, hearings, the council's records) one call on it; time and
        // randomness injected.
        .target(
            name: "HuisClosClient",
            dependencies: [
                "HuisClosDevice", "HuisClosDossiers", "HuisClosCouncilStore", "HuisClosSync", "HuisClosCouncil",
                "HuisClosTrust", "HuisClosEngine", "HuisClosProtocol", "HuisClosWire", "HuisClosL10n",
                "HuisClosPublication", "HuisClosStore", "HuisClosCrypto", "HuisClosTerminal", "HuisClosMail", "HuisClosReplica",
                "HuisClosTimestamp",
                .product(name: "X509", package: "swift-certificates"),
            ]),

        // The members' local web interface (`huisclos app`): a Hummingbird server on loopback over one
        // unlocked `ClientSession`, its guard (URL secret, cookie, Host, CSRF, headers, idle lock), its
        // pages and templates (compiled in). No rule or workflow of its own.
        .target(
            name: "HuisClosApp",
            dependencies: [
                "HuisClosClient", "HuisClosDevice", "HuisClosDossiers", "HuisClosCouncil", "HuisClosCouncilStore", "HuisClosEngine",
                "HuisClosCrypto", "HuisClosL10n", "HuisClosProtocol", "HuisClosPublication", "HuisClosTrust", "HuisClosHTTPGuard",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Algorithms", package: "swift-algorithms"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ]),

        // Executables: thin shells over the libraries.
        .executableTarget(
            name: "HuisClosServerApp",
            dependencies: [
                "HuisClosServer", "HuisClosServerPostgres", "HuisClosTerminal", "HuisClosL10n", "HuisClosProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "ServerApp"),
        .executableTarget(
            name: "HuisClosCLI",
            dependencies: [
                "HuisClosClient", "HuisClosApp", "HuisClosDevice", "HuisClosSync", "HuisClosPublication", "HuisClosDossiers", "HuisClosL10n",
                "HuisClosTerminal", "HuisClosCouncil", "HuisClosCouncilStore", "HuisClosEngine", "HuisClosMail",
                "HuisClosProtocol", "HuisClosTrust", "HuisClosWire", "HuisClosCrypto", "HuisClosReplica",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "ClientCLI"),
        .executableTarget(
            name: "HuisClosBench",
            dependencies: [
                "HuisClosCrypto", "HuisClosProtocol", "HuisClosReplica", "HuisClosEngine", "HuisClosStore",
                "HuisClosServer", "HuisClosSync", "HuisClosDossiers", "HuisClosL10n", "HuisClosWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // Test helper: a child process that commits transactions until it is killed (crash tests).
        .executableTarget(
            name: "HuisClosReplicaCrashChild",
            dependencies: ["HuisClosReplica", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/HuisClosReplicaCrashChild"),

        // The deterministic simulation (issue 15): devices, the relay's storage and request handling,
        // and a faulty network in one process, driven by one seed (scripts/simulate.sh).
        .executableTarget(
            name: "HuisClosSimulation",
            dependencies: [
                "HuisClosDevice", "HuisClosServer", "HuisClosSync", "HuisClosStore", "HuisClosTrust", "HuisClosProtocol",
                "HuisClosCrypto", "HuisClosEngine", "HuisClosWire", "HuisClosTestSupport", "HuisClosL10n", "CSodium",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "Tests/HuisClosSimulation"),

        // Helpers shared by the integration tests: a real server on loopback, temp folders, a test store.
        .target(
            name: "HuisClosTestSupport",
            dependencies: [
                "HuisClosServer", "HuisClosSync", "HuisClosEngine", "HuisClosL10n", "HuisClosCrypto", "HuisClosProtocol", "HuisClosWire",
                "HuisClosTrust",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            path: "Tests/HuisClosTestSupport"),

        .testTarget(
            name: "HuisClosCryptoTests", dependencies: ["HuisClosCrypto"]),
        .testTarget(
            name: "HuisClosProtocolTests",
            dependencies: [
                "HuisClosProtocol", "HuisClosWire", "HuisClosCrypto", "HuisClosL10n", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .testTarget(
            name: "HuisClosServerTests",
            dependencies: [
                "HuisClosServer", "HuisClosServerPostgres", "HuisClosSync", "HuisClosTestSupport", "HuisClosHTTPGuard", "HuisClosL10n",
                "HuisClosCrypto", "HuisClosProtocol", "HuisClosTrust", "HuisClosWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        .testTarget(
            name: "HuisClosSyncTests",
            dependencies: [
                "HuisClosSync", "HuisClosL10n", "HuisClosTestSupport", "HuisClosCrypto", "HuisClosProtocol", "HuisClosWire",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        // The simulation's seeds that found bugs, replayed by the built `HuisClosSimulation`.
        .testTarget(name: "HuisClosSimulationTests", dependencies: ["HuisClosSimulation", "HuisClosTestSupport"]),
        // The commands of the built `huisclos` against a real relay, with one fixture (`CouncilCLI`).
        .testTarget(
            name: "HuisClosCLITests",
            dependencies: [
                "HuisClosTestSupport", "HuisClosReplica", "HuisClosCrypto", "HuisClosSync", "HuisClosProtocol", "HuisClosWire", "HuisClosL10n",
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .testTarget(
            name: "HuisClosDeviceTests",
            dependencies: [
                "HuisClosDevice", "HuisClosTestSupport", "HuisClosServer", "HuisClosSync", "HuisClosTrust",
                "HuisClosStore", "HuisClosEngine", "HuisClosReplica", "HuisClosCrypto", "HuisClosCouncil", "HuisClosCouncilStore",
                "HuisClosDossiers", "HuisClosL10n", "HuisClosProtocol", "HuisClosPublication", "HuisClosWire",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        // The client layer's workflows called directly (no process), on a manual clock; the local app
        // (`HuisClosApp`) driven over HTTP on loopback with the same council.
        .testTarget(
            name: "HuisClosClientTests",
            dependencies: [
                "HuisClosClient", "HuisClosApp", "HuisClosTestSupport", "HuisClosDevice", "HuisClosDossiers", "HuisClosCouncil", "HuisClosTrust",
                "HuisClosCouncilStore", "HuisClosTimestamp", "HuisClosPublication", "HuisClosServer",
                "HuisClosCrypto", "HuisClosEngine", "HuisClosProtocol", "HuisClosStore", "HuisClosWire", "HuisClosL10n", "HuisClosSync",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        // Every code of every error type: both languages, unique codes, exit statuses; Protocol/ERRORS.md current.
        .testTarget(
            name: "HuisClosErrorTests",
            dependencies: [
                "HuisClosL10n", "HuisClosCrypto", "HuisClosProtocol", "HuisClosEngine", "HuisClosTrust", "HuisClosReplica",
                "HuisClosDevice", "HuisClosCouncil", "HuisClosCouncilStore", "HuisClosPublication", "HuisClosDossiers",
                "HuisClosWire", "HuisClosServer", "HuisClosTerminal", "HuisClosClient", "HuisClosMail", "HuisClosTimestamp", "HuisClosApp",
            ]),
        // Tokens from a real `openssl ts` authority on loopback, verified and refused.
        .testTarget(
            name: "HuisClosTimestampTests",
            dependencies: [
                "HuisClosTimestamp", "HuisClosTestSupport", "HuisClosCrypto",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "X509", package: "swift-certificates"),
            ]),
        .testTarget(name: "HuisClosEngineTests", dependencies: ["HuisClosEngine", "HuisClosCrypto", "HuisClosProtocol"]),
        .testTarget(
            name: "HuisClosStoreTests",
            dependencies: [
                "HuisClosStore", "HuisClosEngine", "HuisClosReplica", "HuisClosCrypto", "HuisClosProtocol", "HuisClosTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "HuisClosCouncilTests", dependencies: ["HuisClosCouncil", "HuisClosL10n"]),
        .testTarget(
            name: "HuisClosPublicationTests",
            dependencies: ["HuisClosPublication", "HuisClosCouncil", "HuisClosEngine", "HuisClosCrypto", "HuisClosTestSupport", "HuisClosL10n", "HuisClosWire"]),
        .testTarget(
            name: "HuisClosDossiersTests",
            dependencies: [
                "HuisClosDossiers", "HuisClosStore", "HuisClosEngine", "HuisClosCrypto", "HuisClosProtocol",
                "HuisClosTrust", "HuisClosSync", "HuisClosServer", "HuisClosTestSupport", "HuisClosPublication",
                "HuisClosCouncil", "HuisClosL10n", "HuisClosWire", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .testTarget(
            name: "HuisClosCouncilStoreTests",
            dependencies: [
                "HuisClosCouncilStore", "HuisClosCouncil", "HuisClosStore", "HuisClosEngine", "HuisClosTrust",
                "HuisClosCrypto", "HuisClosProtocol", "HuisClosSync", "HuisClosTestSupport", "HuisClosL10n", "HuisClosWire",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(
            name: "HuisClosTerminalTests",
            dependencies: ["HuisClosTerminal", "HuisClosL10n", "HuisClosTestSupport", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "HuisClosTrustTests", dependencies: ["HuisClosTrust", "HuisClosCouncil", "HuisClosCrypto", "HuisClosProtocol"]),
        .testTarget(
            name: "HuisClosReplicaTests",
            dependencies: [
                "HuisClosReplica", "HuisClosCrypto", "HuisClosL10n", "HuisClosReplicaCrashChild", "HuisClosTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ]
)

// CI's guardrail: a warning in this package's own code fails the build (SE-0480). SwiftPM applies
// a package's warning settings to its own targets only: dependencies build as they always did.
// Every Swift target writes `any` for an existential, imports each module whose members it
// uses (not only those a sibling file imported), and imports internally unless a public or
// package declaration shows the module's types (`public import`, `package import`; SE-0409).
for target in package.targets where target.type != .system {
    if target.name == "CHuisClosVFS" {
        target.cSettings = (target.cSettings ?? []) + [.treatAllWarnings(as: .error)]
    } else {
        target.swiftSettings = (target.swiftSettings ?? []) + [
            .enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility"),
            .enableUpcomingFeature("InternalImportsByDefault"), .treatAllWarnings(as: .error),
        ]
    }
}
