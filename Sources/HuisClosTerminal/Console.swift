#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Unbuffered writes to the standard streams (no shared `FILE*` state, safe from any task).
/// What is said to a person goes through `TerminalText.shown`: it quotes what others wrote.
public enum Console {
    /// Writes `text` to standard output, its control characters but line feeds and tabs shown (`TerminalText`).
    public static func out(_ text: String) { write(TerminalText.shown(text), to: STDOUT_FILENO) }

    /// Writes `text` to standard error, its control characters but line feeds and tabs shown (`TerminalText`).
    public static func error(_ text: String) { write(TerminalText.shown(text), to: STDERR_FILENO) }

    /// Writes `text` to standard output as is: a file's content (an iCalendar file's CRLF lines).
    public static func outVerbatim(_ text: String) { write(text, to: STDOUT_FILENO) }

    /// Writes `text` to standard error as is: the progress bar's carriage returns.
    public static func errorVerbatim(_ text: String) { write(text, to: STDERR_FILENO) }

    /// Whether the descriptor is a terminal.
    public static func isTerminal(_ descriptor: Int32) -> Bool { isatty(descriptor) == 1 }

    private static func write(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                #if canImport(Glibc)
                Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #else
                Darwin.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                #endif
            }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return }
            offset += written
        }
    }
}
