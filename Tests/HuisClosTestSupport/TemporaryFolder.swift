import Foundation

/// A fresh folder under `TMPDIR` for one test, deleted by `remove()`.
public struct TemporaryFolder: Sendable {
    /// The folder.
    public let url: URL

    /// Creates `TMPDIR/huisclos-<label>-<random>`.
    public init(_ label: String) throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"] ?? NSTemporaryDirectory()
        url = URL(fileURLWithPath: base).appendingPathComponent("huisclos-\(label)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Deletes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(at: url)
    }
}
