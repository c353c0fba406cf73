public import HuisClosL10n

/// The help of `huisclos consultations …` in French and English: the CLI shows one language, the app the same words.
public enum ConsultationHelp {
    public static let id = Text(fr: "Identifiant de la consultation.", en: "Consultation id.")
    public static let group = CommandHelp(
        Text(
            fr: "Consultations du second cercle et du public.",
            en: "Consultations of the second circle and the public."),
        examples: [
            "huisclos consultations ouvrir c-mobilites --sujet \"Mobilités\" --question \"Que proposez-vous ?\" --public public --cloture 2027-03-31",
            "huisclos consultations liste",
            "huisclos consultations contributions c-mobilites",
            "huisclos consultations marquer c-mobilites 3 retenue",
            .init("huisclos consultations contribuer c-mobilites \"Ma contribution\"", note: Text(fr: "second cercle", en: "second circle")),
            "huisclos consultations clore c-mobilites",
        ])

    public enum Open {
        public static let command = CommandHelp(
            Text(
                fr: "Ouvre une consultation (présidence, secrétariat).",
                en: "Opens a consultation (president, secretariat)."))
        public static let topic = Text(
            fr: "Sujet.",
            en: "Topic.")
        public static let question = Text(
            fr: "Question posée.",
            en: "The question asked.")
        public static let audience = Text(
            fr: "second-cercle ou public.",
            en: "second-cercle (second circle) or public.")
        public static let closing = Text(
            fr: "Date de clôture JJ/MM/AAAA ou AAAA-MM-JJ (fin de journée, heure de Paris).",
            en: "Closing day YYYY-MM-DD or DD/MM/YYYY (end of the day, Paris time).")
        public static let time = Text(
            fr: "Heure de clôture, le jour de --cloture, HH:MM (défaut 23:59 ; --heure, son ancien nom, est admis).",
            en: "Closing time on the --cloture day, HH:MM (default 23:59; --heure, its former name, is accepted).")
        public static let dossiers = Text(
            fr: "Dossier joint (répétable).",
            en: "Attached dossier (repeatable).")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les consultations.",
                en: "Lists consultations."))
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "Affiche une consultation.",
                en: "Shows a consultation."))
    }

    public enum Close {
        public static let command = CommandHelp(
            Text(
                fr: "Clôt une consultation avant sa date.",
                en: "Closes a consultation before its date."))
    }

    public enum Contributions {
        public static let command = CommandHelp(
            Text(
                fr: "Récupère et ouvre les contributions.",
                en: "Fetches and opens the contributions."))
    }

    public enum Contribute {
        public static let command = CommandHelp(
            Text(
                fr: "Contribue depuis l'appareil (second cercle).",
                en: "Contributes from this device (second circle)."))
        public static let text = Text(
            fr: "Texte.",
            en: "Text.")
    }

    public enum Tag {
        public static let command = CommandHelp(
            Text(
                fr: "Marque une contribution retenue ou écartée.",
                en: "Tags a contribution as kept or set aside."))
        public static let position = Text(
            fr: "Numéro de la contribution.",
            en: "The contribution's number.")
        public static let tag = Text(
            fr: "retenue ou écartée.",
            en: "retenue (kept) or ecartee (set aside).")
    }
}
