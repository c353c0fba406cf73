// swift-tools-version: 6.1
// libFuzzer targets for every decoder of untrusted bytes. Built and run by scripts/fuzz.sh, with
// `-sanitize=fuzzer,address` on every module: a package of its own so the main build never
// compiles with the fuzzer.
import PackageDescription

let package = Package(
    name: "HuisClosFuzz",
    dependencies: [
        .package(name: "HuisClos", path: "../.."),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        .executableTarget(
            name: "HuisClosFuzz",
            dependencies: [
                "HuisClosVFSFuzz",
                .product(name: "HuisClosDecoders", package: "HuisClos"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ]),
        // The VFS's page and WAL frame decoders, driven through SQLite over fuzzed files (C, like the VFS).
        .target(
            name: "HuisClosVFSFuzz",
            dependencies: [.product(name: "HuisClosDecoders", package: "HuisClos")],
            linkerSettings: [.linkedLibrary("sqlite3")]),
    ]
)
