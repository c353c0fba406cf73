import CSodium
import HuisClosL10n

/// Argon2id (version 1.3, pinned) key derivation from a passphrase.
///
/// Limits are stored beside whatever the key protects; `validate` caps limits read back from disk
/// so a tampered file cannot make unlocking take hours or exhaust memory.
public enum PasswordKey {
    public static let saltLength = 16

    /// Argon2id cost parameters.
    public struct Limits: Equatable, Sendable {
        public var opsLimit: UInt64
        public var memLimitBytes: UInt64

        public init(opsLimit: UInt64, memLimitBytes: UInt64) {
            self.opsLimit = opsLimit
            self.memLimitBytes = memLimitBytes
        }

        /// libsodium's "moderate" limits (~0.4 s, 256 MiB): the default for a replica.
        public static let moderate = Limits(opsLimit: UInt64(crypto_pwhash_opslimit_moderate()),
                                            memLimitBytes: UInt64(crypto_pwhash_memlimit_moderate()))
        /// libsodium's "interactive" limits (~0.06 s, 64 MiB): for tests and scripted demos.
        public static let interactive = Limits(opsLimit: UInt64(crypto_pwhash_opslimit_interactive()),
                                               memLimitBytes: UInt64(crypto_pwhash_memlimit_interactive()))
        /// The most a stored header may ask for: libsodium's "sensitive" limits (~3 s, 1 GiB).
        public static let maximum = Limits(opsLimit: UInt64(crypto_pwhash_opslimit_sensitive()),
                                           memLimitBytes: UInt64(crypto_pwhash_memlimit_sensitive()))

        /// Bytes of `encoded`.
        public static let encodedLength = 16

        /// The limits as a passphrase-wrapped file's header stores them (the replica's key file, the
        /// root backup): `opsLimit` then `memLimitBytes`, 8 bytes each, big-endian.
        public var encoded: [UInt8] {
            [opsLimit, memLimitBytes].flatMap { value in (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) } }
        }

        /// Reads `encoded` back (exactly `encodedLength` bytes; check them with `validate`).
        public init(decoding bytes: ArraySlice<UInt8>) {
            precondition(bytes.count == Self.encodedLength, "Argon2id limits are \(Self.encodedLength) bytes")
            let start = bytes.startIndex
            func read(_ offset: Int) -> UInt64 { bytes[start + offset..<start + offset + 8].reduce(0) { $0 << 8 | UInt64($1) } }
            self.init(opsLimit: read(0), memLimitBytes: read(8))
        }

        /// Throws unless the limits lie between Argon2id's minimum and `maximum`.
        public func validate() throws(CryptoError) {
            guard opsLimit >= UInt64(crypto_pwhash_opslimit_min()), opsLimit <= Limits.maximum.opsLimit,
                  memLimitBytes >= UInt64(crypto_pwhash_memlimit_min()), memLimitBytes <= Limits.maximum.memLimitBytes
            else {
                throw CryptoError(.keyDerivationFailed,
                                  Text(fr: "limites Argon2id hors bornes (opérations \(opsLimit), mémoire \(memLimitBytes) octets) : le fichier de clé est endommagé",
                                      en: "Argon2id limits out of range (ops \(opsLimit), memory \(memLimitBytes) bytes): the key file is damaged"))
            }
        }
    }

    /// Derives a 32-byte key from `passphrase` and `salt` with Argon2id 1.3.
    public static func derive(passphrase: String, salt: [UInt8], limits: Limits) throws(CryptoError) -> SecureBytes {
        try Sodium.ensureReady()
        guard salt.count == saltLength else { throw CryptoError(.invalidLength, Text(fr: "un sel Argon2id fait \(saltLength) octets",
            en: "an Argon2id salt is \(saltLength) bytes")) }
        try limits.validate()
        return try SecureBytes(count: 32) { (out: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            let rc = passphrase.withCString { pw in
                crypto_pwhash(out.baseAddress!.assumingMemoryBound(to: UInt8.self), 32, pw, UInt64(passphrase.utf8.count), salt,
                              limits.opsLimit, Int(limits.memLimitBytes), crypto_pwhash_ALG_ARGON2ID13)
            }
            guard rc == 0 else {
                throw CryptoError(.keyDerivationFailed, Text(fr: "Argon2id a besoin de \(limits.memLimitBytes / 1_048_576) Mio de mémoire et n'a pas pu les obtenir",
                    en: "Argon2id needs \(limits.memLimitBytes / 1_048_576) MiB of memory and could not get it"))
            }
        }
    }
}
