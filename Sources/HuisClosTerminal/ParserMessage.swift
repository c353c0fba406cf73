/// ArgumentParser's refusals in French. The parser (swift-argument-parser 1.8) writes them in
/// English only; each shape it produces (its UsageGenerator.swift) is matched and rendered, and
/// anything else — a message the project wrote itself, already in both languages, or a shape a
/// newer parser adds — is kept as it is.
enum ParserMessage {
    /// The French rendering of `english`, one of ArgumentParser's messages.
    static func french(_ english: String) -> String {
        for render in renderings {
            if let french = render(english) { return frenchPlaceholders(french) }
        }
        return english
    }

    /// `text` with the value placeholders the parser derives from English property names in French.
    static func frenchPlaceholders(_ text: String) -> String {
        text.replacing(/<([a-z-]+)>/) { "<\(placeholders[String($0.1)] ?? String($0.1))>" }
    }

    /// The lines ArgumentParser puts after a refusal (an optional "Help:  …", "Usage: …",
    /// "  See '…' for more information.") in French.
    static func frenchGuidance(_ english: String) -> String {
        frenchPlaceholders(
            english
                .replacing(#/(?m)^Help:  /#, with: "Aide : ")
                .replacing(#/(?m)^Usage: /#, with: "Usage : ")
                .replacing(/(?m)^  See '([^']*)' for more information\./) { "  Voyez « \($0.1) » pour plus d'informations." })
    }

    /// The value placeholders the parser derives from English property names, in French.
    static let placeholders = [
        "member": "membre", "text": "texte", "item": "point", "year": "année", "words": "mots", "target": "cible",
        "tag": "étiquette", "path": "chemin", "file": "fichier", "choice": "choix", "address": "adresse",
        "subcommand": "sous-commande", "subcommands": "sous-commandes", "days": "jours", "id": "identifiant", "number": "numéro",
        "name": "nom", "seance": "séance",
    ]

    /// A help screen ArgumentParser rendered (its headings, its own lines and placeholders in
    /// English) with those parts in French; nil for any other output (`--experimental-dump-help`'s JSON).
    static func frenchHelp(_ english: String) -> String? {
        guard english.hasPrefix("OVERVIEW:") || english.hasPrefix("USAGE:") else { return nil }
        return frenchPlaceholders(
            english
            .replacing(#/(?m)^OVERVIEW: /#, with: "DESCRIPTION : ")
            .replacing(#/(?m)^USAGE: /#, with: "USAGE : ")
            .replacing(#/(?m)^ARGUMENTS:$/#, with: "ARGUMENTS :")
            .replacing(#/(?m)^OPTIONS:$/#, with: "OPTIONS :")
            .replacing(#/(?m)^SUBCOMMANDS:$/#, with: "SOUS-COMMANDES :")
            .replacing("Show subcommand help information.", with: "Affiche l'aide d'une sous-commande.")
            .replacing("Show help information.", with: "Affiche cette aide.")
            .replacing(/(?m)^  See '([^']*)' for detailed help\./) { "  Voyez « \($0.1) » pour l'aide détaillée." }
            .replacing(/\(default: ([^)]*)\)/) { "(par défaut : \($0.1))" }
            .replacing(/\(values: ([^)]*)\)/) { "(valeurs : \($0.1))" })
    }

    /// One rendering per shape, most specific first; nil when the message has another shape.
    private static let renderings: [@Sendable (String) -> String?] = [
        { $0.wholeMatch(of: /Unknown option '([^']*)'\. Did you mean '([^']*)'\?/).map { "option inconnue « \($0.1) ». Vouliez-vous dire « \($0.2) » ?" } },
        { $0.wholeMatch(of: /Unknown option '([^']*)'/).map { "option inconnue « \($0.1) »" } },
        { $0.wholeMatch(of: /Missing value for '([^']*)'/).map { "valeur manquante pour « \($0.1) »" } },
        { $0.wholeMatch(of: /Unexpected argument '(.*)'/).map { "argument inattendu « \($0.1) »" } },
        { $0.wholeMatch(of: /(\d+) unexpected arguments: (.*)/).map { "\($0.1) arguments inattendus : \(quoted($0.2))" } },
        { $0.wholeMatch(of: /Missing expected argument '([^']*)'/).map { "argument attendu manquant : « \($0.1) »" } },
        { $0.wholeMatch(of: /Missing one of: (.*)/).map { "il manque l'un de : \(quoted($0.1))" } },
        { $0 == "Missing required subcommand." ? "sous-commande manquante." : nil },
        { $0.wholeMatch(of: /Invalid option: (.*)/).map { "option invalide : \($0.1)" } },
        {
            $0.wholeMatch(of: /(?s)The value '([^']*)' is invalid for '([^']*)'(.*)/)
                .map { "la valeur « \($0.1) » n'est pas acceptée pour « \($0.2) »\(allowed($0.3))" }
        },
        { $0.wholeMatch(of: /(?s)The value '([^']*)' is invalid\.(.*)/).map { "la valeur « \($0.1) » n'est pas acceptée.\(allowed($0.2))" } },
    ]

    /// What follows an invalid value: ". Please provide one of 'a', 'b' or 'c'." ('a' and 'b' for
    /// two) or a bulleted list.
    private static func allowed(_ tail: Substring) -> String {
        if let list = tail.wholeMatch(of: /(?s)\. Please provide one of the following:\n(.*)/) { return ". Valeurs admises :\n\(list.1)" }
        if let list = tail.wholeMatch(of: /(?s)\. Please provide one of (.*)\./) { return ". Valeurs admises : \(quoted(list.1).replacing(/» (or|and) «/, with: "» ou «"))." }
        return String(tail)
    }

    /// `'x'` in French quotes.
    private static func quoted(_ text: Substring) -> String {
        String(text).replacing(/'([^']*)'/) { "« \($0.1) »" }
    }
}
