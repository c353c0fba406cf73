import Foundation
import HuisClosEngine
import HuisClosProtocol

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

    /// A catalog of `texts` (sorted as `texts` documents), `consultations` and `minutes`.
    public init(texts: [PublishedText], consultations: [Consultation] = [], minutes: [PublishedMinutes] = []) {
        self.texts = texts.sorted { ($0.adoptedOn, $0.id) > ($1.adoptedOn, $1.id) }
        self.consultations = consultations.sorted { $0.id < $1.id }
        self.minutes = minutes.sorted { ($0.day, $0.seance) > ($1.day, $1.seance) }
    }

    /// The catalog of the public scope's canonical batch bytes, in log order. Batches that fail
    /// to verify or decode, and documents that are not valid JSON, are skipped: the public site
    /// shows what is well formed and never fails as a whole.
    public init(publicBatches: [[UInt8]]) {
        var texts = Latest<PublishedText>(kind: Self.recordKind, id: \.id)
        var consultations = Latest<Consultation>(kind: Self.consultationKind, id: \.id)
        var minutes = Latest<PublishedMinutes>(kind: Self.minutesKind, id: \.seance)
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
                  minutes: Array(minutes.documents.prefix(PublicationLimits.catalogTextsMax)))
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

    /// The latest document of each record of one kind (by HLC; a delete withdraws it).
    private struct Latest<Document: Decodable> {
        let kind: String
        let id: KeyPath<Document, String>
        private var latest: [String: (hlc: HLC, document: Document?)] = [:]

        init(kind: String, id: KeyPath<Document, String>) {
            self.kind = kind
            self.id = id
        }

        var documents: [Document] { latest.values.compactMap(\.document) }

        mutating func merge(_ operation: ChangeOperation) {
            let record = operation.change.record
            guard record.kind == kind else { return }
            if let current = latest[record.id], current.hlc >= operation.hlc { return }
            switch operation.change {
            case let .set(_, field, .text(json)) where field == PublicCatalog.documentField:
                let document = try? JSONDecoder().decode(Document.self, from: Data(json.utf8))
                latest[record.id] = (operation.hlc, document.flatMap { $0[keyPath: id] == record.id ? $0 : nil })
            case .delete:
                latest[record.id] = (operation.hlc, nil)
            default:
                return
            }
        }
    }
}
