import HuisClosL10n

/// The help of `huisclos` itself: what it is and its exit codes.
public enum RootHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Le dossier confidentiel du conseil, chiffré sur votre appareil.",
            en: "The council's confidential dossier, encrypted on your device."),
        details: Text(
            fr: """
                Texte en anglais : LANG=en. Version : huisclos --version.
                Premiers pas du secrétariat : 1. huisclos admin creer (crée le conseil sur le serveur ; le jeton d'administration vient de l'exploitant du serveur) ; 2. huisclos admin racine exporter (sauvegarde de la racine de confiance) ; 3. huisclos membres nommer ou importer ; 4. huisclos admin code, un par appareil à enrôler, remis au membre avec la racine qu'il affiche ; 5. le membre lance huisclos enrol et vous lit la carte de son appareil ; 6. huisclos admin certifier avec ces clés ; 7. huisclos horodatage configurer et huisclos courriel configurer ; 8. huisclos seances delai, puis huisclos seances convoquer.
                """,
            en: """
                French text: LANG=fr (the default). Version: huisclos --version.
                The secretariat's first steps: 1. huisclos admin setup (creates the council on the server; the admin token comes from the server's operator); 2. huisclos admin racine exporter (backup of the trust root); 3. huisclos membres nommer or importer; 4. huisclos admin code, one per device to enrol, given to the member with the root it prints; 5. the member runs huisclos enrol and reads you the device's card; 6. huisclos admin certify with those keys; 7. huisclos horodatage configurer and huisclos courriel configurer; 8. huisclos seances delai, then huisclos seances convoquer.
                """),
        exitCodes: Text(
            fr: """
                0 fait · 64 usage · 65 données refusées · 69 serveur injoignable · 70 panne du serveur · 74 fichier local · \
                76 version du protocole · 77 non autorisé · 78 phrase de passe manquante (celle de l'appareil, HUISCLOS_PASSPHRASE, ou une autre que la commande nomme).
                """,
            en: """
                0 done · 64 usage · 65 data refused · 69 server unreachable · 70 server failed · 74 local I/O · \
                76 protocol mismatch · 77 not allowed · 78 passphrase missing (the device's, HUISCLOS_PASSPHRASE, or another the command names).
                """))
}
