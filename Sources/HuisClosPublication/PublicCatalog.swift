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
    /// The séances of `minutes` whose president's signature this catalog verified against the
    /// membership log, each with the instant it was judged at: when the relay received the publication (Unix ms).
    public let verifiedMinutes: [String: UInt64]
    /// The séances whose published minutes carried a signature that does not verify: left out (the relay logs them).
    public let refusedMinutes: Set<String>

    /// A catalog of `texts` (sorted as `texts` documents), `consultations` and `minutes`, each kept
    /// to the newest `PublicationLimits.catalogTextsMax`, the minutes of the séances in
    /// `verifiedMinutes` shown as signed.
    public init(texts: [PublishedText], consultations: [Consultation] = [], minutes: [PublishedMinutes] = [],
                verifiedMinutes: [String: UInt64] = [:], refusedMinutes: Set<String> = []) {
        let limit = PublicationLimits.catalogTextsMax
        self.texts = Array(texts.sorted { ($0.adoptedOn, $0.id) > ($1.adoptedOn, $1.id) }.prefix(limit))
        self.consultations = Array(consultations.sorted { $0.id < $1.id }.prefix(limit))
        self.minutes = Array(minutes.sorted { ($0.day, $0.seance) > ($1.day, $1.seance) }.prefix(limit))
        let seances = Set(self.minutes.map(\.seance))
        self.verifiedMinutes = verifiedMinutes.filter { seances.contains($0.key) }
        self.refusedMinutes = refusedMinutes
    }

    /// The catalog of the public scope's canonical batch bytes, in log order, each with the
    /// relay's arrival time (Unix ms; 0 when unknown): `Fold` over every batch.
    public init(publicBatches: [(bytes: [UInt8], receivedAtMs: UInt64)], membership: MembershipState?) {
        var fold = Fold(membership: membership)
        for (bytes, receivedAtMs) in publicBatches { fold.add(bytes, receivedAtMs: receivedAtMs) }
        self = fold.catalog
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

    /// The catalog folded batch by batch, in log order, each batch with the relay's arrival time
    /// (Unix ms; 0 when unknown): the relay keeps one per membership log and adds each new public
    /// batch once (`PublicCatalogCache`), however long the scope's log. Batches that fail to verify
    /// or decode, and documents that are not valid JSON, are skipped: the public site shows what is
    /// well formed and never fails as a whole.
    ///
    /// Minutes are checked against `membership` (the council's verified log; nil before a council
    /// is registered): signed by the president's device at the batch's arrival
    /// (`MinutesSignature.signingMember(of:membership:receivedAt:)`), they are shown as verified. A
    /// signature that holds only at the time the publishing device states (the president changed,
    /// or the device was revoked, before the publication reached the relay: a late publication, a
    /// push after a restore — or a former president's key dating a forgery back) is shown as not
    /// verified, as are minutes without a signature (published before it was carried), signed over
    /// the first statement (v1, which left out the séance's day), or in a batch whose arrival time is
    /// unknown; none of these replaces verified ones. A signature that holds at
    /// no time leaves the document out (`refusedMinutes`) and never replaces what was published.
    ///
    /// A write stamped later than its batch's arrival by more than the engines' clock drift is
    /// ignored, whatever its kind: a device (stolen, or with a wrong clock) would otherwise publish
    /// or withdraw with a far-future timestamp that no later write, nor a delete, could ever beat.
    public struct Fold: Sendable {
        private var texts = Latest<PublishedText>(kind: PublicCatalog.recordKind, id: \.id)
        private var consultations = Latest<Consultation>(kind: PublicCatalog.consultationKind, id: \.id)
        private var minutes: Latest<PublishedMinutes>

        /// An empty catalog whose minutes are judged against `membership`.
        public init(membership: MembershipState?) {
            minutes = Latest(kind: PublicCatalog.minutesKind, id: \.seance) { document, receivedAtMs in
                guard let signature = document.signature, receivedAtMs > 0 else { return Rank.unverified }
                guard let membership else { return nil }
                let statement = document.approvalStatement(council: Hex.encode(membership.root.publicKey.bytes))
                if signature.signingMember(of: statement, membership: membership, receivedAt: Instant(unixSeconds: Int64(receivedAtMs / 1_000))) != nil {
                    return Rank.full
                }
                // Holding at its stated time only, or over the first (v1) statement: shown, not verified.
                let holdsOnce = [statement, document.firstApprovalStatement(council: Hex.encode(membership.root.publicKey.bytes))].contains {
                    signature.signingMember(of: $0, membership: membership, at: signature.signedAt) != nil
                }
                return holdsOnce ? Rank.unverified : nil
            }
        }

        /// Adds the next batch of the public scope's log.
        public mutating func add(_ bytes: [UInt8], receivedAtMs: UInt64) {
            guard let envelope = try? BatchEnvelope(verifying: bytes), envelope.scope == .public,
                  let opened = try? OpenedBatch(envelope, hash: envelope.hash, codec: PlainBodyCodec()) else { return }
            for operation in opened.operations {
                texts.merge(operation, receivedAtMs: receivedAtMs)
                consultations.merge(operation, receivedAtMs: receivedAtMs)
                minutes.merge(operation, receivedAtMs: receivedAtMs)
            }
        }

        /// The catalog of the batches added so far.
        public var catalog: PublicCatalog {
            PublicCatalog(texts: texts.documents, consultations: consultations.documents, minutes: minutes.documents,
                          verifiedMinutes: minutes.fullArrivals, refusedMinutes: minutes.ignored)
        }
    }

    /// How a document weighs against another write of its record (`Latest`).
    private enum Rank {
        /// A document that needs no check or passed it, and a withdrawal.
        static let full = 1
        /// A document shown without what a check would have established.
        static let unverified = 0
    }

    /// The latest document of each record of one kind (by HLC; a delete withdraws it), weighed
    /// first by its rank (given the document and its batch's arrival time): a write replaces the
    /// current one when its (rank, HLC) is greater; a document ranked nil is ignored. Withdrawals
    /// (a delete, an unreadable document) rank `full`.
    private struct Latest<Document: Decodable & Sendable>: Sendable {
        let kind: String
        let id: any KeyPath<Document, String> & Sendable
        let rank: @Sendable (Document, UInt64) -> Int?
        private var latest: [String: (rank: Int, hlc: HLC, receivedAtMs: UInt64, document: Document?)] = [:]
        /// The records that had a document ranked nil.
        private(set) var ignored: Set<String> = []

        init(kind: String, id: any KeyPath<Document, String> & Sendable, rank: @escaping @Sendable (Document, UInt64) -> Int? = { _, _ in Rank.full }) {
            self.kind = kind
            self.id = id
            self.rank = rank
        }

        var documents: [Document] { latest.values.compactMap(\.document) }

        /// The records whose current document ranks `full`, with its batch's arrival time.
        var fullArrivals: [String: UInt64] {
            latest.filter { $0.value.rank == Rank.full && $0.value.document != nil }.mapValues(\.receivedAtMs)
        }

        mutating func merge(_ operation: ChangeOperation, receivedAtMs: UInt64) {
            let record = operation.change.record
            guard record.kind == kind else { return }
            guard receivedAtMs == 0 || operation.hlc.physicalMs <= receivedAtMs + EngineLimits.clockDriftMsDefault else { return }
            let written: (rank: Int, document: Document?)
            switch operation.change {
            case let .set(_, field, .text(json)) where field == PublicCatalog.documentField:
                let document = (try? JSONDecoder().decode(Document.self, from: Data(json.utf8))).flatMap { $0[keyPath: id] == record.id ? $0 : nil }
                guard let document else { written = (Rank.full, nil); break }
                guard let rank = rank(document, receivedAtMs) else { ignored.insert(record.id); return }
                written = (rank, document)
            case .delete:
                written = (Rank.full, nil)
            default:
                return
            }
            if let current = latest[record.id], (current.rank, current.hlc) >= (written.rank, operation.hlc) { return }
            latest[record.id] = (written.rank, operation.hlc, receivedAtMs, written.document)
        }
    }
}
