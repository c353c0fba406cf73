public import HuisClosCrypto
import HuisClosWire

/// One version of a dossier file, as recorded (in a sealed batch of the dossier's scope).
public struct DossierVersion: Sendable, Equatable {
    /// The dossier.
    public let dossier: String
    /// Version number, from 1.
    public let number: Int
    /// The file's original name (e.g. `etude.pdf`).
    public let fileName: String
    /// Media type (e.g. `application/pdf`, `text/plain`).
    public let mediaType: String
    /// The relay's file identifier.
    public let fileID: String
    /// Plaintext size in bytes.
    public let size: Int64
    /// BLAKE2b-256 over the chunk hashes (`SealedFile.fingerprint`).
    public let fingerprint: [UInt8]
    /// BLAKE2b-256 of the plaintext (the sealed chunks differ for the same file under each new
    /// key); nil for a version recorded before it was kept.
    public let contentHash: [UInt8]?
    /// The per-file key's bytes (only ever inside the sealed record and guarded memory).
    let keyBytes: [UInt8]

    /// Whether the content is text that `huisclos dossiers lire` prints and search indexes.
    public var isText: Bool {
        mediaType.hasPrefix("text/") || mediaType == "application/json" || mediaType == "application/xml"
    }

    /// The file key in guarded memory.
    public func key() throws -> SecureBytes { try SecureBytes(copying: keyBytes) }

    public static func == (a: DossierVersion, b: DossierVersion) -> Bool {
        a.dossier == b.dossier && a.number == b.number && a.fileID == b.fileID && a.fingerprint == b.fingerprint
    }
}

/// A dossier: a title, what it is attached to, and its versions (all kept and listed).
public struct Dossier: Sendable, Equatable {
    /// Identifier.
    public let id: String
    /// Title.
    public let title: String
    /// What it is attached to: `agenda:<séance>/<item>` or `group:<name>`.
    public let attachedTo: String
    /// Every version, oldest first.
    public let versions: [DossierVersion]
    /// The current version.
    public var latest: DossierVersion? { versions.last }
}
