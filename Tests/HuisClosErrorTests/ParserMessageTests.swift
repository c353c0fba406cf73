import HuisClosL10n
import HuisClosTerminal
import Testing

/// Issue 12: every shape of ArgumentParser's refusals reaches a French reader in French; a message
/// the parser does not produce (the project's own, already bilingual) is kept as it is.
@Suite struct ParserMessageTests {
    @Test(arguments: [
        ("Unknown option '--bogus'", "option inconnue « --bogus »"),
        ("Unknown option '--devic'. Did you mean '--device'?", "option inconnue « --devic ». Vouliez-vous dire « --device » ?"),
        ("Missing value for '--device <device>'", "valeur manquante pour « --device <device> »"),
        ("Unexpected argument 'statut'", "argument inattendu « statut »"),
        ("2 unexpected arguments: 'a', 'b'", "2 arguments inattendus : « a », « b »"),
        ("Missing expected argument '--from <from>'", "argument attendu manquant : « --from <from> »"),
        // The placeholders the parser makes of English property names (the new secretariat's review).
        ("Missing expected argument '<member>'", "argument attendu manquant : « <membre> »"),
        ("The value 'x' is invalid for '--sortie <file>'", "la valeur « x » n'est pas acceptée pour « --sortie <fichier> »"),
        ("Missing one of: '--a', '--b'", "il manque l'un de : « --a », « --b »"),
        ("Missing required subcommand.", "sous-commande manquante."),
        ("The value 'abc' is invalid for '--port <port>'", "la valeur « abc » n'est pas acceptée pour « --port <port> »"),
        ("The value 'x' is invalid for '--mode <mode>'. Please provide one of 'a', 'b' or 'c'.",
         "la valeur « x » n'est pas acceptée pour « --mode <mode> ». Valeurs admises : « a », « b » ou « c »."),
        ("The value 'x' is invalid for '<mode>'. Please provide one of 'a' and 'b'.",
         "la valeur « x » n'est pas acceptée pour « <mode> ». Valeurs admises : « a » ou « b »."),
        ("The value 'x' is invalid for '--mode <mode>'. Please provide one of the following:\n  - a\n  - b",
         "la valeur « x » n'est pas acceptée pour « --mode <mode> ». Valeurs admises :\n  - a\n  - b"),
        ("année invalide / invalid year: 3", "année invalide / invalid year: 3"),
    ])
    func eachShapeIsSaidInFrench(english: String, french: String) {
        #expect(UsageError(notUnderstood: english).text.french == french)
        #expect(UsageError(notUnderstood: english).text.english == english)
    }
}
