public import HuisClosL10n

/// The help of `huisclos sync` in French and English: the CLI shows one language, the app the same words.
public enum SyncHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Synchronise avec le serveur.",
            en: "Syncs with the server."),
        details: Text(
            fr: """
                Vérifie le registre signé, reçoit les clés, envoie les modifications locales, reçoit celles des autres. Un appareil révoqué avec ordre d'effacement est effacé. Fonctionne aussi après expiration du bail hors ligne. Sur un appareil du secrétariat, clôt les auditions échues (nouvelle clé, effacement de l'appareil de l'invité ordonné).
                Puis reçoit le contenu chiffré de chaque version de dossier lisible (lecture et recherche hors ligne) et efface celui des portées perdues ; --sans-gros-fichiers laisse les versions de plus de 32 Mio sur le serveur jusqu'à leur lecture.
                """,
            en: """
                Verifies the signed log, receives keys, pushes and pulls. A device ordered wiped is wiped. Works after the offline lease expired too. On a secretariat device, closes expired hearings (new key, the guest's device ordered wiped).
                Then fetches the sealed content of every readable dossier version (offline reading and search) and drops the content of lost scopes; --sans-gros-fichiers leaves versions over 32 MiB on the server until read.
                """),
        examples: [
            "huisclos sync",
            "huisclos sync --suivre",
            "huisclos sync --json",
            "huisclos sync --sans-gros-fichiers",
        ])
    public static let watch = Text(
        fr: "Reste connecté et synchronise à chaque notification.",
        en: "Stay connected, sync on each poke.")
    public static let sansGrosFichiers = Text(
        fr: "Ne précharge pas les versions de plus de 32 Mio.",
        en: "Skip prefetching versions over 32 MiB.")
}
