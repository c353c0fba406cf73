import CHuisClosVFS

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
    /// SQLite's page cache per replica, in KiB (64 MiB): every page-cache miss costs one
    /// decryption, so the cache is sized to hold a council replica's working set.
    public static let pageCacheKiB = 65_536
    /// Bytes of a version-1 key file (see `KeyFile`); any other size is not a key file we wrote.
    public static let keyFileBytes = 130
}
