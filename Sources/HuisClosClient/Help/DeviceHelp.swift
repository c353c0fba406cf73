public import HuisClosL10n

/// The help of `huisclos appareils …` in French and English: the CLI shows one language, the app the same words.
public enum DeviceHelp {
    public static let group = CommandHelp(
        Text(
            fr: "Vos appareils et leur approbation.",
            en: "Your devices and their approval."),
        details: Text(
            fr:
                "Un appareil certifié par le secrétariat ne reçoit vos clés (notes privées, groupes, conseil) qu'une fois approuvé depuis un de vos appareils déjà approuvés. Comparez l'empreinte affichée par le nouvel appareil (huisclos status) avec celle de la liste avant d'approuver ; un appareil que vous ne reconnaissez pas est à signaler au secrétariat.",
            en:
                "A device the secretariat certified gets your keys only once approved from one of your approved devices. Compare the fingerprint the new device shows (huisclos status) with the list before approving; report a device you do not recognise to the secretariat."
        ),
        examples: [
            "huisclos appareils liste",
            "huisclos appareils liste --json",
            "huisclos appareils approuver 3f2a-9c01-77de-0b5e-a4c8",
        ])

    public enum List {
        public static let command = CommandHelp(
            Text(
                fr: "Vos appareils.",
                en: "Your devices."),
            examples: ["huisclos appareils liste --json"])
    }

    public enum Approve {
        public static let command = CommandHelp(
            Text(
                fr: "Approuve un de vos appareils en attente.",
                en: "Approves one of your pending devices."),
            examples: ["huisclos appareils approuver 3f2a-9c01-77de-0b5e-a4c8"])
        public static let empreinte = Text(
            fr: "Empreinte affichée par le nouvel appareil.",
            en: "Fingerprint the new device shows.")
    }
}
