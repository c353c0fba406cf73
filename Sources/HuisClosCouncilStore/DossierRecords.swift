/// The council-scope records HuisClosDossiers writes: their kinds, named once here so the writers
/// (HuisClosDossiers) and the rule that says who may write them (`CouncilWriteRules`) cannot
/// disagree on a name (`Protocol/DOSSIERS.md`).
public enum DossierRecords {
    /// Record kinds.
    public enum Kind {
        /// A dossier: title, attachment. Its versions are `version` records.
        public static let dossier = "dossier"
        /// One version of a dossier, id = "<dossier>.v<n>": file, size, fingerprint, key.
        public static let version = "dossier-version"
        /// An avis, recommendation or work programme: title, kind, referral, status, adoption.
        public static let avis = "avis"
        /// One paragraph of an avis draft, id = "<avis>.<paragraph>": set `text`.
        public static let paragraph = "avis-paragraph"
        /// A referral (saisine): subject, origin, received; `avis` once answered.
        public static let referral = "referral"
        /// A working group's roster: members, supplementary members, created.
        public static let workingGroup = "working-group"
        /// A hearing: guest, dossier, opened, expiry; `closed` once closed.
        public static let hearing = "hearing"
        /// A séance's procès-verbal, id = the séance: status, approval, the president's signature, its time-stamp.
        public static let minutes = "minutes"
        /// One paragraph of a procès-verbal, id = "<séance>.<n>": set `text`.
        public static let minutesParagraph = "minutes-paragraph"
        /// A consultation: topic, question, audience, closing, dossiers, its key pair's seed, status.
        public static let consultation = "consultation"
        /// A member's tag on a contribution, id = "<consultation>.<position>": `tag`.
        public static let contributionTag = "contribution-tag"
    }

    /// The minutes fields only the president's device writes: its signature over the approved text.
    public static let minutesSignatureFields: Set<String> = ["signer", "signature"]

    /// The avis fields a drafting member writes; every other avis field (status past `draft`,
    /// séance, vote count) records the council's decision.
    static let draftingFields: Set<String> = ["title", "kind", "referral", "consultation"]
    /// The status a draft is created with.
    static let draftStatus = "draft"
    /// The statuses an avis takes (`AvisDrafts.Status`) and minutes take (`Minutes.Status`).
    static let avisStatuses: Set<String> = ["draft", "adopted", "published"]
    static let minutesStatuses: Set<String> = ["draft", "approved"]
    /// The kinds of avis (`PublishedText.Kind`).
    static let avisKinds: Set<String> = ["avis", "recommandation", "programme", "synthese"]
    /// The referral field recording the avis that answers it (written with the adoption).
    static let referralAnswer = "avis"
}
