import Foundation
import HuisClosCrypto

/// The replica's key file (`replica.key`): the random database key, wrapped under a key derived
/// from the passphrase with Argon2id 1.3.
///
/// Version 1 layout, 130 bytes, integers big-endian:
///
/// | offset | bytes | field |
/// | --- | --- | --- |
/// | 0 | 8 | magic `HCREPKEY` |
/// | 8 | 2 | format version, 1 |
/// | 10 | 8 | Argon2id operations limit |
/// | 18 | 8 | Argon2id memory limit, bytes |
/// | 26 | 16 | Argon2id salt |
/// | 42 | 16 | database id (also in clear at the start of page 1) |
/// | 58 | 72 | wrapped key: XChaCha20-Poly1305 nonce ‖ ciphertext ‖ tag |
///
/// The wrap's associated data is bytes 0..<58, so altering the limits, salt or id makes
/// unwrapping fail. Limits read back are capped (`PasswordKey.Limits.validate`) before Argon2id
/// runs, so a doctored file cannot make unlocking take hours or exhaust memory.
///
/// Passphrases are normalised to Unicode NFC before derivation, so "é" typed as one code point
/// or as "e" plus a combining accent (keyboards and systems differ) unlocks the same replica.
struct KeyFile {
    static let magic = Array("HCREPKEY".utf8)
    static let version: UInt16 = 1
    static let headerBytes = 58

    let limits: PasswordKey.Limits
    let salt: [UInt8]
    let databaseID: [UInt8]
    let wrappedKey: [UInt8]

    /// Wraps `key` under `passphrase` with a fresh salt.
    static func wrap(key: SecureBytes, databaseID: [UInt8], passphrase: String,
                     limits: PasswordKey.Limits) throws(ReplicaError) -> KeyFile {
        do throws(CryptoError) {
            let salt = try Sodium.randomBytes(PasswordKey.saltLength)
            let header = encodeHeader(limits: limits, salt: salt, databaseID: databaseID)
            let wrappingKey = try PasswordKey.derive(passphrase: normalized(passphrase), salt: salt, limits: limits)
            let wrapped = try AEAD.seal(key, associatedData: header, key: wrappingKey)
            return KeyFile(limits: limits, salt: salt, databaseID: databaseID, wrappedKey: wrapped)
        } catch {
            throw ReplicaError(crypto: error)
        }
    }

    /// Unwraps the database key; `.wrongPassphrase` if `passphrase` (or the file) is wrong.
    func unwrap(passphrase: String) throws(ReplicaError) -> SecureBytes {
        var key: [UInt8]
        do throws(CryptoError) {
            let wrappingKey = try PasswordKey.derive(passphrase: Self.normalized(passphrase), salt: salt, limits: limits)
            key = try AEAD.open(wrappedKey, associatedData: header, key: wrappingKey)
        } catch {
            throw ReplicaError(crypto: error)
        }
        defer { key.wipe() }
        guard key.count == ReplicaLimits.keyBytes else {
            throw ReplicaError(.keyFileDamaged, "the key file holds a \(key.count)-byte key; restore it from a backup")
        }
        do throws(CryptoError) {
            return try SecureBytes(copying: key)
        } catch {
            throw ReplicaError(crypto: error)
        }
    }

    private static func normalized(_ passphrase: String) -> String {
        passphrase.precomposedStringWithCanonicalMapping
    }

    var header: [UInt8] { Self.encodeHeader(limits: limits, salt: salt, databaseID: databaseID) }

    /// The file's bytes.
    func encoded() -> [UInt8] { header + wrappedKey }

    /// Parses a key file, checking magic, version, length and limits.
    static func decode(_ bytes: [UInt8]) throws(ReplicaError) -> KeyFile {
        guard bytes.count == ReplicaLimits.keyFileBytes, Array(bytes[0..<8]) == magic else {
            throw ReplicaError(.keyFileDamaged, "this is not a HuisClos replica key file (wrong size or magic); restore it from a backup")
        }
        let version = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        guard version == Self.version else {
            throw ReplicaError(.keyFileDamaged, "key file format \(version) is not supported by this build (it reads \(Self.version)); update HuisClos")
        }
        let limits = PasswordKey.Limits(decoding: bytes[10..<10 + PasswordKey.Limits.encodedLength])
        do {
            try limits.validate()
        } catch {
            throw ReplicaError(.keyFileDamaged, "the key file asks for impossible Argon2id limits: \(error.message)")
        }
        return KeyFile(limits: limits, salt: Array(bytes[26..<42]), databaseID: Array(bytes[42..<58]),
                       wrappedKey: Array(bytes[58...]))
    }

    private static func encodeHeader(limits: PasswordKey.Limits, salt: [UInt8], databaseID: [UInt8]) -> [UInt8] {
        precondition(salt.count == PasswordKey.saltLength && databaseID.count == ReplicaLimits.databaseIDBytes)
        var header = magic
        header += [UInt8(version >> 8), UInt8(version & 0xff)]
        header += limits.encoded
        header += salt + databaseID
        assert(header.count == headerBytes)
        return header
    }
}
