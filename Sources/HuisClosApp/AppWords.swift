import HuisClosCouncil
import HuisClosL10n

/// The words of the app's pages in both languages, by the name the templates use (`{{w.name}}`).
enum AppWords {
    static let table: [String: Text] = [
        "skip": Text(fr: "Aller au contenu", en: "Skip to content"),
        "navigation": Text(fr: "Navigation principale", en: "Main navigation"),
        "home": Text(fr: "Accueil", en: "Home"),
        "seances": Text(fr: "Séances", en: "Séances"),
        "dossiers": Text(fr: "Dossiers", en: "Dossiers"),
        "lock": Text(fr: "Verrouiller", en: "Lock"),
        "syncState": Text(fr: "État de l'appareil et synchronisation", en: "Device and sync state"),
        "lastSyncReport": Text(fr: "Dernière synchronisation depuis l'application", en: "Last sync from the app"),
        "syncNow": Text(fr: "Synchroniser", en: "Sync now"),
        "whatsNew": Text(fr: "Nouveau depuis votre dernière lecture", en: "New since you last read"),
        "nothingNew": Text(fr: "Rien de nouveau : toutes les versions de dossiers ont été lues.", en: "Nothing new: every dossier version has been read."),
        "comingSeances": Text(fr: "Prochaines séances", en: "Coming séances"),
        "noComingSeance": Text(fr: "Aucune séance à venir sur cet appareil.", en: "No coming séance on this device."),
        "seancesCaption": Text(fr: "Séances du conseil (la réception de chaque convocation est accusée à l'affichage)",
                               en: "The council's séances (receipt of each convocation is acknowledged when shown)"),
        "seance": Text(fr: "Séance", en: "Séance"),
        "date": Text(fr: "Date", en: "Date"),
        "place": Text(fr: "Lieu", en: "Place"),
        "items": Text(fr: "Points", en: "Items"),
        "state": Text(fr: "État", en: "State"),
        "myAnswer": Text(fr: "Ma réponse", en: "My answer"),
        "noSeance": Text(fr: "Aucune séance sur cet appareil : synchronisez depuis l'accueil.", en: "No séance on this device: sync from the home page."),
        "cancelled": Text(fr: "Séance annulée.", en: "Séance cancelled."),
        "urgent": Text(fr: "Convoquée en urgence.", en: "Convened in urgency."),
        "readingAcknowledged": Text(fr: "Ouvrir cette convocation en accuse la lecture ; l'accusé part à la prochaine synchronisation.",
                                    en: "Opening this convocation acknowledges reading it; the acknowledgement leaves at the next sync."),
        "readingNotAcknowledged": Text(fr: "La lecture de cette convocation n'est pas encore accusée (votre navigateur n'a pas dit que vous l'aviez ouverte vous-même).",
                                       en: "Reading this convocation is not acknowledged yet (your browser did not say you opened it yourself)."),
        "acknowledgeReading": Text(fr: "J'ai lu la convocation", en: "I have read the convocation"),
        "agenda": Text(fr: "Ordre du jour", en: "Agenda"),
        "noAgenda": Text(fr: "L'ordre du jour n'est pas encore arrivé sur cet appareil.", en: "The agenda has not reached this device yet."),
        "yourAnswer": Text(fr: "Votre réponse", en: "Your answer"),
        "answerLegend": Text(fr: "Serez-vous présent·e ?", en: "Will you attend?"),
        "noProxy": Text(fr: "Pas de procuration : les membres siègent en personne.", en: "No proxy: members sit in person."),
        "send": Text(fr: "Enregistrer la réponse", en: "Record the answer"),
        "dossiersCaption": Text(fr: "Versions des dossiers lisibles sur cet appareil", en: "Dossier versions readable on this device"),
        "title": Text(fr: "Titre", en: "Title"),
        "version": Text(fr: "Version", en: "Version"),
        "versions": Text(fr: "Versions", en: "Versions"),
        "file": Text(fr: "Fichier", en: "File"),
        "type": Text(fr: "Type", en: "Type"),
        "size": Text(fr: "Taille", en: "Size"),
        "scope": Text(fr: "Portée", en: "Scope"),
        "news": Text(fr: "Lu", en: "Read"),
        "new": Text(fr: "nouveau", en: "new"),
        "noDossier": Text(fr: "Aucun dossier sur cet appareil : synchronisez depuis l'accueil.", en: "No dossier on this device: sync from the home page."),
        "notShown": Text(fr: "Ce format ne s'affiche pas encore dans l'application : téléchargez-le ci-dessous.",
                         en: "This format is not shown in the app yet: download it below."),
        "download": Text(fr: "Télécharger", en: "Download"),
        "plaintextWarning": Text(fr: "Attention : le fichier téléchargé est écrit en clair hors de l'appareil chiffré. Effacez-le après usage.",
                                 en: "Warning: the downloaded file is written in plaintext outside the encrypted device. Delete it after use."),
        "downloadLink": Text(fr: "Télécharger en clair", en: "Download in plaintext"),
        "lockedTitle": Text(fr: "Application verrouillée", en: "App locked"),
        "lockedExplain": Text(fr: "L'application s'est verrouillée (inactivité ou demande) : la clé de l'appareil n'est plus en mémoire.",
                              en: "The app locked itself (idle, or asked to): the device's key is no longer in memory."),
        "lockedRestart": Text(fr: "Pour continuer, relancez huisclos app dans votre terminal (Ctrl-C pour l'arrêter, puis huisclos app) : il vous demandera la phrase de passe et ouvrira une nouvelle adresse.",
                              en: "To go on, start huisclos app again in your terminal (Ctrl-C to stop it, then huisclos app): it asks the passphrase and opens a new address."),
        "neverAsksPassphrase": Text(fr: "HuisClos ne demande jamais votre phrase de passe dans le navigateur, seulement dans le terminal au lancement de huisclos app : une page qui la demande n'est pas HuisClos.",
                                    en: "HuisClos never asks your passphrase in the browser, only in the terminal when huisclos app starts: a page asking for it is not HuisClos."),
        "refused": Text(fr: "Refusé", en: "Refused"),
        "backHome": Text(fr: "Revenir à l'accueil", en: "Back to the home page"),
        "answerRecorded": Text(fr: "Réponse enregistrée sur cet appareil ; elle part à la prochaine synchronisation.",
                               en: "Answer recorded on this device; it leaves at the next sync."),
    ]

    /// Every word in `language`, as the templates read them.
    static func all(in language: Language) -> [String: String] { table.mapValues { $0.in(language) } }

    /// A word in `language`.
    static func word(_ name: String, _ language: Language) -> String { table[name]?.in(language) ?? name }

    /// An answer to a convocation as a person reads it.
    static func answer(_ response: Seance.Response?) -> Text {
        switch response {
        case .willAttend?: Text(fr: "présent·e", en: "will attend")
        case .excused?: Text(fr: "excusé·e", en: "excused")
        case .absent?: Text(fr: "absent·e", en: "absent")
        case nil: Text(fr: "pas de réponse", en: "no answer")
        }
    }
}
