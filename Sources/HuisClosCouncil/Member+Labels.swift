public import HuisClosL10n

extension Member.Category {
    /// The category as tables show it: the word typed with `--categorie` in that language (`--json`: `rawValue`).
    public var label: Text {
        switch self {
        case .economic: Text(fr: "économie", en: "economic")
        case .education: Text(fr: "éducation", en: "education")
        case .research: Text(fr: "recherche", en: "research")
        case .publicPartners: Text(fr: "partenaires-publics", en: "publicPartners")
        case .civilSociety: Text(fr: "société-civile", en: "civilSociety")
        }
    }
}

extension Member.Circle {
    /// The circle as people read it (tables); scripts get `rawValue` (`--json`).
    public var label: Text {
        switch self {
        case .first: Text(fr: "premier", en: "first")
        case .second: Text(fr: "second", en: "second")
        }
    }
}

extension Member.Gender {
    /// The declared gender as people read it (tables); scripts get `rawValue` (`--json`).
    public var label: Text {
        switch self {
        case .female: Text(fr: "femmes", en: "women")
        case .male: Text(fr: "hommes", en: "men")
        case .other: Text(fr: "autre", en: "other")
        }
    }
}
