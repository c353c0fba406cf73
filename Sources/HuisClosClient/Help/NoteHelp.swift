public import HuisClosL10n

/// The help of `huisclos notes …` in French and English: the CLI shows one language, the app the same words.
public enum NoteHelp {
    public static let scope = Text(fr: "Portée du dossier.", en: "The dossier's scope.")
    public static let dossier = Text(fr: "Dossier.", en: "Dossier.")
    public static let group = CommandHelp(
        Text(
            fr: "Notes sur les dossiers.",
            en: "Notes on dossiers."),
        details: Text(
            fr: "Une note est privée par défaut : seuls vos appareils en ont la clé. --partage group:<nom> la partage avec un groupe.",
            en: "A note is private by default: only your devices hold its key. --partage group:<name> shares it with a group."),
        examples: [
            "huisclos notes ajouter budget --ou \"p. 4, § 2\" \"Chiffre à vérifier\"",
            "huisclos notes ajouter budget --partage group:mobilite \"À discuter\"",
            "huisclos notes liste budget --json",
        ])

    public enum Add {
        public static let command = CommandHelp(
            Text(
                fr: "Ajoute une note.",
                en: "Adds a note."))
        public static let version = Text(
            fr: "Version (par défaut la dernière).",
            en: "Version (by default the latest).")
        public static let location = Text(
            fr: "Emplacement (p. 4, § 2).",
            en: "Location (p. 4, § 2).")
        public static let share = Text(
            fr: "Groupe destinataire (group:<nom>).",
            en: "Group to share with (group:<name>).")
        public static let text = Text(
            fr: "Texte de la note.",
            en: "Note text.")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Notes d'un dossier (privées et de vos groupes).",
                en: "A dossier's notes (private and your groups')."))
    }
}
