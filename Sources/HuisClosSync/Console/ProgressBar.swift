import Foundation

/// A one-line progress bar on standard error, redrawn in place, shown only on a terminal.
public struct ProgressBar: Sendable {
    /// Characters of the bar itself.
    static let width = 30
    private let label: String
    private let enabled: Bool

    /// A bar titled `label`; silent unless standard error is a terminal (or `force`).
    public init(_ label: Localized, force: Bool = false) {
        self.label = label.text()
        self.enabled = force || isatty(STDERR_FILENO) == 1
    }

    /// The line for `done` of `total`.
    public func line(done: Int, total: Int) -> String {
        let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 1
        let filled = Int((fraction * Double(Self.width)).rounded(.down))
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: Self.width - filled)
        return "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total)"
    }

    /// Redraws the bar.
    public func update(done: Int, total: Int) {
        guard enabled else { return }
        FileHandle.standardError.write(Data(("\r" + line(done: done, total: total)).utf8))
    }

    /// Ends the bar's line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\n".utf8))
    }
}
