import Foundation

/// The order a French reader expects for names: letters compared without accents or case first
/// (« Héloïse » before « Hortense »), then accents and case as a tie-break, so the order is total
/// and stable. Code-point order would put every accented capital after « Z ».
public enum FrenchCollation {
    /// True when `a` comes before `b` in a French listing.
    public static func precedes(_ a: String, _ b: String) -> Bool {
        let (foldedA, foldedB) = (folded(a), folded(b))
        return foldedA != foldedB ? foldedA < foldedB : a < b
    }

    /// `a` without accents or case, ligatures spelled out (« œ » as « oe »), for comparison only.
    public static func folded(_ text: String) -> String {
        text.replacingOccurrences(of: "œ", with: "oe").replacingOccurrences(of: "Œ", with: "OE")
            .replacingOccurrences(of: "æ", with: "ae").replacingOccurrences(of: "Æ", with: "AE")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "fr_FR"))
    }
}
