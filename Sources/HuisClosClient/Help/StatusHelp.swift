import HuisClosL10n

/// The help of `huisclos status` in French and English: the CLI shows one language, the app the same words.
public enum StatusHelp {
    public static let command = CommandHelp(
        Text(
            fr: "État de l'appareil.",
            en: "Device status."),
        examples: ["huisclos status --json"])
}
