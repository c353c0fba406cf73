public import HuisClosL10n

/// The council's rules, as the deliberation creating the Conseil numérique sets them, in one place.
///
/// Each constant quotes the rule it encodes; `CouncilRules.text` holds the sentences shown to people.
public enum CouncilRules {
    /// "Le premier cercle compte au plus 30 membres."
    public static let firstCircleMembersMax = 30
    /// "Les membres sont nommés pour un mandat de 3 ans…"
    public static let mandateYears = 3
    /// The first day a mandate opened by an order of `orderDay` is no longer in force (three years
    /// later): the one mandate-end computation of the register, the log's appointments and every face.
    public static func mandateEnd(from orderDay: Day) -> Day { orderDay.adding(years: mandateYears) }
    /// "…renouvelable une fois": at most two mandates per person.
    public static let mandatesPerPersonMax = 2
    /// A renewal ends the running mandate on the order's day and uses the only renewal: more than
    /// this many months before the running mandate's term, it is done only when confirmed
    /// (`CouncilError.Code.earlyRenewal`), as a slip cannot be undone.
    public static let renewalNoticeMonths = 6
    /// "Un membre absent à 3 séances consécutives est déclaré démissionnaire d'office."
    public static let consecutiveAbsencesForResignation = 3
    /// "Le conseil se réunit au moins une fois par an": warn after 12 months without a séance.
    public static let monthsWithoutSeanceWarning = 12
    /// The convocation's minimum delay, in clear days (« jours francs »: neither the day it is sent
    /// nor the séance's day counts), unless the council records another (`ConvocationDelay`).
    /// Five, as for the councils of communes of 3,500 inhabitants and more (CGCT L2121-12).
    public static let convocationClearDaysDefault = 5

    /// Whether a vote adopts a text: more votes for than against, abstentions aside (a majority
    /// of the votes cast; a tie does not adopt).
    public static func adopts(inFavour: Int, against: Int) -> Bool { inFavour > against }

    /// The rules as quoted to people when an action breaks them.
    public enum Quote {
        public static func convocationDelay(clearDays: Int) -> Text {
            Text(fr: "La convocation est adressée aux membres au moins \(clearDays) jours francs avant la séance, sauf urgence.",
                 en: "The convocation reaches members at least \(clearDays) clear days before the séance, save in urgency.")
        }
        public static let noProxy = Text(
            fr: "Les membres siègent en personne : les procurations ne sont pas admises (délibération créant le Conseil numérique, règle de présence).",
            en: "Members sit in person: proxies are not allowed (deliberation creating the Conseil numérique, attendance rule).")
        public static let thirtyMembers = Text(
            fr: "Le premier cercle compte au plus 30 membres.",
            en: "The first circle has at most 30 members.")
        public static let renewableOnce = Text(
            fr: "Le mandat de 3 ans est renouvelable une fois.",
            en: "The 3-year mandate is renewable once.")
        public static let quorum = Text(
            fr: "Le conseil ne délibère valablement que si la moitié au moins des membres en fonction est présente.",
            en: "The council deliberates validly only when at least half of the members in office are present.")
        public static let absences = Text(
            fr: "Un membre absent à 3 séances consécutives est déclaré démissionnaire d'office par le président, sur rapport du secrétariat.",
            en: "A member absent from 3 consecutive séances is declared resigned ex officio by the president, on the secretariat's report.")
    }
}
