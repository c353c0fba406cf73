import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosEngine
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosPublication
public import HuisClosStore

/// Avis, recommendations and the work programme, from a confidential draft co-edited by members
/// to adoption at a séance and publication in the public scope.
///
/// Records (in the draft's scope, `council` or a working group's): `avis/<id>` holds the title,
/// kind, referral, status and, once adopted, the séance and the vote count; each paragraph is
/// `avis-paragraph/<id>.<paragraph>`, its text a multi-value register: the set `text` holds
/// one element per concurrent version. Writing a paragraph adds the new text and removes only
/// the versions its author has seen, so two members editing the same paragraph without seeing
/// each other's edit leave both versions in the set — the conflict is shown, not silently won
/// by the later clock — until someone writes the paragraph again having seen both.
public struct AvisDrafts: Sendable {
    /// Record kinds and field names (the records' layout, shared by every device).
    enum Layout {
        static let avis = DossierRecords.Kind.avis, paragraph = DossierRecords.Kind.paragraph
    }

    /// The paragraphs' merge rule, over this scope.
    var paragraphRegister: ParagraphRegister { ParagraphRegister(store: store, scope: scope, kind: Layout.paragraph) }

    /// The draft's state.
    public enum Status: String, Sendable {
        /// Being written.
        case draft
        /// Adopted at a séance, not yet published.
        case adopted
        /// Published in the public scope.
        case published
    }

    /// One paragraph as the replica sees it.
    public typealias Paragraph = DraftParagraph

    /// A draft as the replica sees it.
    public struct Draft: Sendable, Equatable {
        /// Identifier.
        public let id: String
        /// Title.
        public let title: String
        /// Avis, recommendation, programme or synthesis.
        public let kind: PublishedText.Kind
        /// The consultation a synthesis sums up; nil for every other kind.
        public let consultation: String?
        /// Where it stands.
        public let status: Status
        /// The referral it answers, if any.
        public let referral: String?
        /// Paragraphs, ordered by identifier.
        public let paragraphs: [Paragraph]
        /// Paragraphs whose concurrent versions must be resolved before adoption.
        public var conflicts: [Paragraph] { paragraphs.filter(\.isConflict) }
    }

    /// The store the drafts live in.
    public let store: ChangeStore
    /// The scope of the drafts (confidential: `council` or a working group).
    public let scope: ScopeID

    /// Drafts in `scope` of `store`.
    public init(store: ChangeStore, scope: ScopeID = .council) {
        self.store = store
        self.scope = scope
    }

    /// Starts a draft; a synthesis names the consultation it sums up (known to this device), and
    /// no other kind does.
    public func create(id: String, title: String, kind: PublishedText.Kind, referral: String? = nil, consultation: String? = nil) throws {
        guard (kind == .synthese) == (consultation != nil) else {
            throw DossierError(.invalidArgument, Text(
                fr: "une synthèse, et elle seule, nomme la consultation qu'elle résume : --nature synthese --consultation <identifiant>",
                en: "a synthesis, and only it, names the consultation it sums up: --nature synthese --consultation <id>"))
        }
        if let consultation { _ = try Consultations(store: store).record(consultation) }
        let record = try RecordKey(kind: Layout.avis, id: id)
        var changes: [Change] = [
            .set(record, field: "title", value: .text(title)), .set(record, field: "kind", value: .text(kind.rawValue)),
            .set(record, field: "status", value: .text(Status.draft.rawValue)),
        ]
        if let referral { changes.append(.set(record, field: "referral", value: .text(referral))) }
        if let consultation { changes.append(.set(record, field: "consultation", value: .text(consultation))) }
        try store.commitLocal(changes, scope: scope)
    }

    /// Writes paragraph `paragraph` of avis `id`: replaces every version this replica has seen
    /// (resolving a conflict it shows) with `text`.
    public func write(_ text: String, paragraph: String, of id: String) throws {
        let draft = try self.draft(id)
        guard draft.status == .draft else {
            throw DossierError(.wrongState, Text(fr: "l'avis \(id) est à l'état « \(draft.status.rawValue) » : un texte adopté ne se modifie plus",
                                     en: "avis \(id) is \(draft.status.rawValue): an adopted text is no longer edited"))
        }
        guard draft.paragraphs.count < DossierLimits.paragraphsMax || draft.paragraphs.contains(where: { $0.id == paragraph }) else {
            throw DossierError(.tooLarge, Text(fr: "l'avis \(id) a déjà \(DossierLimits.paragraphsMax) paragraphes : regroupez-en",
                                     en: "avis \(id) already has \(DossierLimits.paragraphsMax) paragraphs: merge some"))
        }
        try store.commitLocal(try paragraphRegister.changes(writing: text, paragraph: paragraph, of: id), scope: scope)
    }

    /// The draft `id` as this replica sees it. An adopted avis is the wording its adoption kept
    /// (`AdoptedWording`): what any member drafts after the vote (title, kind, referral,
    /// paragraphs, a « draft » status) changes nothing of the text adopted (the attacker's review
    /// of this stop); an adoption recorded before the wording was kept reads the draft.
    public func draft(_ id: String) throws -> Draft {
        let reader = RecordReader(database: try store.database)
        let fields = try reader.fields(kind: Layout.avis, id: id, scope: scope)
        // Every replica reads an adoption whose recorded vote adopts nothing as no adoption: the
        // rule holds against a writer that skipped it (the attacker's second review).
        let adopts = CouncilRules.adopts(inFavour: Int(fields?.integer("vote_for") ?? 0), against: Int(fields?.integer("vote_against") ?? 0))
        let adopted = adopts && fields?.text("adopted_on") != nil
        let wording = adopted ? fields?.text(AdoptedWording.field).flatMap(AdoptedWording.init(decoding:)) : nil
        guard let fields, let title = wording?.title ?? fields.text("title"),
              let kind = wording?.kind ?? fields.text("kind").flatMap(PublishedText.Kind.init(rawValue:)),
              var status = fields.text("status").flatMap(Status.init(rawValue:)) ?? (adopted ? .adopted : nil) else {
            throw DossierError(.notFound, Text(fr: "aucun avis \(id) dans \(scope.text.french) : vérifiez l'identifiant ou synchronisez",
                                     en: "no avis \(id) in \(scope.text.english): check the identifier or sync"))
        }
        if status != .draft, !adopts { status = .draft }
        if status == .draft, adopted { status = .adopted }
        let paragraphs = try wording.map { $0.paragraphs.map { DraftParagraph(id: $0.id, versions: [$0.text]) } } ?? paragraphRegister.paragraphs(of: id)
        return Draft(id: id, title: title, kind: kind, consultation: wording.map(\.consultation) ?? fields.text("consultation"), status: status,
                     referral: wording.map(\.referral) ?? fields.text("referral"), paragraphs: paragraphs)
    }

    /// Records the adoption of `id` at `seance` on `day` (starting at `start`, when known) with
    /// `vote` (and, for a synthesis, the `tally` of its consultation, frozen with the vote); refused
    /// while a paragraph shows a conflict (the council adopts one text, not a choice between
    /// versions), before the referral it answers was received (`Referrals.requireReceived`), and
    /// for a synthesis, before its consultation ended (`Consultations.requireEnded`).
    public func adopt(_ id: String, seance: String, on day: Day, at start: TimeOfDay? = nil, vote: PublishedText.Vote,
                      tally: PublishedText.Tally? = nil) throws {
        let draft = try self.draft(id)
        guard tally?.consultation == draft.consultation else {
            throw DossierError(.invalidArgument, Text(
                fr: "le bilan donné (\(tally?.consultation ?? "aucun")) n'est pas celui de la consultation que résume \(id) (\(draft.consultation ?? "aucune"))",
                en: "the tally given (\(tally?.consultation ?? "none")) is not that of the consultation \(id) sums up (\(draft.consultation ?? "none"))"))
        }
        guard CouncilRules.adopts(inFavour: vote.inFavour, against: vote.against) else {
            throw CouncilError(.notAdopted, Text(
                fr: "Le vote n'adopte pas \(id) : \(vote.inFavour) pour, \(vote.against) contre, \(vote.abstaining) abstention(s) ; il faut plus de voix pour que de voix contre (majorité des suffrages exprimés). Le texte reste un projet : rien n'est enregistré ; il peut être amendé et inscrit à une prochaine séance.",
                en: "The vote does not adopt \(id): \(vote.inFavour) for, \(vote.against) against, \(vote.abstaining) abstaining; it takes more votes for than against (a majority of the votes cast). The text stays a draft: nothing is recorded; it can be amended and put on a later séance's agenda."))
        }
        guard draft.status == .draft else { throw DossierError(.wrongState, Text(fr: "l'avis \(id) est déjà à l'état « \(draft.status.rawValue) » : voyez huisclos avis liste",
                                     en: "avis \(id) is already \(draft.status.rawValue)")) }
        guard draft.conflicts.isEmpty else {
            let list = draft.conflicts.map(\.id).joined(separator: ", ")
            throw DossierError(.wrongState, Text(
                fr: "Adoption refusée : le projet \(id) a des versions concurrentes du ou des paragraphes \(list). Réécrivez-les (huisclos avis ecrire \(id) --paragraphe …) après les avoir lues (huisclos avis voir \(id)), synchronisez, puis adoptez.",
                en: "Adoption refused: draft \(id) has conflicting versions of paragraph(s) \(list). Rewrite them (huisclos avis ecrire \(id) --paragraphe …) after reading them (huisclos avis voir \(id)), sync, then adopt."))
        }
        if let answered = draft.referral, let referral = try Referrals(store: store).referral(answered) {
            try Referrals.requireReceived(referral.id, on: referral.received, beforeAdoptionOf: id, on: day)
        }
        if let consultation = draft.consultation {
            try Consultations(store: store).requireEnded(consultation, beforeAdoptionOf: id, at: Moment(day, at: start))
        }
        let record = try RecordKey(kind: Layout.avis, id: id)
        let wording = AdoptedWording(title: draft.title, kind: draft.kind, referral: draft.referral, consultation: draft.consultation,
                                     paragraphs: draft.paragraphs.compactMap { paragraph in paragraph.versions.first.map { .init(id: paragraph.id, text: $0) } })
        try store.commitLocal([
            .set(record, field: "status", value: .text(Status.adopted.rawValue)),
            .set(record, field: AdoptedWording.field, value: .text(try wording.encoded())),
            .set(record, field: "seance", value: .text(seance)), .set(record, field: "adopted_on", value: .text(day.iso)),
            .set(record, field: "vote_seated", value: .integer(Int64(vote.seated))),
            .set(record, field: "vote_voting", value: .integer(Int64(vote.voting))),
            .set(record, field: "vote_for", value: .integer(Int64(vote.inFavour))),
            .set(record, field: "vote_against", value: .integer(Int64(vote.against))),
            .set(record, field: "vote_abstaining", value: .integer(Int64(vote.abstaining))),
        ] + (tally.map { [.set(record, field: "tally_received", value: .integer(Int64($0.received))),
                          .set(record, field: "tally_retained", value: .integer(Int64($0.retained)))] } ?? []), scope: scope)
    }

    /// Publishes adopted avis `id`: commits its text, as adopted, to the public scope (plain
    /// bodies, served by the relay) and marks the draft published; returns the published text.
    @discardableResult
    public func publish(_ id: String) throws -> PublishedText {
        let text = try adoptedText(id)
        try store.commitLocal([try PublicCatalog.publishChange(text)], scope: .public)
        try store.commitLocal([.set(try RecordKey(kind: Layout.avis, id: id), field: "status", value: .text(Status.published.rawValue))], scope: scope)
        return text
    }

    /// The adopted text of `id` (adopted or published).
    public func adoptedText(_ id: String) throws -> PublishedText {
        let draft = try self.draft(id)
        guard draft.status != .draft,
              let fields = try RecordReader(database: store.database).fields(kind: Layout.avis, id: id, scope: scope),
              let seance = fields.text("seance"), let day = fields.text("adopted_on").flatMap(Day.init(iso:)),
              let seated = fields.integer("vote_seated"), let voting = fields.integer("vote_voting"),
              let inFavour = fields.integer("vote_for"), let against = fields.integer("vote_against"),
              let abstaining = fields.integer("vote_abstaining") else {
            throw DossierError(.wrongState, Text(fr: "l'avis \(id) n'a pas été adopté : enregistrez d'abord son adoption en séance",
                                     en: "avis \(id) has not been adopted: record its adoption at a séance first"))
        }
        let vote = try PublishedText.Vote(seated: Int(seated), voting: Int(voting), inFavour: Int(inFavour),
                                          against: Int(against), abstaining: Int(abstaining))
        let tally = try draft.consultation.map { consultation throws in
            try PublishedText.Tally(consultation: consultation, received: Int(fields.integer("tally_received") ?? -1),
                                    retained: Int(fields.integer("tally_retained") ?? -1))
        }
        return try PublishedText(id: id, kind: draft.kind, title: draft.title, adoptedOn: day, seance: seance, vote: vote,
                                 paragraphs: draft.paragraphs.compactMap(\.versions.first), referral: try referralLine(draft.referral), tally: tally)
    }

    /// The texts adopted at séance `seance` (adopted or published since), as adopted.
    public func adoptedTexts(at seance: String) throws -> [PublishedText] {
        try drafts().filter { $0.status != .draft }.compactMap { try? adoptedText($0.id) }.filter { $0.seance == seance }
    }

    /// Identifiers of the drafts in the scope.
    public func list() throws -> [String] {
        try RecordReader(database: store.database).ids(kind: Layout.avis, scope: scope)
    }
}

extension AvisDrafts.Status {
    /// The status in both languages.
    public var label: Text {
        switch self {
        case .draft: Text(fr: "projet", en: "draft")
        case .adopted: Text(fr: "adopté", en: "adopted")
        case .published: Text(fr: "publié", en: "published")
        }
    }
}

/// The wording an adoption adopted — title, kind, referral, consultation, paragraphs — kept in
/// the avis record's `adopted_text` field, which only the president or the secretariat write
/// (`CouncilWriteRules`): what is shown, published, archived and reported is the text voted,
/// whatever is drafted after.
struct AdoptedWording: Codable, Equatable {
    static let field = "adopted_text"

    /// One paragraph as adopted.
    struct Paragraph: Codable, Equatable {
        let id: String
        let text: String
    }

    let title: String
    let kind: PublishedText.Kind
    let referral: String?
    let consultation: String?
    let paragraphs: [Paragraph]

    init(title: String, kind: PublishedText.Kind, referral: String?, consultation: String?, paragraphs: [Paragraph]) {
        (self.title, self.kind, self.referral, self.consultation, self.paragraphs) = (title, kind, referral, consultation, paragraphs)
    }

    /// The wording read back from the field; nil when it is not one.
    init?(decoding text: String) {
        guard let wording = try? JSONDecoder().decode(Self.self, from: Data(text.utf8)) else { return nil }
        self = wording
    }

    /// The field's text.
    func encoded() throws -> String {
        String(decoding: try JSONEncoder().encode(self), as: UTF8.self)
    }
}
