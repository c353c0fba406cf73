import HuisClosL10n
public import HuisClosCouncil

/// A text the council adopted and published: an avis, a recommendation, the annual work
/// programme or the synthesis of a consultation. Only adopted texts become `PublishedText`; drafts never do, so nothing rendered
/// from these values can carry confidential material.
public struct PublishedText: Sendable, Equatable, Codable {
    /// What kind of text it is (shown on the public page and in the open data).
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// An opinion of the council (avis).
        case avis
        /// A recommendation.
        case recommandation
        /// The annual work programme.
        case programme
        /// The synthesis of a consultation, published with its counts (`Tally`).
        case synthese
    }

    /// What a consultation's synthesis states besides its text: the consultation and how many
    /// contributions it received and the council retained, as counted when the synthesis was adopted.
    public struct Tally: Sendable, Equatable, Codable {
        /// The consultation's identifier.
        public let consultation: String
        /// Contributions received (every one the relay stored, readable or not).
        public let received: Int
        /// Contributions the council tagged `retenue`.
        public let retained: Int

        /// A tally; throws unless `0 ≤ retained ≤ received`.
        public init(consultation: String, received: Int, retained: Int) throws(PublicationError) {
            guard PublicationLimits.isValidIdentifier(consultation), received >= 0, (0...received).contains(retained) else {
                throw PublicationError(.invalidText, Text(
                    fr: "le bilan de la consultation \(consultation) ne tient pas (\(retained) retenue(s) sur \(received) reçue(s))",
                    en: "the tally of consultation \(consultation) does not hold (\(retained) retained of \(received) received)"))
            }
            self.consultation = consultation
            self.received = received
            self.retained = retained
        }

        private enum CodingKeys: String, CodingKey { case consultation, received, retained }

        /// Decodes through the validating initialiser.
        public init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(consultation: values.decode(String.self, forKey: .consultation), received: values.decode(Int.self, forKey: .received),
                          retained: values.decode(Int.self, forKey: .retained))
        }
    }

    /// The vote that adopted the text at a séance.
    public struct Vote: Sendable, Equatable, Codable {
        /// Members in office when the séance was held (SCDL VOTE_EFFECTIF).
        public let seated: Int
        /// Members who took part in the vote (SCDL VOTE_REEL).
        public let voting: Int
        /// Votes for.
        public let inFavour: Int
        /// Votes against.
        public let against: Int
        /// Abstentions.
        public let abstaining: Int

        /// A vote count; throws unless `inFavour + against + abstaining == voting ≤ seated`.
        public init(seated: Int, voting: Int, inFavour: Int, against: Int, abstaining: Int) throws(PublicationError) {
            guard [seated, voting, inFavour, against, abstaining].allSatisfy({ $0 >= 0 }),
                  inFavour + against + abstaining == voting, voting <= seated else {
                throw PublicationError(.invalidVote, Text(
                    fr: "le décompte ne tombe pas juste (\(inFavour) pour + \(against) contre + \(abstaining) abstention(s) doivent faire \(voting) votant(s), au plus \(seated) membre(s) en fonction) : corrigez le décompte",
                    en: "the vote count does not add up (\(inFavour) for + \(against) against + \(abstaining) abstaining must equal \(voting) voting, at most \(seated) seated): correct the count"))
            }
            self.seated = seated
            self.voting = voting
            self.inFavour = inFavour
            self.against = against
            self.abstaining = abstaining
        }

        private enum CodingKeys: String, CodingKey { case seated, voting, inFavour, against, abstaining }

        /// Decodes through the validating initialiser: a count that does not add up is refused.
        public init(from decoder: any Decoder) throws {
            let values = try decoder.container(keyedBy: CodingKeys.self)
            try self.init(seated: values.decode(Int.self, forKey: .seated), voting: values.decode(Int.self, forKey: .voting),
                          inFavour: values.decode(Int.self, forKey: .inFavour), against: values.decode(Int.self, forKey: .against),
                          abstaining: values.decode(Int.self, forKey: .abstaining))
        }
    }

    /// Stable identifier, unique within the council (SCDL DELIB_ID), e.g. `AVIS-2026-03`.
    public let id: String
    /// Avis, recommendation or programme.
    public let kind: Kind
    /// The title (SCDL DELIB_OBJET).
    public let title: String
    /// The day of the séance that adopted it (SCDL DELIB_DATE).
    public let adoptedOn: Day
    /// The séance that adopted it (its identifier in the council's records).
    public let seance: String
    /// The vote count.
    public let vote: Vote
    /// The text, paragraph by paragraph, as adopted.
    public let paragraphs: [String]
    /// The referral that led to it (e.g. "Saisine du président du Département du 12/01/2026"),
    /// or nil for a self-referral or the programme.
    public let referral: String?
    /// A synthesis's consultation and counts; nil for every other kind.
    public let tally: Tally?

    /// A published text; throws if the identifier could not be used in a URL, the title is empty,
    /// or a synthesis comes without its tally (or another kind with one).
    public init(id: String, kind: Kind, title: String, adoptedOn: Day, seance: String, vote: Vote,
                paragraphs: [String], referral: String? = nil, tally: Tally? = nil) throws(PublicationError) {
        guard PublicationLimits.isValidIdentifier(id) else {
            throw PublicationError(.invalidIdentifier, Text(
                fr: "« \(id) » n'est pas un identifiant de texte valable : 1 à \(PublicationLimits.identifierCharactersMax) lettres, chiffres, « - » ou « _ »",
                en: "'\(id)' is not a valid text identifier: use 1 to \(PublicationLimits.identifierCharactersMax) letters, digits, '-' or '_'"))
        }
        guard !title.isEmpty, title.count <= PublicationLimits.titleCharactersMax else {
            throw PublicationError(.invalidText, Text(fr: "un texte publié a un titre de 1 à \(PublicationLimits.titleCharactersMax) caractères",
                                                      en: "a published text needs a title of 1 to \(PublicationLimits.titleCharactersMax) characters"))
        }
        guard (kind == .synthese) == (tally != nil) else {
            throw PublicationError(.invalidText, Text(
                fr: "une synthèse de consultation, et elle seule, indique sa consultation et ses contributions reçues et retenues",
                en: "a consultation's synthesis, and only it, states its consultation and its contributions received and retained"))
        }
        self.id = id
        self.kind = kind
        self.title = title
        self.adoptedOn = adoptedOn
        self.seance = seance
        self.vote = vote
        self.paragraphs = paragraphs
        self.referral = referral
        self.tally = tally
    }

    private enum CodingKeys: String, CodingKey { case id, kind, title, adoptedOn, seance, vote, paragraphs, referral, tally }

    /// Decodes through the validating initialiser: a text read from the public scope (signed by
    /// any member who may publish) obeys the same rules as one made on a device.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(id: values.decode(String.self, forKey: .id), kind: values.decode(Kind.self, forKey: .kind),
                      title: values.decode(String.self, forKey: .title), adoptedOn: values.decode(Day.self, forKey: .adoptedOn),
                      seance: values.decode(String.self, forKey: .seance), vote: values.decode(Vote.self, forKey: .vote),
                      paragraphs: values.decode([String].self, forKey: .paragraphs),
                      referral: values.decodeIfPresent(String.self, forKey: .referral), tally: values.decodeIfPresent(Tally.self, forKey: .tally))
    }
}

extension PublishedText.Kind {
    /// The French name of a kind of text: « Avis », « Recommandation », « Programme de travail »,
    /// « Synthèse de consultation ».
    public var frenchName: String {
        switch self {
        case .avis: "Avis"
        case .recommandation: "Recommandation"
        case .programme: "Programme de travail"
        case .synthese: "Synthèse de consultation"
        }
    }
}
