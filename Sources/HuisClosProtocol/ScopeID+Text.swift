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

    /// The scope a wire name names, as a person says it; the name itself when it names none.
    public static func text(naming wireName: String) -> Text {
        (try? ScopeID(wireName))?.text ?? Text(fr: wireName, en: wireName)
    }
}

extension String {
    /// The rest of the string after `prefix`, when it starts with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? { hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil }
}
