public import ArgumentParser
import HuisClosL10n

/// A word typed where a subcommand is expected that names none (« huisclos membre liste »,
/// « huisclos help membres lister »), with the nearest command's name: the parser alone says
/// « argument inattendu », or shows the parent's help as if the word had not been typed.
public struct UnknownCommand: Equatable, Sendable {
    /// The command line up to the unknown word (`huisclos membres`).
    public let parent: String
    /// The word that names no subcommand of `parent`.
    public let word: String
    /// The subcommand the word most likely meant, if one is close enough.
    public let nearest: String?
    /// Every subcommand of `parent`, as the help lists them.
    public let names: [String]

    /// An unknown `word` under `parent`, with its `nearest` command among `names`.
    public init(parent: String, word: String, nearest: String?, names: [String]) {
        self.parent = parent
        self.word = word
        self.nearest = nearest
        self.names = names
    }

    /// The first unknown word in `arguments` (without the program's name) under `root`, looking at
    /// the words before the first option, up to the command that takes no subcommand; nil when
    /// each of them names a command.
    public static func find(in arguments: [String], under root: any ParsableCommand.Type) -> UnknownCommand? {
        var command = root
        var path = [root._commandName]
        // `help` is the parser's own subcommand at the root: the words after it name a command too.
        var words = arguments.first == "help" ? arguments.dropFirst() : arguments[...]
        while let word = words.first, !word.hasPrefix("-") {
            let configuration = command.configuration
            guard !configuration.subcommands.isEmpty, configuration.defaultSubcommand == nil else { return nil }
            guard let next = configuration.subcommands.first(where: { $0._commandName == word || $0.configuration.aliases.contains(word) }) else {
                let names = configuration.subcommands.map { $0._commandName }
                // A French alias is as good a guess as the name (« synchronise » → « synchroniser »).
                let spellings = configuration.subcommands.flatMap { [$0._commandName] + $0.configuration.aliases }
                return UnknownCommand(parent: path.joined(separator: " "), word: TerminalText.shown(word, keepingLines: false), nearest: nearest(to: word, among: spellings), names: names)
            }
            command = next
            path.append(word)
            words = words.dropFirst()
        }
        return nil
    }

    /// The refusal: the word, the nearest command if any, and the commands there are.
    public var refusal: UsageError {
        let guess = nearest.map { Text(fr: " ; vouliez-vous dire « \($0) » ?", en: "; did you mean \"\($0)\"?") } ?? Text(fr: ".", en: ".")
        let listed = names.joined(separator: ", ")
        return UsageError(unknownCommand: Text(
            fr: "« \(word) » n'est pas une commande de « \(parent) »\(guess.french) Commandes : \(listed). Voyez « \(parent) --help ».",
            en: "\"\(word)\" is not a command of \"\(parent)\"\(guess.english) Commands: \(listed). See \"\(parent) --help\"."))
    }

    /// The name in `names` closest to `word` (accents and case aside): within two edits, or one
    /// beginning with the other (« membre », « lister »); nil when none is close.
    static func nearest(to word: String, among names: [String]) -> String? {
        let typed = Array(FrenchCollation.folded(word))
        // Scored by edits (a prefix counts as one), then by the edits themselves: « synchronise » is
        // « synchroniser » rather than « sync ».
        let scored = names.map { name -> (name: String, distance: Int, edits: Int) in
            let candidate = Array(FrenchCollation.folded(name))
            let prefixed = min(typed.count, candidate.count) >= 3 && (typed.starts(with: candidate) || candidate.starts(with: typed))
            let edits = editDistance(typed, candidate)
            return (name, prefixed ? 1 : edits, edits)
        }
        guard let best = scored.min(by: { ($0.distance, $0.edits) < ($1.distance, $1.edits) }),
              best.distance <= min(2, max(1, typed.count / 3)) else { return nil }
        return best.name
    }


    /// Edit distance between two words, two neighbouring letters swapped counting as one edit
    /// (« lsite » is one from « liste »).
    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        var beforePrevious: [Int] = []
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                var distance = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
                if i > 0, j > 0, x == b[j - 1], a[i - 1] == y { distance = min(distance, beforePrevious[j - 1] + 1) }
                current.append(distance)
            }
            (beforePrevious, previous) = (previous, current)
        }
        return previous[b.count]
    }
}
