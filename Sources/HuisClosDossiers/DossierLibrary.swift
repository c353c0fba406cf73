import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosWire

/// Dossiers of one scope over the change store: versions recorded with their file key and
/// fingerprint, content sealed and moved through the relay, text indexed for search.
///
/// Records: `dossier/<id>` (title, attached_to) and `dossier-version/<id>.v<n>` (file_name,
/// media_type, file_id, size, fingerprint, key). The file key sits in the version record, so it
/// travels only inside the scope's sealed batches; a new version is a new record every member of
/// the scope sees after sync, and older versions stay listed.
public struct DossierLibrary: Sendable {
    enum Layout {
        static let dossier = "dossier", version = "dossier-version"
    }

    /// The store the dossier records live in.
    public let store: ChangeStore
    /// The dossiers' scope (`council`, `group:<name>` or `hearing:<id>`).
    public let scope: ScopeID

    /// Dossiers in `scope` of `store`.
    public init(store: ChangeStore, scope: ScopeID = .council) {
        self.store = store
        self.scope = scope
    }

    /// Seals `content`, hands it to `upload` (the relay transfer), then records it as the next
    /// version of dossier `id` (creating the dossier with `title` and `attachedTo` if new).
    /// Text content is indexed for search in this replica.
    @discardableResult
    public func addVersion(of id: String, title: String, attachedTo: String, fileName: String, mediaType: String,
                           content: [UInt8], upload: (SealedFile, FileID) async throws -> Void) async throws -> DossierVersion {
        let number = (try dossier(id)?.versions.count ?? 0) + 1
        let sealed = try SealedFile.seal(content)
        let fileID = try FileID(UUID().uuidString.lowercased())
        try await upload(sealed, fileID)
        let fingerprint = SealedFile.fingerprint(chunkHashes: sealed.chunkHashes)
        let keyBytes = sealed.key.withUnsafeBytes { [UInt8]($0) }
        let dossierRecord = try RecordKey(kind: Layout.dossier, id: id)
        let versionRecord = try RecordKey(kind: Layout.version, id: "\(id).v\(number)")
        try store.commitLocal([
            .set(dossierRecord, field: "title", value: .text(title)),
            .set(dossierRecord, field: "attached_to", value: .text(attachedTo)),
            .set(versionRecord, field: "file_name", value: .text(fileName)),
            .set(versionRecord, field: "media_type", value: .text(mediaType)),
            .set(versionRecord, field: "file_id", value: .text(fileID.rawValue)),
            .set(versionRecord, field: "size", value: .integer(Int64(content.count))),
            .set(versionRecord, field: "fingerprint", value: .bytes(fingerprint)),
            .set(versionRecord, field: "key", value: .bytes(keyBytes)),
        ], scope: scope)
        let version = DossierVersion(dossier: id, number: number, fileName: fileName, mediaType: mediaType,
                                     fileID: fileID.rawValue, size: Int64(content.count), fingerprint: fingerprint, keyBytes: keyBytes)
        if version.isText { try DossierIndex(database: store.database).index(version, title: title, text: String(decoding: content, as: UTF8.self)) }
        try markSeen([version])
        return version
    }

    /// Dossier `id` with every version, or nil if this replica has no such dossier.
    public func dossier(_ id: String) throws -> Dossier? {
        let reader = RecordReader(database: store.database)
        guard let fields = try reader.fields(kind: Layout.dossier, id: id, scope: scope) else { return nil }
        let prefix = "\(id).v"
        let versions = try reader.ids(kind: Layout.version, scope: scope).filter { $0.hasPrefix(prefix) }
            .compactMap { recordID -> DossierVersion? in
                guard let number = Int(recordID.dropFirst(prefix.count)),
                      let v = try reader.fields(kind: Layout.version, id: recordID, scope: scope),
                      let fileName = v.text("file_name"), let mediaType = v.text("media_type"), let fileID = v.text("file_id"),
                      let size = v.integer("size"), let fingerprint = v.bytes("fingerprint"), let key = v.bytes("key"),
                      key.count == SecretStream.keyLength else { return nil }
                return DossierVersion(dossier: id, number: number, fileName: fileName, mediaType: mediaType, fileID: fileID,
                                      size: size, fingerprint: fingerprint, keyBytes: key)
            }
            .sorted { $0.number < $1.number }
        return Dossier(id: id, title: fields.text("title") ?? id, attachedTo: fields.text("attached_to") ?? "", versions: versions)
    }

    /// Every dossier of the scope, by identifier.
    public func list() throws -> [Dossier] {
        try RecordReader(database: store.database).ids(kind: Layout.dossier, scope: scope).compactMap { try dossier($0) }
    }

    /// Streams the plaintext of `version` into `sink` (stdout, or a path the member named),
    /// decrypting chunk by chunk in memory; text versions are indexed for search on the way.
    public func read(_ version: DossierVersion, transfer: SealedFileTransfer, sink: ([UInt8]) throws -> Void) async throws {
        var text: [UInt8] = []
        try await transfer.download(try FileID(version.fileID), key: try version.key(), fingerprint: version.fingerprint) { piece in
            if version.isText, text.count + piece.count <= DossierLimits.indexedTextBytesMax { text += piece }
            try sink(piece)
        }
        if version.isText {
            try DossierIndex(database: store.database).index(version, title: try dossier(version.dossier)?.title ?? version.dossier,
                                                             text: String(decoding: text, as: UTF8.self))
        }
    }
}
