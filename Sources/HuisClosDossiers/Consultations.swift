import Foundation
import GRDB
import HuisClosCouncilStore
public import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
public import HuisClosPublication
public import HuisClosStore
import HuisClosWire

/// Consultations over the change store (`Protocol/CONSULTATIONS.md`): the record in the council
/// scope holds everything, the consultation's X25519 key pair included (its seed, readable only by
/// the devices holding the council scope's key); the announcement in the public scope holds what
/// the relay needs to serve the form and seal contributions (never the secret key).
public struct Consultations {
    /// How a member tags a contribution.
    public enum Tag: String, Sendable, CaseIterable {
        /// Kept for the synthesis.
        case retained = "retenue"
        /// Set aside.
        case dismissed = "ecartee"

        /// The tag a person typed (`retenue`, `écartée` or `ecartee`, any case).
        public init?(typed: String) {
            let folded = typed.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
            self.init(rawValue: folded)
        }

        /// The French word shown.
        public var french: String { self == .retained ? "retenue" : "écartée" }
    }

    /// A consultation as the council records it.
    public struct Record: Sendable, Equatable {
        /// The announcement (identifier, topic, question, audience, closing, public key, closed).
        public let consultation: Consultation
        /// Dossiers attached for the contributors' information.
        public let dossiers: [String]
    }

    let store: ChangeStore
    let scope = ScopeID.council

    public init(store: ChangeStore) { self.store = store }

    /// Opens consultation `id`: a fresh key pair, the record in the council scope, the
    /// announcement in the public scope. Refused if `id` exists, if it closes at or before `now`,
    /// or if an attached dossier is unknown; the president's or the secretariat's device only
    /// (`CouncilWriteRules`).
    @discardableResult
    public func open(id: String, topic: String, question: String, audience: Consultation.Audience, closesAt: Int64,
                     dossiers: [String] = [], now: Int64) throws -> Consultation {
        guard try fields(id) == nil else {
            throw DossierError(.wrongState, Text(fr: "la consultation \(id) existe déjà : choisissez un autre identifiant",
                                                 en: "consultation \(id) already exists: choose another identifier"))
        }
        guard closesAt > now else {
            throw DossierError(.invalidArgument, Text(fr: "la date de clôture est passée : donnez une date à venir",
                                                      en: "the closing date has passed: give a date to come"))
        }
        let known = Set(try RecordReader(database: store.database).ids(kind: DossierRecords.Kind.dossier, scope: scope))
        if let missing = dossiers.first(where: { !known.contains($0) }) {
            throw DossierError(.notFound, Text(fr: "aucun dossier \(missing) dans le conseil : voyez « huisclos dossiers liste »",
                                               en: "no dossier \(missing) in the council: see `huisclos dossiers liste`"))
        }
        let keys = try AgreementKeyPair.generate()
        var seed = keys.seed().withUnsafeBytes { Array($0) }
        defer { seed.wipe() }
        let consultation = try Consultation(id: id, topic: topic, question: question, audience: audience, closesAt: closesAt,
                                            publicKey: Hex.encode(keys.publicKey.bytes))
        let key = try RecordKey(kind: DossierRecords.Kind.consultation, id: id)
        try store.commitLocal([
            .set(key, field: "topic", value: .text(topic)), .set(key, field: "question", value: .text(question)),
            .set(key, field: "audience", value: .text(audience.rawValue)), .set(key, field: "closes_at", value: .integer(closesAt)),
            .set(key, field: "dossiers", value: .text(dossiers.joined(separator: ","))),
            .set(key, field: "public_key", value: .text(consultation.publicKey)), .set(key, field: "secret_seed", value: .bytes(seed)),
            .set(key, field: "status", value: .text("open")),
        ], scope: scope)
        try store.commitLocal([try PublicCatalog.announceChange(consultation)], scope: .public)
        return consultation
    }

    /// Closes consultation `id` at `now` (the injected clock): the record and the announcement say
    /// so, with the instant, which ends the consultation if earlier than its date (`Consultation.end`).
    /// Closing it again keeps the first instant recorded: nothing is written.
    public func close(_ id: String, at now: Int64) throws {
        let consultation = try record(id).consultation
        guard consultation.closedAt == nil else { return }
        let key = try RecordKey(kind: DossierRecords.Kind.consultation, id: id)
        try store.commitLocal([.set(key, field: "status", value: .text("closed")), .set(key, field: "closed_at", value: .integer(now))], scope: scope)
        try store.commitLocal([try PublicCatalog.announceChange(consultation.closing(at: now))], scope: .public)
    }

    /// Every consultation, by identifier.
    public func list() throws -> [Record] {
        try RecordReader(database: store.database).ids(kind: DossierRecords.Kind.consultation, scope: scope).map(record)
    }

    /// Consultation `id`; `notFound` if unknown to this device.
    public func record(_ id: String) throws -> Record {
        guard let fields = try fields(id), let topic = fields.text("topic"), let question = fields.text("question"),
              let audience = fields.text("audience").flatMap(Consultation.Audience.init(rawValue:)), let closesAt = fields.integer("closes_at"),
              let publicKey = fields.text("public_key") else { throw Self.unknown(id) }
        let consultation = try Consultation(id: id, topic: topic, question: question, audience: audience, closesAt: closesAt,
                                            publicKey: publicKey, closed: fields.text("status") == "closed", closedAt: fields.integer("closed_at"))
        let dossiers = (fields.text("dossiers") ?? "").split(separator: ",").map(String.init)
        return Record(consultation: consultation, dossiers: dossiers)
    }

    /// The key pair that opens consultation `id`'s contributions (from the council scope).
    public func keyPair(_ id: String) throws -> AgreementKeyPair {
        guard var seed = try fields(id)?.bytes("secret_seed"), seed.count == AgreementKeyPair.secretLength else { throw Self.unknown(id) }
        defer { seed.wipe() }
        return try AgreementKeyPair.fromSeed(SecureBytes(copying: seed))
    }

    /// Tags contribution `position` of consultation `id`.
    public func tag(_ id: String, position: UInt64, as tag: Tag) throws {
        _ = try record(id)
        try store.commitLocal([.set(try RecordKey(kind: DossierRecords.Kind.contributionTag, id: "\(id).\(position)"), field: "tag",
                                    value: .text(tag.rawValue))], scope: scope)
    }

    /// The tags of consultation `id`'s contributions, by position.
    public func tags(_ id: String) throws -> [UInt64: Tag] {
        let reader = RecordReader(database: try store.database)
        var tags: [UInt64: Tag] = [:]
        for tagID in try reader.ids(kind: DossierRecords.Kind.contributionTag, scope: scope) where tagID.hasPrefix(id + ".") {
            guard let position = UInt64(tagID.dropFirst(id.count + 1)),
                  let tag = try reader.fields(kind: DossierRecords.Kind.contributionTag, id: tagID, scope: scope)?.text("tag").flatMap(Tag.init(rawValue:))
            else { continue }
            tags[position] = tag
        }
        return tags
    }

    /// The tally a synthesis of consultation `id` states: `received` contributions (every one the
    /// relay stored, readable or not) and those tagged `retenue` among them. Refused while the
    /// consultation is open at `now`: its counts could still change after the council adopted them.
    public func tally(_ id: String, received: Int, at now: Int64) throws -> PublishedText.Tally {
        let consultation = try record(id).consultation
        guard !consultation.isOpen(at: now) else {
            throw DossierError(.wrongState, Text(
                fr: "la consultation \(id) est encore ouverte : adoptez sa synthèse après sa clôture (huisclos consultations clore \(id))",
                en: "consultation \(id) is still open: adopt its synthesis once it is closed (huisclos consultations clore \(id))"))
        }
        let retained = try tags(id).filter { $0.key >= 1 && $0.key <= UInt64(received) && $0.value == .retained }.count
        return try PublishedText.Tally(consultation: id, received: received, retained: retained)
    }

    /// The announcement of `id` in the public scope (what a second-circle device, which does not
    /// read the council scope, knows of a consultation).
    public func announced(_ id: String) throws -> Consultation {
        guard let json = try RecordReader(database: store.database).fields(kind: PublicCatalog.consultationKind, id: id, scope: .public)?
            .text(PublicCatalog.documentField),
              let consultation = try? JSONDecoder().decode(Consultation.self, from: Data(json.utf8)), consultation.id == id else {
            throw Self.unknown(id)
        }
        return consultation
    }

    private func fields(_ id: String) throws -> [String: DatabaseValue]? {
        try RecordReader(database: store.database).fields(kind: DossierRecords.Kind.consultation, id: id, scope: scope)
    }

    private static func unknown(_ id: String) -> DossierError {
        DossierError(.notFound, Text(fr: "aucune consultation \(id) sur cet appareil : synchronisez, puis voyez « huisclos consultations liste »",
                                     en: "no consultation \(id) on this device: synchronise, then see `huisclos consultations liste`"))
    }
}
