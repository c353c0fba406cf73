public import ArgumentParser
public import HuisClosL10n

extension AsyncParsableCommand {
    /// Parses and runs the command as ArgumentParser's own `main` does, but reports a failure through
    /// the error model (« Erreur (code) : what happened and what to do ») in `language` and exits with
    /// the status its code names. What the parser refuses is a `UsageError` (exit 64) followed by
    /// the command's usage; its other exits (help, --version, ExitCode) keep its rendering.
    /// `explain` names a failure that is not a HuisClos error.
    public static func parseAndRun(
        in language: Language,
        explaining explain: (any Error) -> any HuisClosError = { ($0 as? any HuisClosError) ?? UnexpectedError($0) }
    ) async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exitRefusing(error, in: language) }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { exitRefusing(error, in: language) }
            let explained = explain(error)
            Console.error(explained.report.in(language) + "\n")
            exit(withError: ExitCode(explained.exitStatus.rawValue))
        }
    }

    /// Exits on one of ArgumentParser's errors: a word that names no command is said with the
    /// nearest command (`UnknownCommand`), even where the parser would show the parent's help; a refusal (its exit 64 with a message) is said as a
    /// `UsageError` in `language`, then the usage and the way to the help; a help screen with its
    /// headings in French when `language` is French; anything else (version, an `ExitCode`) as
    /// ArgumentParser renders it.
    private static func exitRefusing(_ error: any Error, in language: Language) -> Never {
        if let unknown = UnknownCommand.find(in: Array(CommandLine.arguments.dropFirst()), under: Self.self) {
            Console.error(unknown.refusal.report.in(language) + "\n")
            exit(withError: ExitCode(unknown.refusal.exitStatus.rawValue))
        }
        let english = message(for: error)
        if exitCode(for: error) == .success, language == .french, let help = ParserMessage.frenchHelp(fullMessage(for: error)) {
            Console.out(help + "\n")
            exit(withError: ExitCode.success)
        }
        guard exitCode(for: error) == .validationFailure, !english.isEmpty else { exit(withError: error) }
        // fullMessage is "Error: <message>\n", an optional "Help:  …" line, "Usage: …" and "  See '…' for more information."
        let full = fullMessage(for: error)
        let heading = "Error: \(english)\n"
        let guidance = full.hasPrefix(heading) ? String(full.dropFirst(heading.count)) : ""
        let refusal = UsageError(notUnderstood: english)
        let said = refusal.report.in(language)
        Console.error(said + "\n" + (guidance.isEmpty ? "" : Text(fr: ParserMessage.frenchGuidance(guidance), en: guidance).in(language) + "\n"))
        exit(withError: ExitCode(refusal.exitStatus.rawValue))
    }
}
