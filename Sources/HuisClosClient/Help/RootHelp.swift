import HuisClosL10n

/// The help of `huisclos` itself: what it is and its exit codes.
public enum RootHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Le dossier confidentiel du conseil, chiffré sur votre appareil.",
            en: "The council's confidential dossier, encrypted on your device."),
        details: Text(
            fr: "Texte en anglais : LANG=en. Version : huisclos --version.",
            en: "French text: LANG=fr (the default). Version: huisclos --version."),
        exitCodes: Text(
            fr: """
                0 fait · 64 usage · 65 données refusées · 69 serveur injoignable · 70 panne du serveur · 74 fichier local · \
                76 version du protocole · 77 non autorisé · 78 phrase de passe manquante (HUISCLOS_PASSPHRASE).
                """,
            en: """
                0 done · 64 usage · 65 data refused · 69 server unreachable · 70 server failed · 74 local I/O · \
                76 protocol mismatch · 77 not allowed · 78 passphrase missing (HUISCLOS_PASSPHRASE).
                """))
}
