import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosL10n
import HuisClosTerminal

/// The person's language, from the environment (French unless LANG/LC_* ask for English).
let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// Prints `text` in the person's language on standard output.
func say(_ text: Text) { Console.out(text.in(language) + "\n") }

/// Prints `text` in the person's language on standard error (warnings, and problems beside a JSON output).
func warn(_ text: Text) { Console.error(text.in(language) + "\n") }

/// Prints `lines`: information on standard output, problems on standard error.
func show(_ lines: [ReportLine]) {
    for line in lines {
        switch line {
        case .info(let text): say(text)
        case .problem(let text): warn(text)
        }
    }
}

/// Prints a value as one line of JSON on standard output (`--json`).
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    Console.out(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
}

/// Help texts that recur across commands, written once.
extension ArgumentHelp {
    static let json: ArgumentHelp = "Sortie JSON / JSON output."
    static let seanceJSON: ArgumentHelp = "Sortie JSON : la séance telle qu'elle est maintenant / JSON output: the séance as it now stands."
    static let seance: ArgumentHelp = "Identifiant de la séance / séance id."
    static let member: ArgumentHelp = "Identifiant du membre / member id."
}

extension Listing {
    /// Prints the table, ending with a newline, or the JSON array.
    func show(json: Bool) throws {
        if json { return try printJSON(self.json) }
        var table = Table(headers: headers)
        rows.forEach { table.append($0) }
        Console.out(table.render() + "\n")
    }
}
