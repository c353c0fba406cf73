#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a passphrase: from `HUISCLOS_PASSPHRASE` for scripts, otherwise from the terminal with echo off.
public enum Passphrase {
    /// The environment variable scripts set instead of typing.
    public static let environmentVariable = "HUISCLOS_PASSPHRASE"

    /// The passphrase, or nil when there is neither the variable nor a terminal to ask on.
    /// `variable` names the environment variable that gives it instead of the prompt (another
    /// secret than the device's, such as a root backup's, has its own).
    public static func read(prompt: String, environment: [String: String], variable: String = environmentVariable) -> String? {
        if let value = environment[variable], !value.isEmpty { return value }
        guard isatty(STDIN_FILENO) == 1 else { return nil }
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            Console.error("\n")
        }
        Console.error(prompt)
        return readLine(strippingNewline: true)
    }
}
