import Foundation
import HuisClosCrypto
public import HuisClosEngine
import HuisClosProtocol
public import HuisClosTrust
import HuisClosWire

/// The published texts, read from the public scope's batches (plain bodies, signed by their
/// authors): the only input of the public site and the open data.
///
/// A publication is the record `publication/<id>` (a consultation `consultation/<id>`, published
/// minutes `proces-verbal/<séance>`) whose field `document` holds the `PublishedText` (the
/// `Consultation`, the `PublishedMinutes`) as JSON; the latest write (by HLC) wins and a delete withdraws it. Anything
/// else in the public scope is ignored, and a batch from another scope is never read, so no
/// draft, dossier or note can reach the public output.
public struct PublicCatalog: Sendable, Equatable {
    /// The record kind of a publication.
    public static let recordKind = "publication"
    /// The field holding the published text as JSON.
    public static let documentField = "document"

    /// The record kind of a consultation's announcement (same field, the `Consultation` as JSON).
    public static let consultationKind = "consultation"

    /// The record kind of published minutes (same field, the `PublishedMinutes` as JSON; the séance names the record).
    public static let minutesKind = "proces-verbal"

    /// Published texts, most recent séance first, then by identifier.
    public let texts: [PublishedText]
    /// Announced consultations, by identifier (open or closed: the relay checks before serving a form).
    public let consultations: [Consultation]
    /// Published minutes, most recent séance first.
    public let minutes: [PublishedMinutes]
    /// The séances of `minutes` whose president's signature this catalog verified against the membership log.
    public let verifiedMinutes: Set<String>
    /// The séances whose published minutes carried a signature that does not verify: left out (the relay logs them).
    public let refusedMinutes: Set<String>

    /// A catalog of `texts` (sorted as `texts` documents), `consultations` and `minutes`, the
    /// minutes of the séances in `verifiedMinutes` shown as signed.
    public init(texts: [PublishedText], consultations: [Consultation] = [], minutes: [PublishedMinutes] = [],
                verifiedMinutes: Set<String> = [], refusedMinutes: Set<String> = []) {
        self.texts = texts.sorted { ($0.adoptedOn, $0.id) > ($1.adoptedOn, $1.id) }
        self.consultations = consultations.sorted { $0.id < $1.id }
        self.minutes = minutes.sorted { ($0.day, $0.seance) > ($1.day, $1.seance) }
        self.verifiedMinutes = verifiedMinutes.intersection(self.minutes.map(\.seance))
        self.refusedMinutes = refusedMinutes
    }

    /// The catalog of the public scope's canonical batch bytes, in log order. Batches that fail
    /// to verify or decode, and documents that are not valid JSON, are skipped: the public site
    /// shows what is well formed and never fails as a whole.
    ///
    /// Minutes are checked against `membership` (the council's verified log; nil before a council
    /// is registered): a signature that is not the president's device's over the statement
    /// (`MinutesSignature.signingMember`) leaves the document out (`refusedMinutes`) and never
    /// replaces what was published; minutes without a signature (published before it was carried)
    /// are shown as not verified and never replace verified ones.
    public init(publicBatches: [[UInt8]], membership: MembershipState?) {
        var texts = Latest<PublishedText>(kind: Self.recordKind, id: \.id)
        var consultations = Latest<Consultation>(kind: Self.consultationKind, id: \.id)
        var minutes = Latest<PublishedMinutes>(kind: Self.minutesKind, id: \.seance) { document in
            guard let signature = document.signature else { return Rank.unverified }
            guard let membership, signature.signingMember(of: document.approvalStatement(council: Hex.encode(membership.root.publicKey.bytes)),
                                                          membership: membership) != nil else { return nil }
            return Rank.full
        }
        for bytes in publicBatches {
            guard let envelope = try? BatchEnvelope(verifying: bytes), envelope.scope == .public,
                  let opened = try? OpenedBatch(envelope, hash: envelope.hash, codec: PlainBodyCodec()) else { continue }
            for operation in opened.operations {
                texts.merge(operation)
                consultations.merge(operation)
                minutes.merge(operation)
            }
        }
        self.init(texts: Array(texts.documents.prefix(PublicationLimits.catalogTextsMax)),
                  consultations: Array(consultations.documents.prefix(PublicationLimits.catalogTextsMax)),
                  minutes: Array(minutes.documents.prefix(PublicationLimits.catalogTextsMax)),
                  verifiedMinutes: minutes.fullIDs, refusedMinutes: minutes.ignored)
    }

    /// The change that publishes `text` (commit it in the public scope).
    public static func publishChange(_ text: PublishedText) throws -> Change {
        try change(kind: recordKind, id: text.id, document: text)
    }

    /// The change that announces `consultation` (or its closing) in the public scope.
    public static func announceChange(_ consultation: Consultation) throws -> Change {
        try change(kind: consultationKind, id: consultation.id, document: consultation)
    }

    /// The change that publishes approved and signed `minutes` in the public scope.
    public static func publishMinutesChange(_ minutes: PublishedMinutes) throws -> Change {
        try change(kind: minutesKind, id: minutes.seance, document: minutes)
    }

    /// The text with identifier `id`, if published.
    public func text(_ id: String) -> PublishedText? { texts.first { $0.id == id } }

    /// The minutes of séance `seance`, if published.
    public func minutes(of seance: String) -> PublishedMinutes? { minutes.first { $0.seance == seance } }

    /// The consultation with identifier `id`, if announced.
    public func consultation(_ id: String) -> Consultation? { consultations.first { $0.id == id } }

    private static func change(kind: String, id: String, document: some Encodable) throws -> Change {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(document), as: UTF8.self)
        return .set(try RecordKey(kind: kind, id: id), field: documentField, value: .text(json))
    }

    /// How a document weighs against another write of its record (`Latest`).
    private enum Rank {
        /// A document that needs no check or passed it, and a withdrawal.
        static let full = 1
        /// A document shown without what a check would have established.
        static let unverified = 0
    }

    /// The latest document of each record of one kind (by HLC; a delete withdraws it), weighed
    /// first by its rank: a write replaces the current one when its (rank, HLC) is greater; a
    /// document ranked nil is ignored. Withdrawals (a delete, an unreadable document) rank `full`.
    private struct Latest<Document: Decodable> {
        let kind: String
        let id: KeyPath<Document, String>
        let rank: (Document) -> Int?
        private var latest: [String: (rank: Int, hlc: HLC, document: Document?)] = [:]
        /// The records that had a document ranked nil.
        private(set) var ignored: Set<String> = []

        init(kind: String, id: KeyPath<Document, String>, rank: @escaping (Document) -> Int? = { _ in Rank.full }) {
            self.kind = kind
            self.id = id
            self.rank = rank
        }

        var documents: [Document] { latest.values.compactMap(\.document) }

        /// The ids of the records whose current document ranks `full`.
        var fullIDs: Set<String> { Set(latest.filter { $0.value.rank == Rank.full && $0.value.document != nil }.keys) }

        mutating func merge(_ operation: ChangeOperation) {
            let record = operation.change.record
            guard record.kind == kind else { return }
            let written: (rank: Int, document: Document?)
            switch operation.change {
            case let .set(_, field, .text(json)) where field == PublicCatalog.documentField:
                let document = (try? JSONDecoder().decode(Document.self, from: Data(json.utf8))).flatMap { $0[keyPath: id] == record.id ? $0 : nil }
                guard let document else { written = (Rank.full, nil); break }
                guard let rank = rank(document) else { ignored.insert(record.id); return }
                written = (rank, document)
            case .delete:
                written = (Rank.full, nil)
            default:
                return
            }
            if let current = latest[record.id], (current.rank, current.hlc) >= (written.rank, operation.hlc) { return }
            latest[record.id] = (written.rank, operation.hlc, written.document)
        }
    }
}
