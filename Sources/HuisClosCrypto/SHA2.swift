import CSodium

/// SHA-256 and SHA-512 (libsodium's `crypto_hash_sha256`/`crypto_hash_sha512`): the digests RFC 3161
/// time-stamps and CMS signatures name, for interoperating with time-stamping authorities.
public enum SHA2 {
    /// SHA-256 of `data`, 32 bytes.
    public static func sha256(_ data: some ByteView) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha256_BYTES))
        data.withUnsafeBytes { d in
            _ = crypto_hash_sha256(&out, d.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(d.count))
        }
        return out
    }

    /// SHA-512 of `data`, 64 bytes.
    public static func sha512(_ data: some ByteView) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(crypto_hash_sha512_BYTES))
        data.withUnsafeBytes { d in
            _ = crypto_hash_sha512(&out, d.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(d.count))
        }
        return out
    }
}
