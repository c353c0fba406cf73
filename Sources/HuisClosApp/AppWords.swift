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
        "dossierPage": Text(fr: "Dossier", en: "Dossier"),
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
        "notes": Text(fr: "Notes", en: "Notes"),
        "noNote": Text(fr: "Aucune note sur ce dossier (ni privée, ni de vos groupes).", en: "No note on this dossier (neither private nor your groups')."),
        "noteLocation": Text(fr: "Emplacement (p. 4, § 2)", en: "Location (p. 4, § 2)"),
        "noteText": Text(fr: "Note", en: "Note"),
        "noteShare": Text(fr: "Lue par", en: "Read by"),
        "addNote": Text(fr: "Ajouter la note", en: "Add the note"),
        "noteAdded": Text(fr: "Note ajoutée sur cet appareil ; elle part à la prochaine synchronisation.",
                          en: "Note added on this device; it leaves at the next sync."),
        "search": Text(fr: "Recherche", en: "Search"),
        "searchLabel": Text(fr: "Rechercher dans les dossiers", en: "Search the dossiers"),
        "searchButton": Text(fr: "Rechercher", en: "Search"),
        "searchHint": Text(fr: "La recherche porte sur le texte des dossiers (texte, Markdown) lisibles sur cet appareil, même hors ligne ; les PDF n'y sont pas encore.",
                           en: "Search covers the text of the dossiers (text, Markdown) readable on this device, offline too; PDFs are not in it yet."),
        "noHit": Text(fr: "Aucun passage des dossiers lisibles sur cet appareil ne contient ces mots.",
                      en: "No passage of the dossiers readable on this device holds these words."),
        "pdfReading": Text(fr: "Lecture du PDF", en: "Reading the PDF"),
        "pdfWatermarked": Text(fr: "Chaque page est affichée dans l'application, sans copie sur le disque, sous le filigrane :",
                               en: "Each page is shown in the app, never copied to disk, under the watermark:"),
        "pdfNeedsScript": Text(fr: "L'affichage des pages demande JavaScript, désactivé dans ce navigateur : téléchargez le fichier ci-dessous.",
                               en: "Showing the pages needs JavaScript, which this browser has turned off: download the file below."),
        "pdfReaderMissing": Text(fr: "Le lecteur de PDF (paquet Debian libjs-pdf, installé par scripts/setup.sh) manque sur cette machine : téléchargez le fichier ci-dessous.",
                                 en: "The PDF reader (Debian package libjs-pdf, installed by scripts/setup.sh) is missing on this machine: download the file below."),
        "pdfPageLabel": Text(fr: "Page {page} sur {pages}", en: "Page {page} of {pages}"),
        "pdfFailed": Text(fr: "Ce PDF ne peut pas être affiché : téléchargez-le ci-dessous.", en: "This PDF cannot be shown: download it below."),
        "previousPage": Text(fr: "Page précédente", en: "Previous page"),
        "nextPage": Text(fr: "Page suivante", en: "Next page"),
        "downloadLink": Text(fr: "Télécharger en clair", en: "Download in plaintext"),
        "lockedTitle": Text(fr: "Application verrouillée", en: "App locked"),
        "lockedExplain": Text(fr: "L'application s'est verrouillée (inactivité ou demande) : la clé de l'appareil n'est plus en mémoire.",
                              en: "The app locked itself (idle, or asked to): the device's key is no longer in memory."),
        "lockedRestart": Text(fr: "Pour continuer, relancez huisclos app dans votre terminal (Ctrl-C pour l'arrêter, puis huisclos app) : il vous demandera la phrase de passe et ouvrira une nouvelle adresse.",
                              en: "To go on, start huisclos app again in your terminal (Ctrl-C to stop it, then huisclos app): it asks the passphrase and opens a new address."),
        "neverAsksPassphrase": Text(fr: "HuisClos ne demande jamais votre phrase de passe dans le navigateur, seulement dans le terminal au lancement de huisclos app : une page qui la demande n'est pas HuisClos.",
                                    en: "HuisClos never asks your passphrase in the browser, only in the terminal when huisclos app starts: a page asking for it is not HuisClos."),
        "wipedTitle": Text(fr: "Appareil effacé", en: "Device wiped"),
        "wipedStopped": Text(fr: "L'application s'arrête : plus rien de cet appareil n'est lisible ici. Fermez cet onglet.",
                             en: "The app stops: nothing of this device can be read here any more. Close this tab."),
        "refused": Text(fr: "Refusé", en: "Refused"),
        "backHome": Text(fr: "Revenir à l'accueil", en: "Back to the home page"),
        "answerRecorded": Text(fr: "Réponse enregistrée sur cet appareil ; elle part à la prochaine synchronisation.",
                               en: "Answer recorded on this device; it leaves at the next sync."),
        "devices": Text(fr: "Mes appareils", en: "My devices"),
        "devicesCaption": Text(fr: "Vos appareils certifiés par le secrétariat", en: "Your devices certified by the secretariat"),
        "devicesHint": Text(
            fr: "Un nouvel appareil reçoit vos clés seulement quand un de vos appareils déjà approuvés l'approuve. Pour l'approuver, recopiez l'empreinte que le nouvel appareil affiche (huisclos statut), lue sur son écran et non dans ce tableau : si elle diffère de celle du tableau, ou si vous n'avez pas enrôlé d'appareil, n'approuvez pas et prévenez le secrétariat.",
            en: "A new device gets your keys only when one of your devices already approved approves it. To approve it, type the fingerprint the new device shows (huisclos status), read on its screen and not in this table: if it differs from the one in the table, or if you enrolled no device, do not approve and tell the secretariat."),
        "approve": Text(fr: "Approuver", en: "Approve"),
        "approveDevice": Text(fr: "Approuver l'appareil", en: "Approve the device"),
        "typedFingerprint": Text(fr: "Empreinte affichée par le nouvel appareil", en: "Fingerprint the new device shows"),
        "deviceApproved": Text(fr: "Appareil approuvé : il recevra vos clés à sa prochaine synchronisation.",
                               en: "Device approved: it gets your keys at its next sync."),
    ]

    /// Every word in `language`, as the templates read them.
    static func all(in language: Language) -> [String: String] { table.mapValues { $0.in(language) } }

    /// A word in `language`.
    static func word(_ name: String, _ language: Language) -> String { table[name]?.in(language) ?? name }

    /// How many passages a search found.
    static func hits(_ count: Int) -> Text {
        count == 0 ? table["noHit"]! : count == 1 ? Text(fr: "1 passage trouvé.", en: "1 passage found.")
            : Text(fr: "\(count) passages trouvés.", en: "\(count) passages found.")
    }

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
