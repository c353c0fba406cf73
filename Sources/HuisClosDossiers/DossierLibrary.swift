import Foundation
import GRDB
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosStore
public import HuisClosWire

/// Dossiers of one scope over the change store: versions recorded with their file key and
/// fingerprint, content sealed, moved through the relay and kept in the replica's cache for
/// offline reading, text indexed for search.
///
/// Records: `dossier/<id>` (title, attached_to) and `dossier-version/<id>.v<n>` (file_name,
/// media_type, file_id, size, fingerprint, key). The file key sits in the version record, so it
/// travels only inside the scope's sealed batches; a new version is a new record every member of
/// the scope sees after sync, and older versions stay listed.
public struct DossierLibrary: Sendable {
    enum Layout {
        static let dossier = DossierRecords.Kind.dossier, version = DossierRecords.Kind.version
    }

    /// The store the dossier records live in.
    public let store: ChangeStore
    /// The dossiers' scope (`council`, `group:<name>` or `hearing:<id>`).
    public let scope: ScopeID

    /// Hands a file kept in the cache to the relay (`SealedFileTransfer.upload`); resumable.
    public typealias Upload = (FileID, DossierCache) async throws -> Void

    /// Dossiers in `scope` of `store`.
    public init(store: ChangeStore, scope: ScopeID = .council) {
        self.store = store
        self.scope = scope
    }

    /// Seals `content` under a new per-version key chunk by chunk into this replica's cache,
    /// keeps the pending upload (file id and key, inside the encrypted replica only), hands the
    /// file to `upload` (the relay transfer), then records it as the next version of dossier `id`
    /// (creating the dossier with `title` and `attachedTo` if new). If `upload` fails (a cut, a
    /// restart), `resumeUploads` finishes it later with the same key and file id, sending only
    /// the chunks the relay lacks. Text content is indexed for search in this replica. `fileID`
    /// names the sealed file on the relay (random unless a test gives one). The plaintext's
    /// hash is recorded with the version (`DossierSource.contentHash`, computed here when not given).
    @discardableResult
    public func addVersion(of id: String, title: String, attachedTo: String, fileName: String, mediaType: String,
                           content: DossierSource, contentHash: [UInt8]? = nil, fileID: FileID? = nil,
                           upload: Upload) async throws -> DossierVersion {
        let contentHash = try contentHash ?? content.contentHash()
        let cache = try self.cache
        var hashes: [[UInt8]] = []
        let (key, size) = try content.reading { read in
            try SealedFile.seal(read: read) { chunk in hashes.append(try cache.keepOwn(chunk: chunk)) }
        }
        let fileID = try fileID ?? FileID.random()
        let fingerprint = SealedFile.fingerprint(chunkHashes: hashes)
        try cache.keep(manifest: hashes, of: fileID.rawValue, scope: scope, fingerprint: fingerprint)
        let pending = PendingUpload(fileID: fileID.rawValue, scope: scope, dossier: id, title: title, attachedTo: attachedTo,
                                    fileName: fileName, mediaType: mediaType, size: size, fingerprint: fingerprint, contentHash: contentHash,
                                    keyBytes: key.withUnsafeBytes { [UInt8]($0) })
        try PendingUpload.keep(pending, in: store.database)
        return try await finish(pending, upload: upload)
    }

    /// Uploads `pending` and records its version (once: a version already recorded for its file
    /// is not recorded again), then forgets it.
    func finish(_ pending: PendingUpload, upload: Upload) async throws -> DossierVersion {
        let fileID = try FileID(pending.fileID)
        try await upload(fileID, cache)
        let existing = try dossier(pending.dossier)
        if let recorded = existing?.versions.first(where: { $0.fileID == pending.fileID }) {
            try PendingUpload.forget(pending.fileID, in: store.database)
            return recorded
        }
        let number = (existing?.versions.map(\.number).max() ?? 0) + 1
        let dossierRecord = try RecordKey(kind: Layout.dossier, id: pending.dossier)
        let versionRecord = try RecordKey(kind: Layout.version, id: "\(pending.dossier).v\(number)")
        try store.commitLocal([
            .set(dossierRecord, field: "title", value: .text(pending.title)),
            .set(dossierRecord, field: "attached_to", value: .text(pending.attachedTo)),
            .set(versionRecord, field: "file_name", value: .text(pending.fileName)),
            .set(versionRecord, field: "media_type", value: .text(pending.mediaType)),
            .set(versionRecord, field: "file_id", value: .text(pending.fileID)),
            .set(versionRecord, field: "size", value: .integer(pending.size)),
            .set(versionRecord, field: "fingerprint", value: .bytes(pending.fingerprint)),
            .set(versionRecord, field: "key", value: .bytes(pending.keyBytes)),
        ] + (pending.contentHash.map { [.set(versionRecord, field: "content_hash", value: .bytes($0))] } ?? []), scope: scope)
        try PendingUpload.forget(pending.fileID, in: store.database)
        let version = DossierVersion(dossier: pending.dossier, number: number, fileName: pending.fileName, mediaType: pending.mediaType,
                                     fileID: pending.fileID, size: pending.size, fingerprint: pending.fingerprint, contentHash: pending.contentHash,
                                     keyBytes: pending.keyBytes)
        try await indexIfText(version)
        try markSeen([version])
        return version
    }

    /// Dossier `id` with every version, or nil if this replica has no such dossier.
    public func dossier(_ id: String) throws -> Dossier? {
        let reader = RecordReader(database: try store.database)
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
                                      size: size, fingerprint: fingerprint, contentHash: v.bytes("content_hash"), keyBytes: key)
            }
            .sorted { $0.number < $1.number }
        return Dossier(id: id, title: fields.text("title") ?? id, attachedTo: fields.text("attached_to") ?? "", versions: versions)
    }

    /// The versions of this scope sealed on this device whose upload waits for the next sync
    /// (`PendingUpload`), oldest first: not versions yet, but listed so nobody adds them twice.
    public func waitingUploads() throws -> [(dossier: String, title: String, fileName: String, size: Int64)] {
        try PendingUpload.all(in: store.database).filter { $0.scope == scope }.map { ($0.dossier, $0.title, $0.fileName, $0.size) }
    }

    /// Every dossier of the scope, by identifier.
    public func list() throws -> [Dossier] {
        try RecordReader(database: store.database).ids(kind: Layout.dossier, scope: scope).compactMap { try dossier($0) }
    }

    /// The sealed content kept in this replica.
    public var cache: DossierCache { get throws { DossierCache(database: try store.database) } }

    /// True when the content of `version` is kept on this device (readable offline).
    public func isHeld(_ version: DossierVersion) throws -> Bool { try cache.isComplete(version.fileID) }

    /// True when `version` is held on this device and its decrypted content hashes to
    /// `contentHash`: what a version's recorded `content_hash` claims, checked, since whoever wrote
    /// the version could write any hash.
    public func holdsContent(_ version: DossierVersion, hashing contentHash: [UInt8]) async throws -> Bool {
        guard version.contentHash == contentHash, try isHeld(version) else { return false }
        var hasher = Hash.Hasher()
        try await cache.open(version.fileID, key: try version.key(), fingerprint: version.fingerprint) { hasher.update($0) }
        return hasher.finalize() == contentHash
    }

    /// Brings the content of `version` into this replica's cache if it is not there yet (only
    /// the missing chunks), then indexes it when it is text. Throws `DossierError(.notFetched)`
    /// when it is not held and `transfer` is nil or the relay cannot be reached.
    public func fetch(_ version: DossierVersion, transfer: SealedFileTransfer?,
                      progress: SealedFileTransfer.Progress = { _, _ in }) async throws {
        guard let transfer else {
            guard try isHeld(version) else {
                throw DossierError(.notFetched, Text(fr: "la version \(version.number) de « \(version.dossier) » n'est pas encore arrivée sur cet appareil : lancez huisclos sync une fois en ligne",
                                     en: "version \(version.number) of '\(version.dossier)' has not reached this device yet: run huisclos sync when online"))
            }
            return
        }
        do {
            try await bring(version, transfer: transfer, progress: progress)
        } catch let error as APIError where error.code == .unreachable {
            throw DossierError(.notFetched, Text(fr: "la version \(version.number) de « \(version.dossier) » n'est pas encore arrivée sur cet appareil et le serveur est injoignable : relisez-la une fois en ligne",
                                     en: "version \(version.number) of '\(version.dossier)' has not reached this device yet and the server cannot be reached: read it again when online"))
        }
    }

    /// Fetches the chunks of `version` the cache lacks, then indexes it when it is text; returns
    /// how many chunks were fetched (0 when already held).
    @discardableResult
    func bring(_ version: DossierVersion, transfer: SealedFileTransfer,
               progress: SealedFileTransfer.Progress = { _, _ in }) async throws -> Int {
        guard try !isHeld(version) else { return 0 }
        let fetched = try await transfer.fetch(try FileID(version.fileID), scope: scope, fingerprint: version.fingerprint,
                                               into: cache, progress: progress)
        try await indexIfText(version)
        return fetched
    }

    /// Streams the plaintext of `version` into `sink` (stdout, or a path the member named) from
    /// the copy kept in this replica, decrypting chunk by chunk in memory; what is missing is
    /// fetched first through `transfer` when given.
    public func read(_ version: DossierVersion, transfer: SealedFileTransfer?, sink: ([UInt8]) throws -> Void) async throws {
        try await fetch(version, transfer: transfer)
        try await cache.open(version.fileID, key: try version.key(), fingerprint: version.fingerprint, sink: sink)
    }

    /// Rebuilds the search index of this scope from its records, after a take-back merged them
    /// again (`ChangeStore.takeBack`): the entries of versions no longer recorded are dropped, and
    /// every held text version is indexed again (a version record may now name another file).
    public func rebuildIndex() async throws {
        let versions = try list().flatMap(\.versions)
        try DossierIndex(database: store.database).retain(versions: versions.map { (scope, $0) }, in: scope)
        for version in versions where try isHeld(version) { try await indexIfText(version) }
    }

    /// Indexes the held content of a text `version` for search (up to
    /// `DossierLimits.indexedTextBytesMax`); other formats are left out.
    func indexIfText(_ version: DossierVersion) async throws {
        guard version.isText else { return }
        var text: [UInt8] = []
        try await cache.open(version.fileID, key: try version.key(), fingerprint: version.fingerprint) { piece in
            if text.count < DossierLimits.indexedTextBytesMax { text += piece.prefix(DossierLimits.indexedTextBytesMax - text.count) }
        }
        try DossierIndex(database: store.database).index(version, scope: scope, title: try dossier(version.dossier)?.title ?? version.dossier,
                                                         text: String(decoding: text, as: UTF8.self))
    }
}

extension FileID {
    /// A new random file identifier (a lowercase UUID).
    public static func random() throws -> FileID { try FileID(UUID().uuidString.lowercased()) }
}
