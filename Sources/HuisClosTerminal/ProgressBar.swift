#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A one-line progress bar on standard error, drawn only when it is a terminal (scripts and
/// `--json` output stay clean). Redraws at most once per percent.
public struct ProgressBar: Sendable {
    private let label: String
    private let total: Int64
    private let enabled: Bool
    private var lastPercent = -1

    /// A bar for `total` units (bytes, batches); disabled when stderr is not a terminal or `quiet`.
    public init(label: String, total: Int64, quiet: Bool = false) {
        self.label = label
        self.total = max(total, 1)
        self.enabled = !quiet && Console.isTerminal(STDERR_FILENO)
    }

    /// Shows `done` units out of the total.
    public mutating func update(_ done: Int64) {
        guard enabled else { return }
        let percent = Int(min(100, done * 100 / total))
        guard percent != lastPercent else { return }
        lastPercent = percent
        let filled = percent * 30 / 100
        let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: 30 - filled)
        Console.errorVerbatim("\r\(TerminalText.shown(label, keepingLines: false)) \(bar) \(percent) %")
    }

    /// Ends the line.
    public func finish() {
        guard enabled, lastPercent >= 0 else { return }
        Console.error("\n")
    }
}
