public import HuisClosL10n

/// A command given wrongly: words the parser does not understand, an option's value it cannot
/// read, options missing for the case, or no passphrase to unlock with. Faces build it from what
/// the person typed; it says what is accepted.
public struct UsageError: HuisClosError {
    /// The ways a command is given wrongly.
    public enum Code: String, ErrorCode {
        /// The parser did not understand the command: an unknown command or option, an argument
        /// missing or too many, a value of the wrong kind.
        case notUnderstood
        /// A word where a command is expected names none (a typo: « membre » for « membres »).
        case unknownCommand
        /// An option's value is not one the command accepts.
        case invalidValue
        /// Options the command needs for this case were not given.
        case missingOption
        /// No passphrase: its environment variable is unset (or empty) and there is no terminal to ask on.
        case passphraseMissing

        public static let domain = "usage"

        public var text: Text {
            switch self {
            case .notUnderstood:
                Text(fr: "la commande n'est pas comprise : voyez --help pour ses options et un exemple",
                     en: "the command is not understood: see --help for its options and an example")
            case .unknownCommand:
                Text(fr: "cette commande n'existe pas : voyez --help pour la liste des commandes",
                     en: "there is no such command: see --help for the list of commands")
            case .invalidValue:
                Text(fr: "une valeur donnée n'est pas acceptée : voyez les valeurs admises avec --help",
                     en: "a value given is not accepted: see the allowed values with --help")
            case .missingOption:
                Text(fr: "des options nécessaires manquent : voyez --help pour un exemple",
                     en: "options needed are missing: see --help for an example")
            case .passphraseMissing:
                Text(fr: "phrase de passe manquante : définissez HUISCLOS_PASSPHRASE ou lancez la commande dans un terminal pour la saisir",
                     en: "passphrase missing: set HUISCLOS_PASSPHRASE or run the command in a terminal to type it")
            }
        }

        public var exitStatus: ExitStatus {
            self == .passphraseMissing ? .passphraseMissing : .usage
        }
    }

    public let code: Code
    public let text: Text

    /// `option` was given `value`; it accepts `accepted` (already in both languages).
    public init(_ option: String, _ value: String, accepts accepted: Text) {
        code = .invalidValue
        text = Text(fr: "\(option) « \(value) » n'est pas accepté ; valeurs admises : \(accepted.french)",
                    en: "\(option) \"\(value)\" is not accepted; allowed values: \(accepted.english)")
    }

    /// Options the command needs for this case were not given: which (`missing`), and a whole example.
    public init(missing: Text, example: String) {
        code = .missingOption
        text = Text(fr: "\(missing.french) manquant(s). Exemple : \(example)",
                    en: "\(missing.english) missing. Example: \(example)")
    }

    /// An argument the command cannot use, said by `text` (what was given, what it accepts).
    public init(invalid text: Text) {
        self.init(.invalidValue, text)
    }

    /// What the parser refused (`Command.message(for:)`, English), with its French rendering.
    public init(notUnderstood english: String) {
        self.init(.notUnderstood, Text(fr: ParserMessage.french(english), en: english))
    }

    /// A word that names no command, said by `text` (the word, the nearest command, the commands there are).
    public init(unknownCommand text: Text) {
        self.init(.unknownCommand, text)
    }

    /// No passphrase in `variable` and no terminal to type it on.
    public static func passphraseMissing(variable: String = "HUISCLOS_PASSPHRASE") -> UsageError {
        UsageError(.passphraseMissing, Text(
            fr: "phrase de passe manquante. Définissez \(variable) ou lancez la commande dans un terminal pour la saisir.",
            en: "passphrase missing. Set \(variable) or run the command in a terminal to type it."))
    }

    private init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
