import Foundation
import HuisClosCrypto
import HuisClosL10n

/// The council's trust root (its Ed25519 seed) sealed under a passphrase of its own, for an
/// offline copy (issue 11, finding 9): `huisclos admin racine exporter` writes it,
/// `huisclos admin racine restaurer` brings the root back on a new secretariat device.
///
/// Version 1 layout, 146 bytes, integers big-endian:
///
/// | offset | bytes | field |
/// | --- | --- | --- |
/// | 0 | 8 | magic `HCROOTBK` |
/// | 8 | 2 | format version, 1 |
/// | 10 | 8 | Argon2id operations limit |
/// | 18 | 8 | Argon2id memory limit, bytes |
/// | 26 | 16 | Argon2id salt |
/// | 42 | 32 | the root's public key (in clear: which council this is the root of) |
/// | 74 | 72 | the seed: XChaCha20-Poly1305 nonce ‖ ciphertext ‖ tag |
///
/// The seal's associated data is bytes 0..<74, so altering the limits, salt or public key fails
/// like a wrong passphrase; the opened seed must also give back that public key. Limits read
/// back are capped (`PasswordKey.Limits.validate`) before Argon2id runs. Passphrases are
/// normalised to Unicode NFC, as for the replica's key file.
public struct RootBackup: Sendable {
    static let magic = Array("HCROOTBK".utf8)
    static let version: UInt16 = 1
    static let headerBytes = 74
    /// Bytes of a version-1 backup; any other size is not one.
    public static let encodedBytes = headerBytes + SigningKeyPair.seedLength + AEAD.overhead

    /// The root's public key this backup holds the seed of.
    public let rootKey: SigningPublicKey
    let limits: PasswordKey.Limits
    let salt: [UInt8]
    let sealedSeed: [UInt8]

    /// Seals `root`'s seed under `passphrase` with a fresh salt.
    public static func seal(_ root: SigningKeyPair, passphrase: String, limits: PasswordKey.Limits) throws -> RootBackup {
        let salt = try Sodium.randomBytes(PasswordKey.saltLength)
        let header = encodeHeader(limits: limits, salt: salt, rootKey: root.publicKey)
        let key = try PasswordKey.derive(passphrase: passphrase.precomposedStringWithCanonicalMapping, salt: salt, limits: limits)
        let sealed = try AEAD.seal(try root.seed(), associatedData: header, key: key)
        return RootBackup(rootKey: root.publicKey, limits: limits, salt: salt, sealedSeed: sealed)
    }

    /// Parses a backup, checking magic, version, length and limits.
    public init(decoding bytes: [UInt8]) throws {
        guard bytes.count == Self.encodedBytes, Array(bytes[0..<8]) == Self.magic else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "ce fichier n'est pas une sauvegarde de racine HuisClos (taille ou en-tête)",
                                                  en: "this file is not a HuisClos root backup (wrong size or magic)"))
        }
        guard UInt16(bytes[8]) << 8 | UInt16(bytes[9]) == Self.version else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "le format de cette sauvegarde de racine n'est pas lu par cette version : mettez HuisClos à jour",
                                                  en: "this root backup's format is not supported by this build: update HuisClos"))
        }
        let limits = PasswordKey.Limits(decoding: bytes[10..<10 + PasswordKey.Limits.encodedLength])
        do { try limits.validate() } catch {
            throw DeviceError(.rootBackupInvalid, Text(fr: "la sauvegarde de racine demande des limites Argon2id impossibles : elle est altérée",
                                                  en: "the root backup asks for impossible Argon2id limits: \(error.message)"))
        }
        self.limits = limits
        salt = Array(bytes[26..<42])
        rootKey = try SigningPublicKey(bytes: Array(bytes[42..<74]))
        sealedSeed = Array(bytes[74...])
    }

    private init(rootKey: SigningPublicKey, limits: PasswordKey.Limits, salt: [UInt8], sealedSeed: [UInt8]) {
        self.rootKey = rootKey
        self.limits = limits
        self.salt = salt
        self.sealedSeed = sealedSeed
    }

    /// The backup's bytes.
    public var encoded: [UInt8] { Self.encodeHeader(limits: limits, salt: salt, rootKey: rootKey) + sealedSeed }

    /// Opens the root with `passphrase`: `.rootBackupInvalid` for a wrong passphrase or an
    /// altered file, or a seed that does not give back the recorded public key.
    public func open(passphrase: String) throws -> SigningKeyPair {
        let header = Self.encodeHeader(limits: limits, salt: salt, rootKey: rootKey)
        let key = try PasswordKey.derive(passphrase: passphrase.precomposedStringWithCanonicalMapping, salt: salt, limits: limits)
        var seed: [UInt8]
        do { seed = try AEAD.open(sealedSeed, associatedData: header, key: key) } catch {
            throw DeviceError(.rootBackupInvalid, Text(fr: "la phrase de passe n'ouvre pas cette sauvegarde de racine (ou le fichier a été modifié)",
                                                  en: "the passphrase does not open this root backup (or the file was altered)"))
        }
        defer { seed.wipe() }
        let root = try SigningKeyPair.fromSeed(try SecureBytes(copying: seed))
        guard root.publicKey == rootKey else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "la graine de la sauvegarde de racine ne correspond pas à la clé publique qu'elle enregistre : fichier altéré",
                                                  en: "the root backup's seed does not match the public key it records"))
        }
        return root
    }

    private static func encodeHeader(limits: PasswordKey.Limits, salt: [UInt8], rootKey: SigningPublicKey) -> [UInt8] {
        var header = magic + [UInt8(version >> 8), UInt8(version & 0xff)]
        header += limits.encoded + salt + rootKey.bytes
        assert(header.count == headerBytes)
        return header
    }
}
