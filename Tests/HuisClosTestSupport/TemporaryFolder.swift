public import Foundation

/// A fresh folder under `TMPDIR` for one test, deleted by `remove()`.
public struct TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// The folder the test folders are made in: `TMPDIR`, else the system's temporary folder.
    public static var base: URL { URL(fileURLWithPath: ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()) }

    /// The name every folder of `label` starts with.
    public static func prefix(_ label: String) -> String { "huisclos-\(label)-" }

    /// Creates `TMPDIR/huisclos-<label>-<random>`.
    public init(_ label: String) throws {
        url = Self.base.appendingPathComponent(Self.prefix(label) + UUID().uuidString.prefix(8))
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
