/// French grammar a sentence needs around a name.
public enum FrenchGrammar {
    /// « de » before `name`, elided before a vowel (« d'Emma », « d'Élise », « de Bruno »); an
    /// « h » is left alone, as aspirated and mute ones cannot be told apart.
    public static func of(_ name: String) -> String {
        guard let first = FrenchCollation.folded(String(name.prefix(1))).first, "aeiouyAEIOUY".contains(first) else { return "de \(name)" }
        return "d'\(name)"
    }

    /// « à » before `noun`, contracted with its article (« au groupe de travail », « aux notes »,
    /// « à l'audition », « à la séance »).
    public static func to(_ noun: String) -> String {
        if noun.hasPrefix("le ") { return "au " + noun.dropFirst(3) }
        if noun.hasPrefix("les ") { return "aux " + noun.dropFirst(4) }
        return "à \(noun)"
    }
}
