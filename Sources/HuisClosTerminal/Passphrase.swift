#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

import Synchronization

/// Reads a passphrase: from `HUISCLOS_PASSPHRASE` for scripts, otherwise from the terminal with echo off.
public enum Passphrase {
    /// The environment variable scripts set instead of typing.
    public static let environmentVariable = "HUISCLOS_PASSPHRASE"

    /// Every variable of `huisclos` that carries a secret: the device's passphrase, a new one, the
    /// root backup's, the SMTP password and the server's admin token.
    public static let secretVariables = [environmentVariable, "HUISCLOS_NEW_PASSPHRASE", "HUISCLOS_ROOT_PASSPHRASE",
                                         "HUISCLOS_SMTP_PASSWORD", "HUISCLOS_ADMIN_TOKEN"]

    /// The secrets taken out of the environment at start (`takeSecrets`), until a command takes them.
    private static let taken = Mutex<[String: String]>([:])

    /// Takes each of `variables` out of the environment into this process's memory, where `take`
    /// finds it: called first by `huisclos`, so that a secret a command never asks for (a new
    /// passphrase given to `huisclos app`, which runs for hours) does not stay readable in
    /// `/proc/PID/environ` for the whole run.
    public static func takeSecrets(_ variables: [String] = secretVariables) {
        for variable in variables {
            guard let value = scrub(variable) else { continue }
            taken.withLock { $0[variable] = value }
        }
    }

    /// The passphrase, or nil when there is neither the variable nor a terminal to ask on.
    /// `variable` names the environment variable that gives it instead of the prompt (another
    /// secret than the device's, such as a root backup's, has its own); it is taken out of the
    /// environment as it is read (`take`).
    public static func read(prompt: String, variable: String = environmentVariable) -> String? {
        take(variable) ?? ask(prompt: prompt)
    }

    /// The value of `variable`, taken out of this process's environment (or from what
    /// `takeSecrets` took out of it at start), once: its bytes are zeroed where they lie (the process's initial environment is what `/proc/PID/environ` shows to any
    /// program of the same user for the whole run) and the variable is unset, so neither a child
    /// process nor a later reader finds it. Nil when it is unset or empty (an empty one is removed too).
    public static func take(_ variable: String) -> String? {
        if let value = taken.withLock({ $0.removeValue(forKey: variable) }) { return value }
        return scrub(variable)
    }

    /// The value of `variable`, zeroed where it lay in the environment and unset (`take`).
    private static func scrub(_ variable: String) -> String? {
        guard let found = getenv(variable) else { return nil }
        let value = String(cString: found)
        explicit_bzero(found, strlen(found))
        unsetenv(variable)
        return value.isEmpty ? nil : value
    }

    /// Asks on the terminal with echo off; nil when standard input is not a terminal.
    public static func ask(prompt: String) -> String? {
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
