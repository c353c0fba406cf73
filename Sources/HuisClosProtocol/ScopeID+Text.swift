public import HuisClosL10n

extension ScopeID {
    /// Who reads this scope, as a person says it (« le conseil », « le groupe de travail budget »):
    /// what a sentence shows in place of the wire name (`council`, `group:budget`).
    public var text: Text {
        let name = rawValue
        if self == .council { return Text(fr: "le conseil", en: "the council") }
        if self == .public { return Text(fr: "l'espace public", en: "the public space") }
        if let group = name.dropPrefix("group:") { return Text(fr: "le groupe de travail \(group)", en: "working group \(group)") }
        if let hearing = name.dropPrefix("hearing:") { return Text(fr: "l'audition \(hearing)", en: "hearing \(hearing)") }
        if name.hasPrefix("member:") { return Text(fr: "les notes privées", en: "the private notes") }
        return Text(fr: name, en: name)
    }

    /// The scope a person typed: its wire name (`council`, `group:budget`, `hearing:h1`, `public`)
    /// or its French one (`conseil`, `groupe:budget`, `audition:h1`), accents and case aside in
    /// the French words; nil when it names none. Private notes are not named so (each member's own).
    public init?(typed text: String) {
        let folded = FrenchCollation.folded(text)
        let named: String? =
            switch folded {
            case "council", "conseil": "council"
            case "public", "espace-public": "public"
            default:
                if let group = text.dropPrefix("group:") ?? text.dropPrefixFolded("groupe:") {
                    "group:" + group
                } else if let hearing = text.dropPrefix("hearing:") ?? text.dropPrefixFolded("audition:") {
                    "hearing:" + hearing
                } else {
                    nil
                }
            }
        guard let named, let scope = try? ScopeID(named) else { return nil }
        self = scope
    }

    /// The scope a wire name names, as a person says it; the name itself when it names none.
    public static func text(naming wireName: String) -> Text {
        (try? ScopeID(wireName))?.text ?? Text(fr: wireName, en: wireName)
    }
}

extension String {
    /// The rest of the string after `prefix`, when it starts with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }

    /// The rest after `prefix` (a French word), when the string starts with it accents and case aside.
    fileprivate func dropPrefixFolded(_ prefix: String) -> String? {
        guard let colon = firstIndex(of: ":") else { return nil }
        return FrenchCollation.folded(String(self[...colon])) == prefix ? String(self[index(after: colon)...]) : nil
    }
}
