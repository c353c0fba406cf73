public import HuisClosL10n

/// The help of `huisclos app` in French and English: the CLI shows one language, the app the same words.
public enum AppHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Ouvre l'application locale dans le navigateur.",
            en: "Opens the local app in the browser."),
        details: Text(
            fr: """
                Déverrouille l'appareil une fois, puis sert l'application sur 127.0.0.1 seulement et affiche son adresse, qui porte une clé propre à ce lancement : gardez-la pour vous. Le navigateur s'ouvre (xdg-open, ou $BROWSER en navigation privée) sauf avec --no-browser. Après --verrou-minutes sans activité, l'application se verrouille (la clé de l'appareil quitte la mémoire) : relancez alors huisclos app ; la phrase de passe ne se saisit jamais dans le navigateur. Ctrl-C arrête l'application et verrouille l'appareil.
                --installer-raccourci ajoute HuisClos au menu des applications du bureau (un fichier .desktop dans ~/.local/share/applications) : il ouvre un terminal qui demande la phrase de passe, puis le navigateur.
                Pages : Accueil (nouveautés, état, synchroniser), Séances (convocation, ordre du jour, réponse), Dossiers (lecture, téléchargement en clair). Français par défaut ; anglais avec ?lang=en.
                """,
            en: """
                Unlocks the device once, serves the app on 127.0.0.1 only and prints its address, which carries a key of this launch: keep it to yourself. The browser opens (xdg-open, or $BROWSER in a private window) unless --no-browser. After --verrou-minutes idle, the app locks (the device key leaves memory): start huisclos app again; the passphrase is never typed in the browser. Ctrl-C stops the app and locks the device.
                --installer-raccourci adds HuisClos to the desktop's applications menu (a .desktop file in ~/.local/share/applications): it opens a terminal that asks for the passphrase, then the browser.
                Pages: Home (news, status, sync), Séances (convocation, agenda, answer), Dossiers (reading, plaintext download). French by default; English with ?lang=en.
                """),
        examples: [
            "huisclos app",
            "huisclos app --port 8470 --sans-navigateur --verrou-minutes 5",
            .init("huisclos app --installer-raccourci", note: Text(fr: "menu du bureau", en: "desktop menu")),
        ],
        exitCodes: Text(
            fr: "0 · 64 option invalide · 74 raccourci non écrit · 77 appareil non autorisé ou effacé · 78 phrase de passe manquante.",
            en: "0 · 64 invalid option · 74 shortcut not written · 77 device not allowed or wiped · 78 passphrase missing."))
    public static let port = Text(
        fr: "Port sur 127.0.0.1 (par défaut un port libre).",
        en: "Port on 127.0.0.1 (default: any free one).")
    public static let noBrowser = Text(
        fr: "N'ouvre pas le navigateur.",
        en: "Does not open the browser.")
    public static let installShortcut = Text(
        fr: "Ajoute HuisClos au menu des applications du bureau, puis s'arrête.",
        en: "Adds HuisClos to the desktop's applications menu, then stops.")
    public static let idleMinutes = Text(
        fr: "Minutes d'inactivité avant verrouillage (1 à 1440).",
        en: "Idle minutes before locking (1 to 1440).")
}
