import Foundation
import HuisClosEngine
import HuisClosProtocol

/// The published texts, read from the public scope's batches (plain bodies, signed by their
/// authors): the only input of the public site and the open data.
///
/// A publication is the record `publication/<id>` whose field `document` holds the
/// `PublishedText` as JSON; the latest write (by HLC) wins and a delete withdraws it. Anything
/// else in the public scope is ignored, and a batch from another scope is never read, so no
/// draft, dossier or note can reach the public output.
public struct PublicCatalog: Sendable, Equatable {
    /// The record kind of a publication.
    public static let recordKind = "publication"
    /// The field holding the published text as JSON.
    public static let documentField = "document"

    /// Published texts, most recent séance first, then by identifier.
    public let texts: [PublishedText]

    /// A catalog of `texts` (sorted as `texts` documents).
    public init(texts: [PublishedText]) {
        self.texts = texts.sorted { ($0.adoptedOn, $0.id) > ($1.adoptedOn, $1.id) }
    }

    /// The catalog of the public scope's canonical batch bytes, in log order. Batches that fail
    /// to verify or decode, and documents that are not valid JSON texts, are skipped: the public
    /// site shows what is well formed and never fails as a whole.
    public init(publicBatches: [[UInt8]]) {
        var latest: [String: (hlc: HLC, document: PublishedText?)] = [:]
        for bytes in publicBatches {
            guard let envelope = try? BatchEnvelope(verifying: bytes), envelope.scope == .public,
                  let opened = try? OpenedBatch(envelope, hash: envelope.hash, codec: PlainBodyCodec()) else { continue }
            for operation in opened.operations {
                Self.merge(operation, into: &latest)
            }
        }
        self.init(texts: Array(latest.values.compactMap { $0.document }.prefix(PublicationLimits.catalogTextsMax)))
    }

    /// The change that publishes `text` (commit it in the public scope).
    public static func publishChange(_ text: PublishedText) throws -> Change {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(text), as: UTF8.self)
        return .set(try RecordKey(kind: recordKind, id: text.id), field: documentField, value: .text(json))
    }

    /// The text with identifier `id`, if published.
    public func text(_ id: String) -> PublishedText? { texts.first { $0.id == id } }

    private static func merge(_ operation: ChangeOperation, into latest: inout [String: (hlc: HLC, document: PublishedText?)]) {
        let record = operation.change.record
        guard record.kind == recordKind else { return }
        if let current = latest[record.id], current.hlc >= operation.hlc { return }
        switch operation.change {
        case let .set(_, field, .text(json)) where field == documentField:
            let document = try? JSONDecoder().decode(PublishedText.self, from: Data(json.utf8))
            latest[record.id] = (operation.hlc, document.flatMap { $0.id == record.id ? $0 : nil })
        case .delete:
            latest[record.id] = (operation.hlc, nil)
        default:
            return
        }
    }
}
