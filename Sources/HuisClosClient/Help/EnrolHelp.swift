public import HuisClosL10n

/// The help of `huisclos enrol` in French and English: the CLI shows one language, the app the same words.
public enum EnrolHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Enrôle cet appareil avec un code du secrétariat.",
            en: "Enrols this device with a code."),
        details: Text(
            fr: """
                Les clés privées sont créées ici et ne quittent jamais l'appareil. Donnez ensuite au secrétariat la carte affichée (membre, clé de signature, clé d'accord) pour qu'il certifie l'appareil ; la première synchronisation suivante signe votre acceptation de la charte.

                La phrase de passe (au moins 12 caractères) est demandée sans écho ; jamais sur la ligne de commande.
                """,
            en: """
                Private keys are created here and never leave the device; hand the printed card to the secretariat.

                The passphrase (12 characters or more) is asked without echo; never on the command line.
                """),
        examples: [
            "huisclos enrol --serveur https://conseil.example --code K7Q… --racine 3b6a… --membre 9f1c… --charte charte.pdf --json"
        ])
    public static let server = Text(
        fr: "URL du serveur.",
        en: "Server URL.")
    public static let code = Text(
        fr: "Code d'enrôlement.",
        en: "Enrolment code.")
    public static let root = Text(
        fr: "Clé publique racine du conseil (hex), donnée avec le code ; ou, pour remplacer l'appareil perdu du secrétariat, le fichier de sauvegarde de la racine.",
        en: "The council's trust root public key (hex), given with the code; or, to replace the secretariat's lost device, the root's backup file.")
    public static let member = Text(
        fr: "Identifiant du membre (hex).",
        en: "Member id (hex).")
    public static let charter = Text(
        fr: "Charte et engagement de confidentialité acceptés (fichier).",
        en: "The charter and confidentiality undertaking accepted (file).")
}
