import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosTerminal

/// The operator's language, from the environment: French unless LANG/LC_* ask for English, as `huisclos`.
let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// Prints `text` in the operator's language on standard output.
func say(_ text: Text) { Console.out(text.in(language) + "\n") }

/// Reports a command's failure in the operator's language (« Erreur (code) : what happened and
/// what to do ») and exits with the status its code names; ArgumentParser's own errors and exits
/// keep its rendering.
func reportAndExit(_ error: any Error) -> Never {
    // ArgumentParser's own errors and exits (help, --version, ExitCode, ValidationError) keep its rendering.
    if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { ServerCommand.exit(withError: error) }
    let explained = (error as? any HuisClosError) ?? UnexpectedError(error)
    Console.error(explained.report.in(language) + "\n")
    ServerCommand.exit(withError: ExitCode(explained.exitStatus.rawValue))
}
