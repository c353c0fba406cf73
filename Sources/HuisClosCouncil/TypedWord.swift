public import HuisClosL10n

/// A value a person types as a word (a command's option, a column of an imported file): its
/// French word, which help and refusals show, or its stable English keyword, which scripts and
/// JSON use. French words are read without regard to accents or case (« Société-civile »).
public protocol TypedWord: RawRepresentable, CaseIterable where RawValue == String {
    /// The French word for this value: lower case, accents kept, words joined by « - ».
    var frenchWord: String { get }
    /// Other French words read as this value (a feminine form), never shown.
    var otherFrenchWords: [String] { get }
}

extension TypedWord {
    public var otherFrenchWords: [String] { [] }

    /// The value `word` names (its French word, accents and case optional, or its keyword); nil
    /// for any other word.
    public init?(typed word: String) {
        let folded = FrenchCollation.folded(word)
        guard let value = Self.allCases.first(where: { value in
            value.rawValue == word || ([value.frenchWord] + value.otherFrenchWords).contains { FrenchCollation.folded($0) == folded }
        }) else {
            return nil
        }
        self = value
    }

    /// The accepted words as a refusal lists them: the French words to a French reader, the
    /// keywords to an English one.
    public static var accepted: Text {
        Text(fr: allCases.map(\.frenchWord).joined(separator: ", "), en: allCases.map(\.rawValue).joined(separator: ", "))
    }
}

extension Member.Category: TypedWord {
    public var frenchWord: String {
        switch self {
        case .economic: "économie"
        case .education: "éducation"
        case .research: "recherche"
        case .publicPartners: "partenaires-publics"
        case .civilSociety: "société-civile"
        }
    }
}

extension Member.Gender: TypedWord {
    public var frenchWord: String {
        switch self {
        case .female: "femme"
        case .male: "homme"
        case .other: "autre"
        }
    }
}

extension AppointmentImport.Role: TypedWord {
    public var frenchWord: String {
        switch self {
        case .member: "membre"
        case .president: "président"
        case .secondCircle: "second-cercle"
        }
    }

    public var otherFrenchWords: [String] { self == .president ? ["présidente"] : [] }
}
