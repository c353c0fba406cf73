public import HuisClosL10n

extension Member.Category {
    /// The category as people read it (tables); scripts get `rawValue` (`--json`).
    public var label: Text {
        switch self {
        case .economic: Text(fr: "monde économique", en: "economic world")
        case .education: Text(fr: "éducation", en: "education")
        case .research: Text(fr: "recherche", en: "research")
        case .publicPartners: Text(fr: "partenaires publics", en: "public partners")
        case .civilSociety: Text(fr: "société civile", en: "civil society")
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
