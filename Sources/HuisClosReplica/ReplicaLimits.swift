import CHuisClosVFS
import HuisClosCrypto

/// Every size and bound of the encrypted replica, with its unit and the reason for it.
///
/// The page layout comes from the VFS (`hc_limits.h`) so C and Swift cannot disagree.
public enum ReplicaLimits {
    /// Bytes per database page. Fixed by the VFS so the nonce and tag offsets never depend on
    /// bytes read from the (untrusted) file.
    public static let pageBytes = Int(HC_PAGE_BYTES)
    /// Bytes SQLite leaves unused at the end of every page: a 24-byte nonce and a 16-byte tag.
    public static let reserveBytes = Int(HC_RESERVE_BYTES)
    /// Bytes of the random database key (an XChaCha20-Poly1305 key).
    public static let keyBytes = Int(HC_KEY_BYTES)
    /// Bytes of the random database id bound into every page's associated data.
    public static let databaseIDBytes = Int(HC_DB_ID_BYTES)
    /// Pages after which SQLite checkpoints the WAL; the VFS's frame cache covers that many.
    public static let walAutocheckpointPages = Int(HC_WAL_AUTOCHECKPOINT_PAGES)
    /// SQLite's page cache per replica, in KiB (256 MiB). Every page-cache miss costs one
    /// decryption (~3 µs per 4 KiB page), so the cache is sized to hold a whole council replica:
    /// each page is then decrypted at most once per session. SQLite allocates the cache lazily,
    /// so this is a ceiling, not a reservation: a 20 MiB replica uses about 20 MiB.
    public static let pageCacheKiB = 262_144
    /// Characters (as a person counts them: grapheme clusters) a newly chosen passphrase needs at
    /// least. Argon2id slows each guess but cannot save a short one: 12 characters is the floor
    /// ANSSI recommends for a secret guarded by a slow derivation, and a few words reach it easily.
    public static let passphraseCharactersMin = 12
    /// Bytes of a version-1 key file (see `KeyFile`); any other size is not a key file we wrote.
    public static let keyFileBytes = PassphraseSealedFile.Format.replicaKey.encodedBytes
}
