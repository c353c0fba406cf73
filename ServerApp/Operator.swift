import Foundation
import HuisClosL10n
import HuisClosTerminal

/// The operator's language, from the environment: French unless LANG/LC_* ask for English, as `huisclos`.
let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// Prints `text` in the operator's language on standard output.
func say(_ text: Text) { Console.out(text.in(language) + "\n") }
