public import HuisClosL10n

extension Optional<Seance.Response> {
    /// The answer in both languages; nil is "no answer".
    public var label: Text {
        switch self {
        case .willAttend: Text(fr: "viendra", en: "will attend")
        case .excused: Text(fr: "excusé·e", en: "excused")
        case .absent: Text(fr: "absent·e", en: "absent")
        case nil: Text(fr: "pas de réponse", en: "no answer")
        }
    }
}

extension Seance.Response {
    /// The words a member may type for each answer (`--reponse`): the three as French writes
    /// them first (what a refusal lists first), then their forms without accent or in the feminine.
    public static let typed: KeyValuePairs<String, Seance.Response> = [
        "viendra": .willAttend, "excusé": .excused, "absent": .absent, "excuse": .excused, "excusée": .excused, "excusé·e": .excused, "absente": .absent,
    ]
}

extension Seance.Attendance {
    /// The attendance in both languages.
    public var label: Text {
        switch self {
        case .present: Text(fr: "présent·e", en: "present")
        case .excused: Text(fr: "absent·e excusé·e", en: "excused absence")
        case .absent: Text(fr: "absent·e", en: "absent")
        }
    }
}
