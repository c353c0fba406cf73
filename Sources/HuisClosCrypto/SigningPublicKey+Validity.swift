import CSodium

extension SigningPublicKey {
    /// Whether the key is the canonical encoding of a point of the main subgroup, not of small
    /// order (libsodium's `crypto_core_ed25519_is_valid_point`). The all-zero key, the identity and
    /// the other small-order or non-canonical encodings are refused where a key is registered:
    /// with such a key one signature can verify for several messages, and no real key pair has one.
    public var isValidPoint: Bool {
        guard (try? Sodium.ensureReady()) != nil else { return false }
        return crypto_core_ed25519_is_valid_point(bytes) == 1
    }
}
