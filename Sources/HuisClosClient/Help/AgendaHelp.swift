public import HuisClosL10n

/// The help of `huisclos ordre-du-jour …` in French and English: the CLI shows one language, the app the same words.
public enum AgendaHelp {
    public static let item = Text(fr: "Identifiant du point.", en: "Item id.")
    public static let group = CommandHelp(
        Text(
            fr: "Ordre du jour d'une séance.",
            en: "A séance's agenda."),
        details: Text(
            fr: "Les modifications faites hors ligne par la présidence et le secrétariat convergent au même ordre.",
            en: "Changes made offline by the president and the secretariat converge to the same order."),
        examples: [
            "huisclos ordre-du-jour ajouter s1 budget --titre \"Budget du numérique\" --dossier dossier-budget-2026",
            "huisclos ordre-du-jour deplacer s1 budget --rang 1",
            "huisclos ordre-du-jour retirer s1 budget",
        ])

    public enum Add {
        public static let command = CommandHelp(
            Text(
                fr: "Ajoute un point en fin d'ordre du jour.",
                en: "Appends an item at the end of the agenda."),
            examples: ["huisclos ordre-du-jour ajouter s2 budget --titre \"Budget du numérique\" --dossier dossier-budget"])
        public static let title = Text(
            fr: "Titre.",
            en: "Title.")
        public static let dossier = Text(
            fr: "Dossier joint (répétable).",
            en: "Attached dossier (repeatable).")
    }

    public enum Move {
        public static let command = CommandHelp(
            Text(
                fr: "Déplace un point.",
                en: "Moves an item."),
            examples: ["huisclos ordre-du-jour deplacer s2 budget --rang 1"])
        public static let rank = Text(
            fr: "Nouveau rang, 1 = premier.",
            en: "New rank, 1 = first.")
    }

    public enum Remove {
        public static let command = CommandHelp(
            Text(
                fr: "Retire un point.",
                en: "Removes an item."),
            examples: ["huisclos ordre-du-jour retirer s2 budget"])
    }
}
