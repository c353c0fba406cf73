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
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    Console.outVerbatim(TerminalText.json(String(decoding: try encoder.encode(value), as: UTF8.self)) + "\n")
}

extension ArgumentHelp {
    /// An argument's help from the catalogue, in the person's language.
    init(_ text: Text) { self.init(text.in(language)) }

    /// An option's help and the name of its value (`<répertoire>`), in the person's language.
    init(_ text: Text, value: Text) { self.init(text.in(language), valueName: value.in(language)) }

    /// Help texts that recur across commands (`CommonHelp`).
    static var json: ArgumentHelp { .init(CommonHelp.json) }
    static var seanceJSON: ArgumentHelp { .init(CommonHelp.seanceJSON) }
    static var seance: ArgumentHelp { .init(CommonHelp.seance) }
    static var member: ArgumentHelp { .init(CommonHelp.member) }
}

extension CommandConfiguration {
    /// A command's configuration with its help from the catalogue, in the person's language.
    init(commandName: String? = nil, help: CommandHelp, subcommands: [any ParsableCommand.Type] = [], aliases: [String] = []) {
        self.init(
            commandName: commandName, abstract: help.abstract.in(language), discussion: help.discussion(in: language),
            subcommands: subcommands, aliases: aliases)
    }
}

extension Listing {
    /// Prints the table, ending with a newline, or the JSON array. An empty table says so under its header.
    func show(json: Bool) throws {
        if json { return try printJSON(self.json) }
        var table = Table(headers: headers)
        rows.forEach { table.append($0) }
        Console.out(table.render() + "\n")
        if rows.isEmpty { say(Text(fr: "(aucune ligne)", en: "(no rows)")) }
    }
}
