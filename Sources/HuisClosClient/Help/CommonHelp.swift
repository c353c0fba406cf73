public import HuisClosL10n

/// Help texts that many commands share, written once.
public enum CommonHelp {
    public static let deviceFolder = Text(
        fr: "Répertoire de l'appareil (sinon HUISCLOS_DEVICE, puis ~/.huisclos).",
        en: "Device folder (else HUISCLOS_DEVICE, then ~/.huisclos).")
    /// The name of a folder option's value.
    public static let folderValue = Text(fr: "répertoire", en: "folder")
    public static let json = Text(fr: "Sortie JSON.", en: "JSON output.")
    public static let seanceJSON = Text(
        fr: "Sortie JSON : la séance telle qu'elle est maintenant.", en: "JSON output: the séance as it now stands.")
    public static let seance = Text(fr: "Identifiant de la séance.", en: "Séance id.")
    public static let member = Text(fr: "Identifiant du membre.", en: "Member id.")
    /// The votes of an adoption or an approval.
    public static let inFavour = Text(fr: "Pour.", en: "In favour.")
    public static let against = Text(fr: "Contre.", en: "Against.")
    public static let abstaining = Text(fr: "Abstentions.", en: "Abstentions.")
}
