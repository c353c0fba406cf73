public import HuisClosL10n

/// The help of `huisclos saisines …` in French and English: the CLI shows one language, the app the same words.
public enum ReferralHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Saisines et auto-saisines.",
            en: "Referrals and self-referrals."),
        details: Text(
            fr: "Une saisine est répondue automatiquement quand un avis créé avec --saisine <id> est adopté ; repondre la relie à la main à un avis.",
            en: "A referral is answered automatically when an avis created with --saisine <id> is adopted; repondre links it to an avis by hand."),
        examples: [
            "huisclos saisines recevoir sa-2026-1 --objet \"Inclusion numérique des seniors\" --origine president --date 2026-09-01",
            "huisclos avis creer avis-2026-1 --titre \"Avis sur l'inclusion numérique\" --saisine sa-2026-1",
            "huisclos saisines repondre sa-2026-1 --avis avis-2026-1",
            "huisclos saisines liste --json",
        ],
        exitCodes: Text(
            fr: "0 · 64 usage ou saisine inconnue · 77 saisine reçue enregistrée par le secrétariat seul, réponse par la présidence ou le secrétariat.",
            en: "0 · 64 usage or unknown referral · 77 a referral received is recorded by the secretariat only, answered by the president or the secretariat."))

    public enum Receive {
        public static let command = CommandHelp(
            Text(
                fr: "Enregistre une saisine reçue.",
                en: "Records a referral received."))
        public static let subject = Text(
            fr: "Objet.",
            en: "Subject.")
        public static let origin = Text(
            fr: "president (du Département) ou autosaisine.",
            en: "president (the departmental president) or autosaisine (self-referral).")
        public static let date = Text(
            fr: "Date de réception JJ/MM/AAAA ou AAAA-MM-JJ.",
            en: "Day received, YYYY-MM-DD or DD/MM/YYYY.")
        public static let id = Text(
            fr: "Identifiant de la saisine.",
            en: "Referral id.")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les saisines.",
                en: "Lists referrals."))
    }

    public enum Answer {
        public static let command = CommandHelp(
            Text(
                fr: "Relie une saisine à son avis.",
                en: "Links a referral to its avis."))
        public static let avis = Text(
            fr: "Avis qui y répond.",
            en: "The avis that answers it.")
        public static let id = Text(
            fr: "Saisine.",
            en: "Referral.")
    }
}
