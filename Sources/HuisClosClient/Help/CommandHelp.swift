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

    /// « Exemple : … » on one line for a lone example without note, else a heading and one indented line each.
    private func examplesText(in language: Language) -> String {
        if examples.count == 1, let only = examples.first, only.note == nil, !only.command.contains("\n") {
            return Text(fr: "Exemple : ", en: "Example: ").in(language) + only.command
        }
        let heading = examples.count == 1 ? Text(fr: "Exemple :", en: "Example:") : Text(fr: "Exemples :", en: "Examples:")
        let width = examples.filter { $0.note != nil && $0.command.count <= Self.noteColumn }.map(\.command.count).max() ?? 0
        let lines = examples.map { example in
            guard let note = example.note else { return "  " + example.command }
            let padding = String(repeating: " ", count: max(0, width - example.command.count))
            return "  " + example.command + padding + "   (" + note.in(language) + ")"
        }
        return ([heading.in(language)] + lines).joined(separator: "\n")
    }
}
