import HuisClosL10n

/// The help of `huisclos passphrase` in French and English: the CLI shows one language, the app the same words.
public enum PassphraseHelp {
    public static let command = CommandHelp(
        Text(
            fr: "Change la phrase de passe.",
            en: "Changes the passphrase."),
        details: Text(
            fr: "Scripts : HUISCLOS_PASSPHRASE (actuelle) et HUISCLOS_NEW_PASSPHRASE (nouvelle).",
            en: "Scripts: HUISCLOS_PASSPHRASE (current) and HUISCLOS_NEW_PASSPHRASE (new)."),
        examples: ["huisclos passphrase --device ~/.huisclos"])
}
