public import HuisClosL10n

/// What a face says about one command, in both languages: a one-line summary, what it does, its
/// examples and its exit codes. The CLI shows one language; the app can show the same words.
public struct CommandHelp: Sendable {
    /// The one-line summary (the CLI's `abstract`).
    public let abstract: Text
    /// What the command does, beyond the summary, if anything.
    public let details: Text?
    /// Command lines to copy: the same words in both languages, each with an optional note.
    public let examples: [Example]
    /// The exit codes and what each means here, without their heading.
    public let exitCodes: Text?

    public init(_ abstract: Text, details: Text? = nil, examples: [Example] = [], exitCodes: Text? = nil) {
        self.abstract = abstract
        self.details = details
        self.examples = examples
        self.exitCodes = exitCodes
    }

    /// One example command line and what it shows, if that needs saying.
    public struct Example: Sendable, ExpressibleByStringLiteral {
        public let command: String
        public let note: Text?

        public init(_ command: String, note: Text? = nil) {
            self.command = command
            self.note = note
        }

        public init(stringLiteral command: String) { self.init(command) }
    }

    /// The text under the summary in `language`: the details, the examples (notes aligned after
    /// the commands), then the exit codes; empty when there is none of them.
    public func discussion(in language: Language) -> String {
        var parts: [String] = []
        if let details { parts.append(details.in(language)) }
        if !examples.isEmpty { parts.append(examplesText(in: language)) }
        if let exitCodes { parts.append(Text(fr: "Codes de sortie : ", en: "Exit codes: ").in(language) + exitCodes.in(language)) }
        return parts.joined(separator: "\n")
    }

    /// How long a command may be and still have its note aligned with the others' (the help is 80 columns wide).
    private static let noteColumn = 44

    /// The widest line of an example, its indentation and a continuation's ` \` included: the help
    /// is wrapped at 80 columns, and a line wrapped there would break the command when pasted.
    static let lineWidth = 78

    /// « Exemple : … » on one line for a lone short example without note, else a heading and one
    /// indented command each, continued over lines ending in ` \` when it is too long for one.
    private func examplesText(in language: Language) -> String {
        let prefix = Text(fr: "Exemple : ", en: "Example: ").in(language)
        if examples.count == 1, let only = examples.first, only.note == nil, !only.command.contains("\n"),
            prefix.count + only.command.count <= Self.lineWidth
        {
            return prefix + only.command
        }
        let heading = examples.count == 1 ? Text(fr: "Exemple :", en: "Example:") : Text(fr: "Exemples :", en: "Examples:")
        let width = examples.filter { $0.note != nil && $0.command.count <= Self.noteColumn }.map(\.command.count).max() ?? 0
        let lines = examples.map { example in
            let command = Self.continued(example.command)
            guard let note = example.note?.in(language) else { return command }
            let padding = String(repeating: " ", count: max(0, width - example.command.count))
            let noted = command + padding + "   (" + note + ")"
            // A note that does not fit goes above as a shell comment: a paste stays one command.
            return noted.split(separator: "\n").last!.count <= Self.lineWidth ? noted : "  # " + note + "\n" + command
        }
        return ([heading.in(language)] + lines).joined(separator: "\n")
    }

    /// `command` indented by two spaces, over several lines joined by ` \` (shell continuations,
    /// the next lines indented by four) when it is longer than `lineWidth`. It breaks between
    /// words outside quotes, keeping an option with its value.
    static func continued(_ command: String) -> String {
        guard command.count + 2 > lineWidth else { return "  " + command }
        var words: [String] = [], word = "", quoted = false
        for character in command {
            if character == "\"" { quoted.toggle() }
            if character == " " && !quoted {
                words.append(word)
                word = ""
            } else {
                word.append(character)
            }
        }
        words.append(word)
        var units: [String] = []
        for word in words {
            if let last = units.last, last.hasPrefix("-"), !last.contains(" "), !word.hasPrefix("-") {
                units[units.count - 1] = last + " " + word
            } else {
                units.append(word)
            }
        }
        var lines: [String] = [], line = "  " + units.removeFirst()
        for unit in units {
            if line.count + 1 + unit.count + 2 > lineWidth {
                lines.append(line + " \\")
                line = "    " + unit
            } else {
                line += " " + unit
            }
        }
        return (lines + [line]).joined(separator: "\n")
    }
}
