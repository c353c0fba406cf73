import ArgumentParser
import HuisClosL10n
import HuisClosTerminal
import Testing

/// A small command tree like the client's: a root, a group with an alias, leaves with options.
private struct Root: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "huisclos", subcommands: [Members.self, Seances.self])
}

private struct Members: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "membres", subcommands: [List.self, Appoint.self])
}

private struct Seances: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "seances", subcommands: [List.self], aliases: ["séances"])
}

private struct List: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "liste")
    @Argument var words: [String] = []
}

private struct Appoint: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "nommer")
}

@Suite struct UnknownCommandTests {
    @Test func aWordThatNamesNoCommandIsFoundWithTheNearestName() {
        #expect(UnknownCommand.find(in: ["membre", "liste"], under: Root.self)
            == UnknownCommand(parent: "huisclos", word: "membre", nearest: "membres", names: ["membres", "seances"]))
        #expect(UnknownCommand.find(in: ["membres", "lister", "--json"], under: Root.self)?.nearest == "liste")
        #expect(UnknownCommand.find(in: ["help", "membres", "nomer"], under: Root.self)?.parent == "huisclos membres")
        #expect(UnknownCommand.find(in: ["membres", "xyz"], under: Root.self)?.nearest == nil)
        // The second acceptance run: two letters swapped, and an alias, are guessed too.
        #expect(UnknownCommand.find(in: ["seances", "lsite"], under: Root.self)?.nearest == "liste")
        #expect(UnknownCommand.find(in: ["seance", "liste"], under: Root.self)?.nearest == "seances")
        #expect(UnknownCommand.find(in: ["séance"], under: Root.self)?.nearest == "seances" || UnknownCommand.find(in: ["séance"], under: Root.self)?.nearest == "séances")
        // The attacker's review: a word is shown without the control characters typed in it.
        #expect(UnknownCommand.find(in: ["mem\u{1B}[2Jbres"], under: Root.self)?.word == "mem\\u{1b}[2Jbres")
    }

    @Test func commandsAliasesOptionsAndALeafsArgumentsAreNotUnknown() {
        #expect(UnknownCommand.find(in: ["membres", "liste"], under: Root.self) == nil)
        #expect(UnknownCommand.find(in: ["séances", "liste"], under: Root.self) == nil)
        #expect(UnknownCommand.find(in: ["help", "membres"], under: Root.self) == nil)
        #expect(UnknownCommand.find(in: ["--bogus", "membre"], under: Root.self) == nil)
        #expect(UnknownCommand.find(in: ["seances", "liste", "anything", "else"], under: Root.self) == nil)
    }

    @Test func theRefusalNamesTheWordTheGuessAndTheCommandsInBothLanguages() {
        let refusal = UnknownCommand(parent: "huisclos membres", word: "lister", nearest: "liste", names: ["liste", "nommer"]).refusal
        #expect(refusal.exitStatus.rawValue == 64)
        #expect(refusal.report.french.contains("« lister » n'est pas une commande de « huisclos membres » ; vouliez-vous dire « liste » ? Commandes : liste, nommer."))
        #expect(refusal.report.english.contains("\"lister\" is not a command of \"huisclos membres\"; did you mean \"liste\"? Commands: liste, nommer."))
    }
}
