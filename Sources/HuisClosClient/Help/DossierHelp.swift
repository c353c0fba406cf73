public import HuisClosL10n

/// The help of `huisclos dossiers …` in French and English: the CLI shows one language, the app the same words.
public enum DossierHelp {
    public static let scope = Text(
        fr: "Portée : conseil, groupe:<nom> ou audition:<id> (les noms anglais council, group:, hearing: aussi).",
        en: "Scope: council, group:<name> or hearing:<id> (or the French conseil, groupe:, audition:).")
    public static let group = CommandHelp(
        Text(
            fr: "Dossiers du conseil et des groupes.",
            en: "Council and group dossiers."),
        details: Text(
            fr:
                "Le fichier est chiffré sur l'appareil avant l'envoi ; sa clé ne voyage que dans les lots chiffrés de la portée. La synchronisation garde une copie chiffrée de chaque version lisible dans l'appareil : lecture et recherche hors ligne. Un envoi coupé reprend au prochain « ajouter » ou « sync », sans renvoyer les morceaux déjà reçus.",
            en:
                "The file is sealed on this device before upload; its key travels only in the scope's sealed batches. Sync keeps a sealed copy of every readable version in the device: reading and search work offline. A cut upload resumes at the next \"ajouter\" or \"sync\", without sending stored chunks again."
        ),
        examples: [
            "huisclos dossiers ajouter --portee council --titre \"Budget 2027\" budget.pdf",
            "huisclos dossiers ajouter --portee council --id budget-2027 budget-v2.pdf",
            "huisclos dossiers liste --json",
            "huisclos dossiers lire budget-2027 --version 1 --sortie budget.pdf",
            "huisclos dossiers chercher \"mobilité douce\"",
        ])

    public enum Read {
        public static let command = CommandHelp(
            Text(
                fr: "Lit une version.",
                en: "Reads a version."),
            details: Text(
                fr: """
                    Les textes s'affichent ; les autres formats vont sur la sortie standard ou dans le fichier --sortie, en clair : un avertissement le rappelle.

                    La version est lue depuis la copie chiffrée gardée sur l'appareil (hors ligne) ; ce qui manque est reçu d'abord.
                    """,
                en: """
                    Text is printed; other formats go to standard output or to the --sortie file, in plaintext, with a warning.

                    The version is read from the sealed copy kept on the device (offline); anything missing is fetched first.
                    """),
            examples: [
                "huisclos dossiers lire budget-2027",
                "huisclos dossiers lire budget-2027 --version 1 --sortie budget.pdf",
            ])
        public static let version = Text(
            fr: "Version (par défaut la dernière).",
            en: "Version (by default the latest).")
        public static let output = Text(
            fr: "Fichier de sortie, en clair.",
            en: "Output file, plaintext.")
        public static let id = Text(
            fr: "Identifiant du dossier.",
            en: "Dossier id.")
    }

    public enum Add {
        public static let command = CommandHelp(
            Text(
                fr: "Ajoute un dossier ou une nouvelle version.",
                en: "Adds a dossier or a new version."))
        public static let scope = Text(
            fr: "Portée : conseil, groupe:<nom> ou audition:<id> (les noms anglais council, group:, hearing: aussi).",
            en: "Scope: council, group:<name> or hearing:<id> (or the French conseil, groupe:, audition:).")
        public static let id = Text(
            fr: "Identifiant du dossier (nouvelle version s'il existe).",
            en: "Dossier id (new version if it exists).")
        public static let title = Text(
            fr: "Titre (par défaut le nom du fichier).",
            en: "Title (by default the file name).")
        public static let attachedTo = Text(
            fr: "Séance (s1), point d'ordre du jour (agenda:s1/budget) ou avis de rattachement, connu de cet appareil.",
            en: "Attached séance (s1), agenda item (agenda:s1/budget) or avis, known to this device.")
        public static let path = Text(
            fr: "Fichier à envoyer.",
            en: "File to send.")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les dossiers et leurs versions.",
                en: "Lists dossiers and their versions."),
            details: Text(
                fr: "Une version marquée « nouveau » n'a pas encore été lue sur cet appareil ; « hors ligne : oui », son contenu y est déjà.",
                en: "'new' marks a version not yet read on this device; 'offline: yes', its content is already on it."))
    }

    public enum Search {
        public static let command = CommandHelp(
            Text(
                fr: "Recherche plein texte dans l'appareil.",
                en: "Full-text search on this device."),
            details: Text(
                fr: "Cherche, hors ligne, dans toutes les versions texte que cet appareil peut lire (leur contenu arrive à la synchronisation).",
                en: "Searches, offline, every text version this device can read (their content arrives at sync)."))
        public static let words = Text(
            fr: "Mots cherchés.",
            en: "Words to search for.")
    }
}
