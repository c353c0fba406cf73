public import HuisClosL10n

/// The help of `huisclos auditions …` in French and English: the CLI shows one language, the app the same words.
public enum HearingHelp {
    public static let id = Text(fr: "Identifiant de l'audition.", en: "Hearing id.")
    public static let group = CommandHelp(
        Text(
            fr: "Auditions de personnes qualifiées.",
            en: "Hearings of qualified persons."),
        details: Text(
            fr: """
                Le secrétariat ouvre l'audition : la personne est nommée invitée (mandat jusqu'à l'échéance), la portée hearing:<id> lui est ouverte en lecture jusqu'à l'échéance, le dossier y est rechiffré sous une clé neuve, et un code d'enrôlement est créé. L'appareil de l'invité s'enrôle comme celui d'un membre (huisclos enrol), le secrétariat le certifie (huisclos admin certifier), l'invité synchronise et lit le dossier (huisclos dossiers lire <dossier> --portee hearing:<id>).
                À l'échéance, l'accès cesse de lui-même : le serveur ne lui sert plus la portée, et la synchronisation suivante du secrétariat change la clé et ordonne l'effacement de l'appareil de l'invité. huisclos auditions clore y met fin plus tôt (même effet).
                """,
            en: """
                The secretariat opens the hearing: the person is appointed guest (mandate until the expiry), the scope hearing:<id> is opened to them for reading until the expiry, the dossier is re-encrypted there under a new key, and an enrolment code is created. The guest's device enrols like a member's (huisclos enrol), the secretariat certifies it (huisclos admin certify), the guest syncs and reads the dossier (huisclos dossiers lire <dossier> --portee hearing:<id>).
                At the expiry, access ends by itself: the server no longer serves the scope to them, and the secretariat's next sync changes the key and orders the guest's device wiped. huisclos auditions clore ends it earlier (same effect).
                """),
        examples: [
            "huisclos auditions ouvrir h-2026-1 --invite \"Dr Léa Roux, sociologue\" --dossier etude --jusqu-au 2027-01-15 --json",
            .init(
                "huisclos enrol --serveur … --code <code> --racine <racine> --membre <invite> --charte charte.pdf", note: Text(fr: "appareil de l'invité", en: "the guest's device")
            ),
            "huisclos admin certifier --membre <invite> --cle-signature … --cle-accord …",
            "huisclos auditions clore h-2026-1",
            "huisclos auditions liste",
        ],
        exitCodes: Text(
            fr: "0 · 64 usage · 69 serveur injoignable · 77 réservé au secrétariat.",
            en: "0 · 64 usage · 69 server unreachable · 77 secretariat only."))

    public enum Open {
        public static let command = CommandHelp(
            Text(
                fr: "Ouvre une audition (secrétariat).",
                en: "Opens a hearing (secretariat)."))
        public static let guestName = Text(
            fr: "Nom et qualité de la personne entendue.",
            en: "Name and title of the person heard.")
        public static let dossier = Text(
            fr: "Dossier du conseil montré à l'invité.",
            en: "The council dossier shown to the guest.")
        public static let until = Text(
            fr: "Échéance : JJ/MM/AAAA ou AAAA-MM-JJ (fin du jour, heure de Paris) ou AAAA-MM-JJTHH:MM:SSZ (UTC).",
            en: "Expiry: YYYY-MM-DD or DD/MM/YYYY (end of the day, Paris time) or YYYY-MM-DDTHH:MM:SSZ (UTC).")
        public static let order = Text(
            fr: "Référence de la désignation.",
            en: "Reference of the designation.")
    }

    public enum Close {
        public static let command = CommandHelp(
            Text(
                fr: "Met fin à une audition : nouvelle clé, effacement ordonné.",
                en: "Ends a hearing: new key, wipe ordered."))
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les auditions.",
                en: "Lists hearings."),
            details: Text(
                fr: "Dates au format ISO 8601 : les jours AAAA-MM-JJ, l'échéance AAAA-MM-JJTHH:MM:SSZ (UTC).",
                en: "Dates in ISO 8601: days YYYY-MM-DD, the expiry YYYY-MM-DDTHH:MM:SSZ (UTC)."),
            examples: ["huisclos auditions liste --json"])
    }
}
