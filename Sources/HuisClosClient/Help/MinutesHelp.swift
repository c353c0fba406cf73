public import HuisClosL10n

/// The help of `huisclos pv …` in French and English: the CLI shows one language, the app the same words.
public enum MinutesHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Procès-verbal d'une séance : rédaction, approbation, signature.",
            en: "A séance's minutes: drafting, approval, signature."),
        examples: [
            "huisclos pv brouillon s1",
            "huisclos pv ecrire s1 4 \"Point 1 — Budget 2027. Le rapporteur présente le budget.\"",
            "huisclos pv voir s1",
            "huisclos pv approuver s1 --seance s2 --pour 3 --contre 0 --abstentions 1",
            "huisclos pv signer s1",
            "huisclos pv exporter s1 --format pdf --sortie pv-s1.pdf",
            "huisclos pv publier s1",
        ])

    public enum Draft {
        public static let command = CommandHelp(
            Text(
                fr: "Rédige le projet depuis les registres de la séance.",
                en: "Drafts the minutes from the séance's records."),
            details: Text(
                fr:
                    "Date, heure, lieu, présents, excusés, absents et quorum, ordre du jour, avis adoptés avec leur vote et la saisine à laquelle ils répondent : un paragraphe chacun, dans la portée du conseil (chiffré de bout en bout). La séance doit avoir été tenue (présence close).",
                en: "Date, time, place, attendance and quorum, agenda, avis adopted with their votes: one paragraph each, in the council scope."),
            exitCodes: Text(
                fr: "0 · 64 séance non tenue ou procès-verbal existant · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 séance not held or minutes already there · 77 president and secretariat only."))
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "Affiche le procès-verbal, ses conflits, sa signature et son horodatage.",
                en: "Shows the minutes, their conflicts, signature and time-stamp."))
    }

    public enum Write {
        public static let command = CommandHelp(
            Text(
                fr: "Écrit un paragraphe.",
                en: "Writes a paragraph."),
            details: Text(
                fr:
                    "Remplace les versions du paragraphe que cet appareil a vues ; deux modifications concurrentes restent côte à côte (conflit) jusqu'à ce qu'on réécrive le paragraphe. Un numéro après le dernier ajoute un paragraphe. Refusé une fois le procès-verbal approuvé.",
                en: "Replaces the versions this device has seen; concurrent edits stay side by side until rewritten. Refused once approved."),
            exitCodes: Text(
                fr: "0 · 64 procès-verbal approuvé, introuvable ou numéro hors limites · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 minutes approved, not found or paragraph number out of range · 77 president and secretariat only."))
        public static let number = Text(
            fr: "Numéro du paragraphe (1 le premier).",
            en: "Paragraph number.")
        public static let text = Text(
            fr: "Texte.",
            en: "Text.")
    }

    public enum Approve {
        public static let command = CommandHelp(
            Text(
                fr: "Enregistre l'approbation à une séance ultérieure.",
                en: "Records approval at a later séance."),
            details: Text(
                fr:
                    "La séance d'approbation est postérieure à celle du procès-verbal et a été tenue (présence close) avec son quorum ; pour + contre + abstentions ne dépassent pas ses présents ; aucun paragraphe ne reste en conflit. Présidence ou secrétariat.",
                en: "The approving séance is later, held with its quorum; votes do not exceed those present; no paragraph in conflict. President or secretariat."),
            exitCodes: Text(
                fr: "0 · 64 conflit ou séance non tenue · 65 séance non ultérieure, sans quorum, décompte excédant les présents · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 conflict or séance not held · 65 séance not later, no quorum, votes exceeding those present · 77 president and secretariat only."))
        public static let seance = Text(
            fr: "Séance du procès-verbal.",
            en: "The minutes' séance.")
        public static let approving = Text(
            fr: "Séance d'approbation.",
            en: "Approving séance.")
    }

    public enum Sign {
        public static let command = CommandHelp(
            Text(
                fr: "La présidence signe le procès-verbal approuvé.",
                en: "The president signs the approved minutes."),
            details: Text(
                fr:
                    "L'appareil de la présidence signe l'empreinte du texte approuvé ; chaque appareil vérifie la signature. Si le conseil a une autorité d'horodatage, le procès-verbal signé est aussi horodaté (RFC 3161).",
                en: "The president's device signs the approved text's hash; every device verifies it; time-stamped when the council has an authority."),
            exitCodes: Text(
                fr: "0 · 64 non approuvé · 65 texte modifié après approbation · 69 serveur ou autorité injoignable · 77 réservé à la présidence.",
                en: "0 · 64 not approved · 65 text changed after approval · 69 server or authority unreachable · 77 president only."))
    }

    public enum Stamp {
        public static let command = CommandHelp(
            Text(
                fr: "Horodate le procès-verbal signé.",
                en: "Time-stamps the signed minutes."),
            exitCodes: Text(
                fr: "0 · 64 non signé ou aucune autorité configurée · 69 autorité injoignable · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 not signed or no authority configured · 69 authority unreachable · 77 president and secretariat only."))
    }

    public enum Publish {
        public static let command = CommandHelp(
            Text(
                fr: "Publie le procès-verbal approuvé et signé sur le site public.",
                en: "Publishes the approved and signed minutes on the public site."),
            details: Text(
                fr: """
                    Quand le conseil le décide : le texte approuvé, son approbation et son empreinte partent en clair dans la portée publique ; le serveur les sert à <serveur>/public/proces-verbaux/<séance>.html et les liste sur <serveur>/public/. Seulement un procès-verbal approuvé dont cet appareil vérifie la signature de la présidence (huisclos pv voir). Un procès-verbal n'est pas une délibération : il n'entre pas dans les données ouvertes SCDL.
                    Le site public du serveur doit publier (l'exploitant du serveur l'active : voyez avec lui) : sinon rien n'est publié.
                    """,
                en: """
                    When the council decides: the approved text, its approval and its hash go in plaintext to the public scope; the server serves them at <server>/public/proces-verbaux/<séance>.html and lists them on <server>/public/. Only approved minutes whose president's signature this device verifies (huisclos pv voir). Minutes are not a deliberation: they stay out of the SCDL open data.
                    The server's public site must publish (the server's operator turns it on: ask them): otherwise nothing is published.
                    """),
            exitCodes: Text(
                fr:
                    "0 · 64 non approuvé, ou site public du serveur pas encore configuré · 65 non signé, signature refusée, d'un format antérieur ou plus celle de la présidence, texte modifié après approbation · 69 serveur injoignable · 77 publication réservée à la présidence et au secrétariat.",
                en:
                    "0 · 64 not approved, or the server's public site not configured yet · 65 not signed, signature refused, in an earlier format or no longer the president's, text changed after approval · 69 server unreachable · 77 publishing is for the president and secretariat only."
            ))
    }

    public enum Export {
        public static let command = CommandHelp(
            Text(
                fr: "Exporte le procès-verbal en HTML, Markdown ou PDF.",
                en: "Exports the minutes as HTML, Markdown or PDF."),
            details: Text(
                fr:
                    "Le fichier porte le texte et ce que cet appareil a vérifié (approbation, signature, horodatage). Il est écrit en clair, lisible par vous seul (0600), jamais par-dessus un fichier existant. Le PDF est la page HTML imprimée par Chromium sans interface et sans réseau (paquet Debian chromium).",
                en:
                    "The file holds the text and what this device verified; written in plaintext, never over an existing file. The PDF is the HTML page printed by headless Chromium, offline."
            ),
            examples: ["huisclos pv exporter s1 --format pdf --sortie pv-s1.pdf"],
            exitCodes: Text(
                fr: "0 · 64 format inconnu ou procès-verbal introuvable · 74 fichier existant ou non écrit, Chromium absent ou en échec.",
                en: "0 · 64 unknown format or minutes not found · 74 file exists or not written, Chromium missing or failed."))
        public static let format = Text(
            fr: "html, md ou pdf.",
            en: "html, md or pdf.")
        public static let output = Text(
            fr: "Nouveau fichier (jamais écrasé).",
            en: "New file (never overwritten).")
    }
}
