public import HuisClosL10n

/// The help of `huisclos rapport …` in French and English: the CLI shows one language, the app the same words.
public enum ReportHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Rapports du secrétariat.",
            en: "The secretariat's reports."),
        details: Text(
            fr: "Comptent : les séances à présence close tenues pendant le mandat du membre ; une absence excusée compte.",
            en: "Counted: séances held with attendance closed during the member's mandate; an excused absence counts."),
        examples: [
            "huisclos rapport absences",
            "huisclos rapport absences --json",
            "huisclos rapport absences --signer",
            "huisclos rapport annuel 2026 --sortie ./rapport-2026",
            "huisclos rapport archive s1 --service-archives FRAD093 --sortie ./versement-s1",
        ])

    public enum Absences {
        public static let command = CommandHelp(
            Text(
                fr: "Membres absents à 3 séances consécutives.",
                en: "Members absent from 3 consecutive séances."),
            details: Text(
                fr:
                    "Avec --signer, le secrétariat signe le rapport dans le journal des membres (un enregistrement par membre cité) : la présidence ne peut déclarer une démission d'office que sur ce rapport signé.",
                en:
                    "With --signer, the secretariat signs the report into the membership log (one record per member named): the president can declare a resignation ex officio only on that signed report."
            ),
            examples: [
                "huisclos rapport absences --json",
                "huisclos rapport absences --signer",
            ])
        public static let sign = Text(
            fr: "Signer le rapport dans le journal des membres (secrétariat).",
            en: "Sign the report into the membership log (secretariat).")
    }

    public enum Annual {
        public static let command = CommandHelp(
            Text(
                fr: "Rapport d'activité annuel (Markdown, HTML, SVG).",
                en: "Annual activity report (Markdown, HTML, SVG)."),
            details: Text(
                fr: """
                    Lit les registres du conseil sur cet appareil : séances tenues dans l'année (présence close) avec les membres du premier cercle en fonction, présents et excusés ; assiduité par membre ; textes adoptés et publiés ; saisines ; groupes de travail ; auditions. Écrit rapport-<année>.md, rapport-<année>.html et assiduite-<année>.svg dans le dossier de sortie. Synchronisez d'abord ; lancez-le depuis l'appareil de la présidence pour compter les dossiers de chaque groupe (un appareil hors d'un groupe n'en voit aucun).
                    Les fichiers sont écrits en clair, lisibles par vous seul (0600), et jamais par-dessus un fichier existant.
                    """,
                en: """
                    Reads the council's records on this device: séances held in the year (attendance closed) with the first-circle members in office, present and excused; attendance per member; texts adopted and published; referrals; working groups; hearings. Writes rapport-<year>.md, rapport-<year>.html and assiduite-<year>.svg in the output folder. Sync first; run it from the president's device to count each group's dossiers (a device outside a group sees none of them).
                    The files are written in plaintext, readable by you only (0600), and never over an existing file.
                    """),
            examples: ["huisclos rapport annuel 2026 --sortie ./rapport-2026"],
            exitCodes: Text(fr: "0 fait · 64 usage · 74 écriture impossible.", en: "0 done · 64 usage · 74 cannot write."))
        public static let year = Text(
            fr: "Année (par exemple 2026).",
            en: "Year (for example 2026).")
        public static let output = Text(
            fr: "Dossier de sortie.",
            en: "Output folder.")
    }

    public enum Archive {
        public static let command = CommandHelp(
            Text(
                fr: "Versement SEDA 2.2 d'une séance ou d'une année aux archives.",
                en: "A séance or a year as a SEDA 2.2 transfer package."),
            details: Text(
                fr: """
                    Écrit un nouveau dossier (jamais un dossier existant) : manifest.xml, le bordereau SEDA 2.2 (ArchiveTransfer), et content/ avec la convocation (.ics), l'ordre du jour et la feuille de présence (.csv), le procès-verbal s'il est approuvé (.html), chaque avis adopté à la séance (.md), la dernière version de chaque dossier de l'ordre du jour, chaque jeton d'horodatage avec son texte et les racines de l'autorité. Chaque fichier y figure avec son empreinte SHA-512. La séance doit être tenue (présence close). Avec une année (2026), toutes les séances tenues cette année-là, une unité chacune sous une unité de l'année. Pour un service qui attend un zip : cd <dossier> && zip -r ../versement.zip manifest.xml content.
                    Les fichiers sont écrits en clair, lisibles par vous seul (0600).
                    """,
                en: """
                    Writes a new folder (never an existing one): manifest.xml, the SEDA 2.2 transfer (ArchiveTransfer), and content/ with the convocation (.ics), the agenda and the attendance sheet (.csv), the minutes if approved (.html), each avis adopted at the séance (.md), the latest version of each dossier on the agenda, each time-stamp token with its text and the authority's roots. Each file is listed with its SHA-512 hash. The séance must have been held (attendance closed). With a year (2026), every séance held that year, one unit each under a unit for the year. For a service that expects a zip: cd <folder> && zip -r ../versement.zip manifest.xml content.
                    The files are written in plaintext, readable by you only (0600).
                    """),
            examples: [
                "huisclos rapport archive s1 --service-archives FRAD093 --sortie ./versement-s1",
                "huisclos rapport archive 2026 --service-archives FRAD093 --sortie ./versement-2026",
            ],
            exitCodes: Text(
                fr: "0 fait · 64 usage, séance non tenue, année sans séance tenue ou service d'archives manquant · 74 écriture impossible.",
                en: "0 done · 64 usage, séance not held, year without a séance held or archive service missing · 74 cannot write."))
        public static let target = Text(
            fr: "Séance ou année (par exemple s1, 2026).",
            en: "Séance id or year (ex. s1, 2026).")
        public static let output = Text(
            fr: "Nouveau dossier du versement (jamais écrasé).",
            en: "New folder for the transfer (never overwritten).")
        public static let archival = Text(
            fr: "Identifiant du service d'archives destinataire (ArchivalAgency).",
            en: "Id of the receiving archives service (ArchivalAgency).")
        public static let transferring = Text(
            fr: "Identifiant du service versant (TransferringAgency ; par défaut HuisClos-<conseil>).",
            en: "Id of the transferring service (TransferringAgency; by default HuisClos-<council>).")
        public static let originating = Text(
            fr: "Identifiant du service producteur (OriginatingAgency ; par défaut HuisClos-<conseil>).",
            en: "Id of the originating service (OriginatingAgency; by default HuisClos-<council>).")
        public static let agreement = Text(
            fr: "Accord de versement (ArchivalAgreement), s'il y en a un.",
            en: "The transfer agreement (ArchivalAgreement), if there is one.")
    }
}
