import HuisClosL10n
import HuisClosTerminal
import Synchronization

/// One progress bar at a time, fed from the client layer's `@Sendable` callbacks: a new label
/// finishes the bar before it; hidden with `quiet` (JSON output).
final class ProgressBars: Sendable {
    private let current = Mutex<(label: String, bar: ProgressBar)?>(nil)
    private let quiet: Bool

    init(quiet: Bool) { self.quiet = quiet }

    /// `done` of `total` under `label`.
    func update(_ label: Text, _ done: Int, _ total: Int) {
        guard !quiet, total > 0 else { return }
        let name = label.in(language)
        current.withLock { shown in
            if shown?.label != name {
                shown?.bar.finish()
                shown = (name, ProgressBar(label: name, total: Int64(total)))
            }
            shown?.bar.update(Int64(done))
        }
    }

    /// Ends the bar shown, if any.
    func finish() {
        current.withLock {
            $0?.bar.finish(); $0 = nil
        }
    }
}
