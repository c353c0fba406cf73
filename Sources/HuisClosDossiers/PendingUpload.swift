import Foundation
import GRDB
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosStore
public import HuisClosWire

/// A dossier version sealed on this device whose upload has not finished (a cut connection, a
/// restarted process): kept in the encrypted replica with its file id and per-version key, its
/// sealed chunks in `DossierCache`, so the next `huisclos sync` or `dossiers ajouter` resumes it
/// with the same key and file id and sends only the chunks the relay says it lacks (the relay's
/// answer to the declaration is the record of which chunks it holds: it cannot go stale).
struct PendingUpload: Sendable, Equatable {
    let fileID: String
    let scope: ScopeID
    let dossier: String
    let title: String
    let attachedTo: String
    let fileName: String
    let mediaType: String
    let size: Int64
    let fingerprint: [UInt8]
    /// BLAKE2b-256 of the plaintext; nil for an upload kept before it was recorded.
    let contentHash: [UInt8]?
    /// The per-version key: only ever in the encrypted replica and, once recorded, in the scope's sealed batches.
    let keyBytes: [UInt8]

    static func keep(_ upload: PendingUpload, in database: any DatabaseWriter) throws {
        try database.write { db in try upload.insert(db, onConflict: .replace) }
    }

    static func forget(_ fileID: String, in database: any DatabaseWriter) throws {
        _ = try database.write { db in try PendingUpload.deleteOne(db, key: fileID) }
    }

    /// Every pending upload, oldest first; rows that no longer parse are skipped.
    static func all(in database: any DatabaseWriter) throws -> [PendingUpload] {
        try database.read { db in
            try Row.fetchAll(db, PendingUpload.order(Column.rowID)).compactMap { try? PendingUpload(row: $0) }
        }
    }
}

/// A row of `dossier_pending_uploads` (the table comes from `DossierSchema`).
extension PendingUpload: FetchableRecord, PersistableRecord {
    static let databaseTableName = "dossier_pending_uploads"

    init(row: Row) throws {
        self.init(fileID: row["file_id"], scope: try ScopeID(row["scope"] as String), dossier: row["dossier"], title: row["title"],
                  attachedTo: row["attached_to"], fileName: row["file_name"], mediaType: row["media_type"], size: row["size"],
                  fingerprint: [UInt8](row["fingerprint"] as Data), contentHash: (row["content_hash"] as Data?).map { [UInt8]($0) },
                  keyBytes: [UInt8](row["key"] as Data))
    }

    func encode(to container: inout PersistenceContainer) {
        container["file_id"] = fileID
        container["scope"] = scope.rawValue
        container["dossier"] = dossier
        container["title"] = title
        container["attached_to"] = attachedTo
        container["file_name"] = fileName
        container["media_type"] = mediaType
        container["size"] = size
        container["fingerprint"] = Data(fingerprint)
        container["content_hash"] = contentHash.map { Data($0) }
        container["key"] = Data(keyBytes)
    }
}

/// What resuming the pending uploads did.
public struct ResumedUploads: Sendable, Equatable {
    /// Versions recorded now.
    public var recorded: [DossierVersion] = []
    /// Uploads the relay refused for good (no access, conflicting file), with why: forgotten, so
    /// the member adds the file again; nothing else is lost (the original is on their disk).
    public var refused: [Text] = []
}

extension DossierLibrary {
    /// Finishes every upload of this device left pending by a cut or a restart, in every scope
    /// still `writable` (an upload to a scope the device may no longer write is forgotten and its
    /// cached content dropped at the next prefetch); an upload the relay refuses for good (no
    /// access, conflicting or malformed file) is forgotten and reported. Any other failure
    /// (unreachable, server error, session) is thrown and the uploads stay pending.
    public static func resumeUploads(store: ChangeStore, writable: Set<ScopeID>,
                                     upload: (ScopeID, FileID, DossierCache) async throws -> Void) async throws -> ResumedUploads {
        var result = ResumedUploads()
        for pending in try PendingUpload.all(in: store.database) {
            guard writable.contains(pending.scope) else {
                try PendingUpload.forget(pending.fileID, in: store.database)
                result.refused.append(Text(fr: "\(pending.fileName) (\(pending.dossier)) : cet appareil ne peut plus écrire dans cette portée (\(pending.scope.text.french)) ; l'envoi est abandonné",
                                           en: "\(pending.fileName) (\(pending.dossier)): this device may no longer write in this scope (\(pending.scope.text.english)); the upload is abandoned"))
                continue
            }
            let library = DossierLibrary(store: store, scope: pending.scope)
            do {
                result.recorded.append(try await library.finish(pending) { id, cache in try await upload(pending.scope, id, cache) })
            } catch let error as APIError where [.forbidden, .fileConflict, .tooLarge, .malformed, .chunkNotInFile, .chunkHashMismatch].contains(error.code) {
                try PendingUpload.forget(pending.fileID, in: store.database)
                result.refused.append(Text(
                    fr: "\(pending.fileName) (\(pending.dossier)) : le serveur l'a refusé (\(error.code.rawValue) : \(error.text.french)) ; ajoutez-le de nouveau",
                    en: "\(pending.fileName) (\(pending.dossier)): the server refused it (\(error.code.rawValue): \(error.message)); add it again"))
            }
        }
        return result
    }

    /// The file ids of uploads still pending (kept by the cache until they finish).
    static func pendingFiles(in database: any DatabaseWriter) throws -> Set<String> {
        Set(try PendingUpload.all(in: database).map(\.fileID))
    }
}
