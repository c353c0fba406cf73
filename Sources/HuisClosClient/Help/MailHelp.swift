public import HuisClosL10n

/// The help of `huisclos courriel …` in French and English: the CLI shows one language, the app the same words.
public enum MailHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Avis de convocation par courriel (secrétariat).",
            en: "Convocation notices by e-mail (secretariat)."),
        details: Text(
            fr:
                "Les avis partent de l'appareil du secrétariat, jamais du serveur relais (qui n'apprend ni adresse ni nom). Ils disent seulement qu'une convocation attend dans HuisClos ; l'invitation .ics (date, heure, lieu) n'y est jointe que si le conseil l'a décidé (huisclos courriel invitation oui).",
            en:
                "Notices leave from the secretariat's device, never from the relay (which learns neither address nor name). They only say a convocation awaits in HuisClos; the .ics invitation (date, time, place) is attached only if the council decided so (huisclos courriel invitation oui)."
        ),
        examples: [
            .init(
                "huisclos courriel configurer --serveur smtp.seinesaintdenis.fr --utilisateur secretariat-cn --expediteur conseil-numerique@seinesaintdenis.fr",
                note: Text(fr: "le mot de passe est demandé sans écho", en: "the password is asked without echo")),
            "huisclos courriel tester --a secretariat@seinesaintdenis.fr",
            "huisclos membres courriel 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 alice@example.org",
            "huisclos seances notifier s2",
        ])

    public enum Test {
        public static let command = CommandHelp(
            Text(
                fr: "Essaie le serveur de courriel sans rien envoyer.",
                en: "Tries the mail server, sending nothing."),
            details: Text(
                fr: "Se connecte, chiffre (STARTTLS ou TLS), s'identifie, puis se déconnecte ; avec --a, envoie un message d'essai à cette adresse.",
                en: "Connects, encrypts (STARTTLS or TLS), logs in, then disconnects; with --a, sends a test message to that address."),
            exitCodes: Text(
                fr: "0 · 64 aucun serveur configuré · 69 serveur injoignable, TLS ou identifiant refusé · 77 réservé au secrétariat.",
                en: "0 · 64 no server configured · 69 server unreachable, TLS or login refused · 77 secretariat only."))
        public static let address = Text(
            fr: "Adresse où envoyer un message d'essai (la vôtre).",
            en: "Address for a test message (your own).")
    }

    public enum Configure {
        public static let command = CommandHelp(
            Text(
                fr: "Le serveur de courriel de cet appareil.",
                en: "This device's mail server."),
            details: Text(
                fr: """
                    Le mot de passe vient de HUISCLOS_SMTP_PASSWORD ou est demandé sans écho ; il est gardé dans la réplique chiffrée de l'appareil.
                    Ports par défaut : starttls 587, tls 465, aucune 25 (127.0.0.1 seulement).
                    """,
                en: """
                    The password comes from HUISCLOS_SMTP_PASSWORD or is asked without echo; it is kept in the device's encrypted replica.
                    Default ports: starttls 587, tls 465, aucune (none) 25 (127.0.0.1 only).
                    """),
            exitCodes: Text(
                fr: "0 · 64 réglage refusé (mot de passe sans chiffrement, port) · 77 réservé au secrétariat.",
                en: "0 · 64 setting refused (password without encryption, port) · 77 secretariat only."))
        public static let host = Text(
            fr: "Nom du serveur SMTP.",
            en: "SMTP server name.")
        public static let port = Text(
            fr: "Port (587, 465 ou 25 selon --securite).",
            en: "Port (587, 465 or 25 depending on --securite).")
        public static let security = Text(
            fr: "starttls, tls ou aucune.",
            en: "starttls, tls or aucune (none).")
        public static let sender = Text(
            fr: "Adresse d'expédition.",
            en: "Sender address.")
        public static let senderName = Text(
            fr: "Nom affiché de l'expéditeur.",
            en: "Sender's display name.")
        public static let username = Text(
            fr: "Identifiant SMTP (le mot de passe : HUISCLOS_SMTP_PASSWORD ou demandé).",
            en: "SMTP user name (the password: HUISCLOS_SMTP_PASSWORD or asked).")
        public static let authority = Text(
            fr: "Fichier PEM des autorités à croire au lieu de celles du système.",
            en: "PEM file of the authorities to trust instead of the system's.")
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "Les réglages de courriel (mot de passe masqué).",
                en: "The mail settings (password masked)."))
    }

    public enum Invitation {
        public static let command = CommandHelp(
            Text(
                fr: "Joindre ou non l'invitation .ics aux avis (décision du conseil).",
                en: "Attach the .ics invitation or not (the council's decision)."),
            details: Text(
                fr: "Jointe, l'invitation fait voyager la date, l'heure et le lieu hors du chiffrement de bout en bout.",
                en: "Attached, the invitation carries the date, time and place outside end-to-end encryption."))
        public static let choice = Text(
            fr: "oui ou non.",
            en: "oui (yes) or non (no).")
    }
}
