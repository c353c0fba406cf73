public import HuisClosL10n

/// The help of `huisclos groupes …` in French and English: the CLI shows one language, the app the same words.
public enum GroupHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Groupes de travail.",
            en: "Working groups."),
        details: Text(
            fr:
                "La présidence crée un groupe avec ses membres et membres supplémentaires : le registre signé leur ouvre la portée group:<nom> et une clé leur est remise, à eux seuls. Les dossiers du groupe s'ajoutent avec --portee group:<nom> et ne sont remis à aucun autre appareil (le secrétariat compris).",
            en:
                "The president creates a group with its members and supplementary members: the signed register opens the scope group:<name> to them and a key is handed to them alone. The group's dossiers are added with --portee group:<name> and reach no other device (the secretariat's included)."
        ),
        examples: [
            "huisclos groupes creer mobilite --membres 9f1c… 4a2b… --supplementaires 77d0…",
            "huisclos dossiers ajouter --portee group:mobilite --titre \"Étude mobilité\" etude.pdf",
            "huisclos groupes liste --json",
        ],
        exitCodes: Text(
            fr: "0 · 64 usage · 69 serveur injoignable · 77 réservé à la présidence.",
            en: "0 · 64 usage · 69 server unreachable · 77 president only."))

    public enum Create {
        public static let command = CommandHelp(
            Text(
                fr: "Crée un groupe (présidence).",
                en: "Creates a group (president)."))
        public static let members = Text(
            fr: "Membres (hex).",
            en: "Members (hex).")
        public static let supplementary = Text(
            fr: "Membres supplémentaires (hex).",
            en: "Supplementary members (hex).")
        public static let name = Text(
            fr: "Nom du groupe (minuscules, chiffres, - _ .).",
            en: "Group name (lower case, digits, - _ .).")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les groupes.",
                en: "Lists groups."))
    }
}
