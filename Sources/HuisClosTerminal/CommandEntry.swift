import ArgumentParser
import HuisClosL10n

extension AsyncParsableCommand {
    /// Parses and runs the command as ArgumentParser's own `main` does, but reports a failure through
    /// the error model (« Erreur (code) : what happened and what to do ») in `language` and exits with
    /// the status its code names. ArgumentParser's own errors and exits (help, --version, ExitCode,
    /// ValidationError) keep its rendering. `explain` names a failure that is not a HuisClos error.
    public static func parseAndRun(
        in language: Language,
        explaining explain: (any Error) -> any HuisClosError = { ($0 as? any HuisClosError) ?? UnexpectedError($0) }
    ) async {
        var command: any ParsableCommand
        do { command = try parseAsRoot() } catch { exit(withError: error) }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { exit(withError: error) }
            let explained = explain(error)
            Console.error(explained.report.in(language) + "\n")
            exit(withError: ExitCode(explained.exitStatus.rawValue))
        }
    }
}
