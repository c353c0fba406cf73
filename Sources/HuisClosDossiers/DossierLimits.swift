import HuisClosCrypto
import HuisClosProtocol

/// Bounds of the dossier layer, with their reasons.
public enum DossierLimits {
    /// A dossier file, in bytes: 256 MiB. Every readable version is kept in each member's replica
    /// (sealing and transfers stream one chunk at a time, so memory is not the bound: the
    /// devices' disks are); council documents (PDF, office files) are far smaller.
    public static let fileBytesMax = 256 * 1_048_576
    /// A "large" version, in bytes: 32 MiB. `huisclos sync --sans-gros-fichiers` leaves larger
    /// versions on the relay until first read (a scanned annex on a metered connection); by
    /// default everything is fetched.
    public static let largeVersionBytes = 32 * 1_048_576
    /// Plaintext bytes per sealed chunk: derived so each sealed chunk, the first with the stream
    /// header in front, is at most `WireLimits.chunkBytesMax` on the wire (1 MiB − 24 − 17).
    public static let plainChunkBytes = WireLimits.chunkBytesMax - SecretStream.headerLength - SecretStream.overhead
    /// Paragraphs in one avis draft: a long avis has a few dozen.
    public static let paragraphsMax = 1_000
    /// Text stored for full-text search per dossier version, in bytes (larger text files are
    /// indexed up to this size).
    public static let indexedTextBytesMax = 8 * 1_048_576
}
