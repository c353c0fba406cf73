import Foundation

/// The ACTES nomenclature (the State's classification of local authorities' acts) at the depth the
/// SCDL « Délibérations » schema checks: a subject code `N.M` and its name as a path under one of
/// the nine first-level subjects, e.g. « Autres domaines de compétences/Voeux et motions » (9.4).
public enum ActesNomenclature {
    /// The first-level subjects, by their digit (Validata's `nomenclature-actes-value` check
    /// accepts these prefixes only).
    public static let firstLevel: [Character: String] = [
        "1": "Commande publique",
        "2": "Urbanisme",
        "3": "Domaine et patrimoine",
        "4": "Fonction publique",
        "5": "Institutions et vie politique",
        "6": "Libertés publiques et pouvoirs de police",
        "7": "Finances locales",
        "8": "Domaines de compétences par thèmes",
        "9": "Autres domaines de compétences",
    ]

    /// True for a subject code the schema accepts: one digit from 1 to 9, a dot, one or two digits.
    public static func isValidCode(_ code: String) -> Bool {
        let parts = code.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 1, let first = parts[0].first, firstLevel[first] != nil,
              (1...2).contains(parts[1].count) else { return false }
        return parts[1].allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The full name of subject `code` whose own name is `name`: `name` itself when it already
    /// starts with its first-level subject and a slash, else that subject, a slash and `name`
    /// (« Voeux et motions » under 9.4 → « Autres domaines de compétences/Voeux et motions »).
    /// Nil when `code` is not valid.
    public static func fullName(code: String, name: String) -> String? {
        guard isValidCode(code), let digit = code.first, let parent = firstLevel[digit] else { return nil }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix(parent + "/") { return trimmed }
        return "\(parent)/\(trimmed)"
    }
}
