/// The language the client speaks to a person: French by default (HuisClos's users are French
/// local officials), English when the environment asks for it (`LANG=en…`, `LC_ALL`, `LC_MESSAGES`).
public enum Language: String, Sendable, CaseIterable {
    case french = "fr"
    case english = "en"

    /// The language chosen by the environment, following POSIX precedence: LC_ALL, LC_MESSAGES, LANG.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[name], !value.isEmpty else { continue }
            return value.lowercased().hasPrefix("en") ? .english : .french
        }
        return .french
    }
}

/// A sentence in both languages the client speaks; pick one with `in(_:)`.
public struct Text: Sendable, Equatable, CustomStringConvertible {
    public let french: String
    public let english: String

    public init(fr french: String, en english: String) {
        self.french = french
        self.english = english
    }

    /// The sentence in `language`.
    public func `in`(_ language: Language) -> String {
        switch language {
        case .french: french
        case .english: english
        }
    }

    /// The French sentence: French is the product's default language.
    public var description: String { french }
}
