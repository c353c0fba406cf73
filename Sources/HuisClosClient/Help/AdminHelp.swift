public import HuisClosL10n

/// The help of `huisclos admin …` in French and English: the CLI shows one language, the app the same words.
public enum AdminHelp {
    public static let member = Text(fr: "Membre (hex).", en: "Member (hex).")
    public static let group = CommandHelp(
        Text(
            fr: "Secrétariat : conseil, appareils, codes, révocation (nominations : membres nommer).",
            en: "Secretariat commands (appointments: membres nommer)."),
        details: Text(
            fr: "Les phrases de passe sont demandées sans écho (jamais sur la ligne de commande).",
            en: "Passphrases are asked without echo (never on the command line)."),
        examples: [
            "export HUISCLOS_DEVICE=~/.huisclos-secretariat",
            "huisclos admin creer --fichier-jeton jeton-admin --serveur https://conseil.example --nom \"Conseil numérique\" --arrete 2026-0001 --charte charte.pdf",
            .init("huisclos membres nommer --nom \"Alice Martin\" --categorie recherche --arrete 2026-0142", note: Text(fr: "nominations", en: "appointments")),
            "huisclos admin code",
            "huisclos admin certifier --membre 9f1c… --cle-signature 51e0… --cle-accord 77aa…",
            "huisclos admin revoquer --cle-appareil 51e0…",
            "huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot",
        ])

    public enum RootCommands {
        public static let command = CommandHelp(
            Text(
                fr: "Sauvegarde hors ligne de la racine de confiance.",
                en: "Offline backup of the trust root."),
            details: Text(
                fr: """
                    La racine de confiance signe ce que seule elle peut signer (appareils et nominations du secrétariat). Exportez-la une fois, scellée sous sa propre phrase de passe, sur un support gardé hors ligne (clé USB au coffre) ; si l'appareil qui la détient est perdu, enrôlez un nouvel appareil du même membre du secrétariat (code : huisclos admin code --serveur URL ; racine : huisclos enrol --racine FICHIER) et restaurez-la dessus.

                    Les phrases de passe sont demandées sans écho, jamais sur la ligne de commande (scripts : HUISCLOS_PASSPHRASE pour l'appareil, HUISCLOS_ROOT_PASSPHRASE pour la sauvegarde).
                    """,
                en: """
                    The trust root signs what only it may sign (secretariat devices and appointments). Export it once, sealed under its own passphrase, to a medium kept offline; if the device holding it is lost, enrol a new device of the same secretariat member (code: huisclos admin code --server URL; root: huisclos enrol --root FILE) and restore it there.

                    Passphrases are asked without echo, never on the command line (scripts: HUISCLOS_PASSPHRASE for the device, HUISCLOS_ROOT_PASSPHRASE for the backup).
                    """),
            examples: [
                "huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot",
                "huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot --retirer",
                "huisclos admin racine restaurer /media/cle-usb/racine.hcroot",
            ])

        public enum Export {
            public static let command = CommandHelp(
                Text(
                    fr: "Écrit la racine scellée dans un nouveau fichier.",
                    en: "Writes the sealed root to a new file."),
                details: Text(
                    fr:
                        "La sauvegarde est scellée sous sa propre phrase de passe, différente de celle de l'appareil : elle est demandée deux fois (ou lue dans HUISCLOS_ROOT_PASSPHRASE). Gardez le fichier hors ligne (clé USB au coffre) et la phrase ailleurs : les deux ensemble restaurent la racine (huisclos admin racine restaurer).",
                    en:
                        "The backup is sealed under its own passphrase, not the device's: it is asked twice (or read from HUISCLOS_ROOT_PASSPHRASE). Keep the file offline (a USB key in the safe) and the passphrase elsewhere: both together restore the root (huisclos admin racine restaurer)."
                ),
                examples: ["huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot"],
                exitCodes: Text(
                    fr:
                        "0 · 64 même phrase de passe que l'appareil · 74 fichier déjà là ou écriture impossible · 77 pas la racine sur cet appareil · 78 phrase de passe manquante (HUISCLOS_PASSPHRASE ou HUISCLOS_ROOT_PASSPHRASE).",
                    en:
                        "0 · 64 same passphrase as the device's · 74 file already there or cannot write · 77 no root on this device · 78 passphrase missing (HUISCLOS_PASSPHRASE or HUISCLOS_ROOT_PASSPHRASE)."
                ))
            public static let output = Text(
                fr: "Nouveau fichier (jamais écrasé).",
                en: "New file (never overwritten).")
            public static let remove = Text(
                fr:
                    "Retire ensuite la racine de cet appareil, après avoir relu la sauvegarde : il ne certifie plus d'appareil du secrétariat ni ne nomme au secrétariat, jusqu'à ce que vous l'y restauriez.",
                en:
                    "Then removes the root from this device, after reading the backup back: it no longer certifies secretariat devices nor appoints to the secretariat, until you restore it there."
            )
        }

        public enum Restore {
            public static let command = CommandHelp(
                Text(
                    fr: "Restaure la racine sur cet appareil du secrétariat.",
                    en: "Restores the root onto this secretariat device."),
                details: Text(
                    fr:
                        "Sur un appareil nouvellement enrôlé du membre du secrétariat : vérifie que la sauvegarde est celle de la racine épinglée, certifie cet appareil avec elle et la garde dans la réplique chiffrée. Révoquez ensuite l'appareil perdu (huisclos admin revoquer --cle-appareil …).",
                    en:
                        "On a newly enrolled device of the secretariat member: checks the backup holds the pinned root, certifies this device with it and keeps it in the encrypted replica. Then revoke the lost device."
                ))
            public static let file = Text(
                fr: "Fichier de sauvegarde.",
                en: "Backup file.")
        }
    }

    public enum Setup {
        public static let command = CommandHelp(
            Text(
                fr: "Crée le conseil et sa racine de confiance.",
                en: "Creates the council and its trust root."))
        public static let server = Text(
            fr: "URL du serveur.",
            en: "Server URL.")
        public static let name = Text(
            fr: "Nom du conseil.",
            en: "Council name.")
        public static let order = Text(
            fr: "Arrêté nommant le secrétariat.",
            en: "Order appointing the secretariat.")
        public static let charter = Text(
            fr: "Charte et engagement de confidentialité (fichier).",
            en: "Charter and confidentiality undertaking (file).")
    }

    public enum Certify {
        public static let command = CommandHelp(
            Text(
                fr: "Certifie un appareil enrôlé.",
                en: "Certifies an enrolled device."),
            details: Text(
                fr:
                    "Recopiez la carte que le membre lit sur son appareil (huisclos enrol) : identifiant, clé de signature, clé d'accord et code de contrôle. Le code de contrôle refuse une faute de frappe avant toute signature : un appareil certifié avec une clé fausse n'existe pas, et le vrai ne pourrait plus l'être. Comparez ensuite l'empreinte affichée avec celle de l'appareil du membre.",
                en:
                    "Copy the card the member reads on their device (huisclos enrol): id, signing key, agreement key and check code. The check code refuses a typo before anything is signed: a device certified with a wrong key does not exist, and the real one could no longer be. Then compare the fingerprint shown with the member's device's."
            ),
            examples: ["huisclos admin certifier --membre 7c1e9a4b2d6f40a8b3e5c9d1f0a2b4c6 --cle-signature <64 chiffres> --cle-accord <64 chiffres> --controle 3f2a-9c01"],
            exitCodes: Text(
                fr: "0 · 64 carte mal recopiée (code de contrôle), membre inconnu · 69 serveur injoignable · 77 réservé au secrétariat, ou clé déjà certifiée.",
                en: "0 · 64 card copied wrong (check code), unknown member · 69 server unreachable · 77 secretariat only, or key certified already."))
        public static let check = Text(
            fr: "Code de contrôle de la carte (« contrôle », xxxx-xxxx).",
            en: "The card's check code (\"check\", xxxx-xxxx).")
        public static let signing = Text(
            fr: "Clé de signature de l'appareil (hex).",
            en: "Device signing key (hex).")
        public static let agreement = Text(
            fr: "Clé d'accord de l'appareil (hex).",
            en: "Device agreement key (hex).")
    }

    public enum Grant {
        public static let command = CommandHelp(
            Text(
                fr: "Ajoute ou retire un membre d'une portée.",
                en: "Adds or removes a member from a scope."))
        public static let scope = Text(
            fr: "Portée (group:…, hearing:…).",
            en: "Scope (group:…, hearing:…).")
        public static let readOnly = Text(
            fr: "Lecture seule.",
            en: "Read only.")
        public static let remove = Text(
            fr: "Retire au lieu d'ajouter (nouvelle époque de clé).",
            en: "Removes instead (new key epoch).")
    }

    public enum Code {
        public static let command = CommandHelp(
            Text(
                fr: "Crée un code d'enrôlement.",
                en: "Creates an enrolment code."),
            details: Text(
                fr:
                    "Le code et la racine de confiance sont donnés au membre, qui enrôle son appareil avec (huisclos enrol). Si le seul appareil du secrétariat est perdu ou volé, le jeton d'administration suffit : huisclos admin code --serveur URL, puis enrôlez un nouvel appareil du même membre du secrétariat avec la racine lue dans sa sauvegarde (huisclos enrol --racine racine.hcroot), restaurez-la dessus (huisclos admin racine restaurer) et révoquez l'appareil perdu (huisclos admin revoquer).",
                en:
                    "The code and the trust root go to the member, who enrols their device with them (huisclos enrol). If the only secretariat device is lost or stolen, the admin token is enough: huisclos admin code --server URL, then enrol a new device of the same secretariat member with the root read from its backup (huisclos enrol --root racine.hcroot), restore it there (huisclos admin racine restaurer) and revoke the lost device (huisclos admin revoke)."
            ),
            examples: ["huisclos admin code", "huisclos admin code --serveur https://relais.example.org --jours 2"])
        public static let days = Text(
            fr: "Validité en jours (1–30).",
            en: "Validity in days (1–30).")
        public static let server = Text(
            fr: "Sans appareil du secrétariat (le seul est perdu ou volé) : le serveur où créer le code avec le seul jeton d'administration.",
            en: "Without a secretariat device (the only one is lost or stolen): the server where the admin token alone creates the code.")
    }

    public enum Revoke {
        public static let command = CommandHelp(
            Text(
                fr: "Révoque un appareil et ordonne son effacement.",
                en: "Revokes a device, orders its wipe."))
        public static let deviceKey = Text(
            fr: "Clé publique de l'appareil en hexadécimal.",
            en: "Device public key, hex.")
        public static let noWipe = Text(
            fr: "Sans ordre d'effacement.",
            en: "Without wipe order.")
    }

    public enum Token {
        public static let adminTokenFile = Text(
            fr: "Fichier contenant le jeton d'administration du serveur (remis par son exploitant). Sinon, la variable HUISCLOS_ADMIN_TOKEN contient le jeton lui-même.",
            en: "File holding the server's admin token (given by its operator). Otherwise the variable HUISCLOS_ADMIN_TOKEN holds the token itself.")
    }
}
