import Foundation

/// The language of user-facing text: French by default, English when `LANG` starts with `en`.
public enum Language: Sendable {
    case french, english

    /// The language chosen by the environment.
    public static var current: Language {
        let lang = ProcessInfo.processInfo.environment["LANG"] ?? ""
        return lang.hasPrefix("en") ? .english : .french
    }
}

/// A user-facing sentence in both languages; `text` picks the environment's.
public struct Localized: Sendable, ExpressibleByStringLiteral {
    /// The French text (the default).
    public let french: String
    /// The English text.
    public let english: String

    /// A sentence in French and English.
    public init(fr french: String, en english: String) {
        self.french = french
        self.english = english
    }

    /// The same text in both languages (numbers, names).
    public init(stringLiteral value: String) { self.init(fr: value, en: value) }

    /// The text in `language`.
    public func text(_ language: Language = .current) -> String {
        language == .english ? english : french
    }
}
