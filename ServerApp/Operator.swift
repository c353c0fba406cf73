import ArgumentParser
import Foundation
import HuisClosL10n
import HuisClosTerminal

/// The operator's language, from the environment: French unless LANG/LC_* ask for English, as `huisclos`.
let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// Help texts that recur across commands, written once (French / English, as `huisclos`'s).
extension ArgumentHelp {
    static let dataFolder: ArgumentHelp = "Dossier de données du relais (variable HUISCLOS_DATA) / the relay's data folder (env HUISCLOS_DATA)."
    static let council: ArgumentHelp =
        "Un conseil hébergé à côté du conseil par défaut (huisclos-server councils list) ; par défaut, le conseil par défaut / a council hosted beside the default one; default: the default council."
}

/// Prints `text` in the operator's language on standard output.
func say(_ text: Text) { Console.out(text.in(language) + "\n") }
