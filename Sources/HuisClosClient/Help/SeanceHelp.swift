public import HuisClosL10n

/// The help of `huisclos seances …` in French and English: the CLI shows one language, the app the same words.
public enum SeanceHelp {
    public static let seance = Text(fr: "Identifiant de la séance.", en: "Séance id.")
    public static let group = CommandHelp(
        Text(
            fr: "Séances du conseil.",
            en: "Council séances."),
        examples: [
            "huisclos seances convoquer s1 --date 2027-01-14 --heure 14:00 --heure-fin 17:00 --lieu \"Bobigny, salle du conseil\"",
            "huisclos seances calendrier s1 --sortie s1.ics",
            "huisclos seances annuler s1",
            "huisclos seances delai 5",
            "huisclos seances liste",
            .init("huisclos seances voir s1", note: Text(fr: "accuse la lecture", en: "acknowledges reading")),
            "huisclos seances accuses s1 --json",
            .init("huisclos seances horodater s1", note: Text(fr: "secrétariat", en: "secretariat")),
            "huisclos seances preuve s1 --sortie preuve-s1.txt",
        ])

    public enum Notify {
        public static let command = CommandHelp(
            Text(
                fr: "Avise par courriel chaque membre que la convocation l'attend (secrétariat).",
                en: "E-mails each member that the convocation awaits (secretariat)."),
            details: Text(
                fr:
                    "Un avis par membre du premier cercle en fonction le jour de la séance, une fois par version de la convocation : relancer n'envoie que ce qui n'est pas parti. Puis huisclos sync (les avis envoyés sont notés pour les autres appareils du secrétariat).",
                en:
                    "One notice per first-circle member in office on the séance's day, once per version of the convocation: sending again sends only what did not leave. Then huisclos sync (the notices sent are recorded for the secretariat's other devices)."
            ),
            examples: ["huisclos seances notifier s2 --json"],
            exitCodes: Text(
                fr:
                    "0 tout est parti · 64 aucun serveur de courriel configuré ou séance inconnue · 65 séance passée ou tenue · 69 un avis au moins n'est pas parti (relancez) · 77 réservé au secrétariat.",
                en: "0 all sent · 64 no mail server configured or séance unknown · 65 séance past or held · 69 at least one notice was not sent (run again) · 77 secretariat only.")
        )
    }

    public enum Convene {
        public static let command = CommandHelp(
            Text(
                fr: "Convoque une séance : la présidence, ou le secrétariat pour elle.",
                en: "Convenes a séance: the president, or the secretariat on their behalf."),
            details: Text(
                fr: """
                    Convoquer à nouveau la même séance en change la date, l'heure ou le lieu (l'invitation de calendrier est mise à jour).
                    Le délai minimal de convocation (5 jours francs par défaut, huisclos seances delai) s'applique aux séances à venir : plus tard, la convocation est refusée, sauf --urgence. Une date passée enregistre une séance déjà tenue.
                    """,
                en:
                    "Convening the same séance again changes its date, time or place (the calendar invitation is updated). The minimum delay (5 clear days by default) applies to coming séances: later, refused unless --urgence. A past date records a séance already held."
            ),
            examples: [
                "huisclos seances convoquer s2 --date 2027-02-11 --heure 14h30 --heure-fin 17h --lieu \"Bobigny, salle du conseil\""
            ],
            exitCodes: Text(
                fr: "0 · 64 option invalide · 65 convocation trop tardive, lieu vide, séance annulée ou tenue · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 invalid option · 65 convocation too late, empty place, séance cancelled or held · 77 president and secretariat only."))
        public static let seance = Text(
            fr: "Identifiant de la séance (lettres, chiffres, - _ .).",
            en: "Séance id (letters, digits, - _ .).")
        public static let date = Text(
            fr: "Date (JJ/MM/AAAA ou AAAA-MM-JJ).",
            en: "Date (YYYY-MM-DD or DD/MM/YYYY).")
        public static let start = Text(
            fr: "Heure de début, heure de Paris (14:30 ou 14h30).",
            en: "Start time, Paris time (14:30 or 14h30).")
        public static let end = Text(
            fr: "Heure de fin, le même jour (17:00 ou 17h ; --fin, son ancien nom, est admis).",
            en: "End time, the same day (17:00 or 17h; --fin, its former name, is accepted).")
        public static let place = Text(
            fr: "Lieu.",
            en: "Place.")
        public static let urgent = Text(
            fr: "Convoquer en urgence, en deçà du délai minimal.",
            en: "Convene in urgency, within the minimum delay.")
    }

    public enum Cancel {
        public static let command = CommandHelp(
            Text(
                fr: "Annule une séance : la présidence, ou le secrétariat pour elle.",
                en: "Cancels a séance: the president, or the secretariat on their behalf."),
            details: Text(
                fr: "L'invitation de calendrier devient une annulation ; plus rien ne s'enregistre pour la séance.",
                en: "The calendar invitation becomes a cancellation; nothing more is recorded for it."),
            examples: ["huisclos seances annuler s2 && huisclos sync"],
            exitCodes: Text(
                fr: "0 · 64 séance inconnue · 65 séance déjà annulée ou déjà tenue · 77 réservé à la présidence et au secrétariat.",
                en: "0 · 64 séance unknown · 65 séance already cancelled or already held · 77 president and secretariat only."))
    }

    public enum CalendarFile {
        public static let command = CommandHelp(
            Text(
                fr: "L'invitation iCalendar (.ics) de la séance.",
                en: "The séance's iCalendar invitation."),
            details: Text(
                fr:
                    "Date, heure (Europe/Paris) et lieu seulement : ni ordre du jour ni dossier. Une séance modifiée ou annulée donne une invitation qui remplace la précédente dans les agendas (même UID, SEQUENCE croissante).",
                en:
                    "Date, time and place only: no agenda, no dossier. A changed or cancelled séance gives an invitation that replaces the earlier one in calendars (same UID, higher SEQUENCE)."
            ),
            examples: ["huisclos seances calendrier s2 --sortie s2.ics"])
        public static let output = Text(
            fr: "Nouveau fichier .ics (jamais écrasé) ; sinon la sortie standard.",
            en: "New .ics file (never overwritten); else standard output.")
    }

    public enum Delay {
        public static let command = CommandHelp(
            Text(
                fr: "Le délai minimal de convocation, en jours francs.",
                en: "The minimum convocation delay, in clear days."),
            details: Text(
                fr: "Sans argument, affiche le délai ; avec un nombre, l'enregistre (présidence ou secrétariat).",
                en: "Without argument, shows it; with a number, records it (president or secretariat)."),
            examples: ["huisclos seances delai 5"])
        public static let days = Text(
            fr: "Jours francs (0 à 60).",
            en: "Clear days (0 to 60).")
        public static let json = Text(
            fr: "Sortie JSON : clearDays, recorded.",
            en: "JSON output: clearDays, recorded.")
    }

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Séances et leur état (accuse réception).",
                en: "Séances and their state (acknowledges receipt)."),
            examples: ["huisclos seances liste --json"],
            exitCodes: Text(
                fr: "0 · 77 appareil sans accès aux séances (second cercle, invité, mandat terminé).",
                en: "0 · 77 device without access to séances (second circle, guest, ended mandate)."))
    }

    public enum Show {
        public static let command = CommandHelp(
            Text(
                fr: "La convocation et son ordre du jour (accuse lecture).",
                en: "The convocation and its agenda (acknowledges reading)."),
            details: Text(
                fr: "En JSON, chaque point porte aussi la séance, sa date (AAAA-MM-JJ) et son lieu.",
                en: "In JSON each item also carries the séance, its date and place."),
            examples: ["huisclos seances voir s2 --json"])
    }

    public enum Acknowledgements {
        public static let command = CommandHelp(
            Text(
                fr: "Qui a reçu et lu la convocation, quand (appareil, serveur, autorité d'horodatage).",
                en: "Who received and read the convocation, when (device, server, time-stamping authority)."),
            examples: ["huisclos seances accuses s2 --json"])
    }

    public enum Stamp {
        public static let command = CommandHelp(
            Text(
                fr: "Horodate la convocation et ses accusés auprès de l'autorité RFC 3161 (secrétariat).",
                en: "Time-stamps the convocation and its acknowledgements with the RFC 3161 authority (secretariat)."),
            details: Text(
                fr:
                    "Demande un jeton pour chaque état non encore horodaté : la convocation (chaque révision), chaque accusé de réception et de lecture synchronisé. Relancez après chaque modification et après chaque synchronisation qui apporte des accusés.",
                en:
                    "Asks a token for each state not yet stamped: the convocation (each revision), each synced receipt and reading. Run again after each change and after each sync that brings acknowledgements."
            ),
            examples: ["huisclos sync && huisclos seances horodater s2 && huisclos sync"],
            exitCodes: Text(
                fr: "0 · 64 aucune autorité configurée · 65 jeton refusé · 69 autorité injoignable · 77 réservé au secrétariat.",
                en: "0 · 64 no authority configured · 65 token refused · 69 authority unreachable · 77 secretariat only."))
    }

    public enum Proof {
        public static let command = CommandHelp(
            Text(
                fr: "Exporte la preuve horodatée de la convocation.",
                en: "Exports the convocation's time-stamped proof."),
            details: Text(
                fr:
                    "Le fichier contient chaque texte horodaté, le verdict de cet appareil d'après ses registres, son jeton RFC 3161 et la racine de l'autorité : un tiers vérifie les jetons avec OpenSSL seul, comme l'explique l'en-tête du fichier (openssl ts -verify ; le script check-proof.sh des sources de HuisClos le fait pour chaque jeton et ne dit OK que si l'appareil a aussi vérifié). Il contient les identifiants des membres et appareils, la date et le lieu : il quitte le stockage chiffré.",
                en:
                    "The file holds each time-stamped text, this device's verdict from its records, its RFC 3161 token and the authority's root: a third party checks the tokens with OpenSSL alone, as the file's header explains (openssl ts -verify; the script check-proof.sh of HuisClos's sources does it for every token and says OK only where the device verified too). It holds member and device ids, date and place: it leaves encrypted storage."
            ),
            examples: ["huisclos seances preuve s2 --sortie preuve-s2.txt"],
            exitCodes: Text(
                fr: "0 · 64 aucun horodatage · 74 fichier existant ou non écrit.",
                en: "0 · 64 no time-stamp · 74 file exists or not written."))
        public static let output = Text(
            fr: "Nouveau fichier (jamais écrasé).",
            en: "New file (never overwritten).")
    }
}
