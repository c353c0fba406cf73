public import HuisClosL10n

/// The help of `huisclos avis …` in French and English: the CLI shows one language, the app the same words.
public enum AvisHelp {
    public static let id = Text(fr: "Projet.", en: "Draft.")
    public static let group = CommandHelp(
        Text(
            fr: "Avis, recommandations, programme : du projet à la publication.",
            en: "Avis, recommendations, work programme: from draft to publication."),
        details: Text(
            fr:
                "Le programme de travail annuel suit le même chemin (--nature programme), comme la synthèse d'une consultation (--nature synthese), adoptée après sa clôture et publiée avec le nombre de contributions reçues et retenues.",
            en:
                "The annual work programme follows the same path (--nature programme), as does a consultation's synthesis (--nature synthese), adopted after the consultation closed and published with the number of contributions received and kept."
        ),
        examples: [
            "huisclos avis creer avis-2027-1 --titre \"Avis sur le budget\"",
            "huisclos avis ecrire avis-2027-1 --paragraphe p1 \"Le conseil recommande…\"",
            "huisclos avis voir avis-2027-1 --json",
            "huisclos avis adopter avis-2027-1 --seance s3 --votants 3 --pour 3 --contre 0 --abstentions 0",
            "huisclos avis publier avis-2027-1",
            "huisclos avis creer programme-2027 --nature programme --titre \"Programme de travail 2027\"",
            "huisclos avis creer synthese-c1 --nature synthese --consultation c-1 --titre \"Synthèse de la consultation sur la charte\"",
        ])

    public enum Adopt {
        public static let command = CommandHelp(
            Text(
                fr: "Enregistre l'adoption en séance.",
                en: "Records adoption at a séance."),
            details: Text(
                fr:
                    "La séance doit exister, avoir été tenue (présence close) avec son quorum, et ne pas précéder la saisine à laquelle le texte répond ; aucun paragraphe ne doit rester en conflit. Si le projet répond à une saisine (--saisine à la création), la saisine est marquée répondue.",
                en:
                    "The séance must exist, have been held (attendance closed) with its quorum, and not precede the referral the text answers; no paragraph may remain in conflict. If the draft answers a referral (--saisine at creation), the referral is marked answered."
            ),
            examples: ["huisclos avis adopter avis-2026-1 --seance s3 --votants 3 --pour 2 --contre 0 --abstentions 1"],
            exitCodes: Text(
                fr:
                    "0 · 64 conflit, séance non tenue ou inconnue, projet introuvable · 65 décompte incohérent (--presents compris), quorum non atteint ou séance antérieure à la saisine · 77 réservé à la présidence et au secrétariat.",
                en:
                    "0 · 64 conflict, séance not held or unknown, draft not found · 65 inconsistent count (--presents included), quorum not reached or séance before the referral · 77 president and secretariat only."
            ))
        public static let seance = Text(
            fr: "Séance d'adoption.",
            en: "Séance of adoption.")
        public static let present = Text(
            fr: "Présents (vérifié contre la feuille de présence).",
            en: "Present (checked against the attendance sheet).")
        public static let voting = Text(
            fr: "Votants.",
            en: "Voters.")
    }

    public enum Publish {
        public static let command = CommandHelp(
            Text(
                fr: "Publie un texte adopté.",
                en: "Publishes an adopted text."),
            details: Text(
                fr: """
                    Le texte adopté, et lui seul, part en clair dans la portée publique ; le serveur le sert à <serveur>/public/ (HTML), /public/deliberations.json et /public/deliberations.csv (schéma SCDL « Délibérations »).

                    Le site public du serveur doit publier (l'exploitant du serveur l'active : voyez avec lui) : sinon rien n'est publié.
                    """,
                en: """
                    The adopted text, and only it, goes in plaintext to the public scope; the server serves it at <server>/public/ (HTML), /public/deliberations.json and /public/deliberations.csv (SCDL "Délibérations" schema).
                    The server's public site must publish (the server's operator turns it on: ask them): otherwise nothing is published.
                    """),
            examples: ["huisclos avis publier avis-2026-1"],
            exitCodes: Text(
                fr:
                    "0 · 64 pas encore adopté, ou site public du serveur pas encore configuré · 69 serveur injoignable · 77 publication réservée à la présidence et au secrétariat.",
                en:
                    "0 · 64 not adopted yet, or the server's public site not configured yet · 69 server unreachable · 77 publishing is for the president and secretariat only."
            ))
        public static let id = Text(
            fr: "Texte adopté.",
            en: "Adopted text.")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Liste les projets et textes.",
                en: "Lists drafts and texts."))
    }

    public enum Create {
        public static let command = CommandHelp(
            Text(
                fr: "Crée un projet.",
                en: "Creates a draft."),
            examples: ["huisclos avis creer avis-mobilites --titre \"Avis sur les mobilités\" --saisine saisine-3"])
        public static let title = Text(
            fr: "Titre.",
            en: "Title.")
        public static let kind = Text(
            fr: "avis, recommandation, programme ou synthese.",
            en: "avis, recommandation (recommendation), programme (work programme) or synthese (synthesis).")
        public static let referral = Text(
            fr: "Saisine à laquelle il répond.",
            en: "Referral it answers.")
        public static let consultation = Text(
            fr: "Consultation que résume une synthèse.",
            en: "Consultation a synthesis sums up.")
        public static let id = Text(
            fr: "Identifiant.",
            en: "Id.")
    }

    public enum Write {
        public static let command = CommandHelp(
            Text(
                fr: "Écrit un paragraphe.",
                en: "Writes a paragraph."))
        public static let paragraph = Text(
            fr: "Identifiant du paragraphe.",
            en: "Paragraph id.")
        public static let text = Text(
            fr: "Texte.",
            en: "Text.")
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "Affiche un projet et ses conflits.",
                en: "Shows a draft and its conflicts."))
    }
}
