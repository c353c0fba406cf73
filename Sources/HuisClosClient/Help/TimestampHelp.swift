public import HuisClosL10n

/// The help of `huisclos horodatage …` in French and English: the CLI shows one language, the app the same words.
public enum TimestampHelp {
    public static let group = CommandHelp(
        Text(
            fr: "L'autorité d'horodatage RFC 3161 du conseil.",
            en: "The council's RFC 3161 time-stamping authority."),
        details: Text(
            fr:
                "Le secrétariat la configure une fois ; ses jetons horodatent convocations, accusés de réception et de lecture (huisclos seances horodater), et chaque appareil les vérifie hors ligne contre la racine enregistrée.",
            en:
                "The secretariat configures it once; its tokens time-stamp convocations, receipts and readings (huisclos seances horodater), and every device verifies them offline against the recorded root."
        ),
        examples: ["huisclos horodatage configurer --url https://tsa.example.org/tsr --racine racine-tsa.pem"])

    public enum Configure {
        public static let command = CommandHelp(
            Text(
                fr: "Enregistre l'autorité et sa racine (secrétariat).",
                en: "Records the authority and its root (secretariat)."),
            examples: [
                "huisclos horodatage configurer --url https://tsa.example.org/tsr --racine racine-tsa.pem && huisclos sync"
            ],
            exitCodes: Text(
                fr: "0 · 64 adresse ou certificat illisible · 77 réservé au secrétariat.",
                en: "0 · 64 unreadable address or certificate · 77 secretariat only."))
        public static let url = Text(
            fr: "Adresse de l'autorité (http ou https).",
            en: "The authority's URL (http or https).")
        public static let root = Text(
            fr: "Certificat(s) racine PEM auxquels ses jetons doivent se rattacher.",
            en: "PEM root certificate(s) its tokens must chain to.")
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "L'autorité configurée.",
                en: "The configured authority."))
    }
}
