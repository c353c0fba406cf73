/// French grammar a sentence needs around a name.
public enum FrenchGrammar {
    /// « de » before `name`, elided before a vowel (« d'Emma », « d'Élise », « de Bruno »); an
    /// « h » is left alone, as aspirated and mute ones cannot be told apart.
    public static func of(_ name: String) -> String {
        guard let first = FrenchCollation.folded(String(name.prefix(1))).first, "aeiouyAEIOUY".contains(first) else { return "de \(name)" }
        return "d'\(name)"
    }
}
