import Foundation
public import HuisClosL10n

/// The layout of a file that keeps one secret sealed under a passphrase: the replica's key file
/// (`KeyFile`) and the trust root's offline backup (`RootBackup`). One decoder for both, so both
/// refuse a damaged file the same way (and one fuzz target covers it with each format).
///
/// Version 1, integers big-endian:
///
/// | offset | bytes | field |
/// | --- | --- | --- |
/// | 0 | 8 | magic (the format's) |
/// | 8 | 2 | format version, 1 |
/// | 10 | 8 | Argon2id operations limit |
/// | 18 | 8 | Argon2id memory limit, bytes |
/// | 26 | 16 | Argon2id salt |
/// | 42 | `clearBytes` | the part in clear (the format says what it is) |
/// | … | `secretBytes` + 40 | the secret: XChaCha20-Poly1305 nonce ‖ ciphertext ‖ tag |
///
/// The seal's associated data is everything before it, so altering the limits, salt or clear
/// part fails like a wrong passphrase. Limits read back are capped (`PasswordKey.Limits.validate`)
/// before Argon2id runs, so a doctored file cannot make opening take hours or exhaust memory.
/// Passphrases are normalised to Unicode NFC before derivation ("é" typed as one code point or
/// as "e" plus a combining accent opens the same file).
public struct PassphraseSealedFile: Sendable, Equatable {
    /// What one kind of file holds: its magic and the sizes of its two parts.
    public struct Format: Sendable, Equatable {
        /// The first 8 bytes.
        public let magic: [UInt8]
        /// Bytes of the part in clear.
        public let clearBytes: Int
        /// Bytes of the secret before sealing.
        public let secretBytes: Int

        /// Bytes before the sealed secret (its associated data).
        public var headerBytes: Int { Self.clearOffset + clearBytes }
        /// Bytes of a whole file of this format; any other size is not one.
        public var encodedBytes: Int { headerBytes + secretBytes + AEAD.overhead }

        static let clearOffset = 42

        /// The replica's key file (`replica.key`): the database id in clear, the 32-byte database key sealed.
        public static let replicaKey = Format(magic: Array("HCREPKEY".utf8), clearBytes: 16, secretBytes: 32)
        /// The trust root's backup: the root's public key in clear, its 32-byte Ed25519 seed sealed.
        public static let rootBackup = Format(magic: Array("HCROOTBK".utf8), clearBytes: 32, secretBytes: 32)
    }

    /// Why bytes are not a file of the expected format; its callers name the file (key file, root
    /// backup) around its text.
    public enum Refusal: HuisClosError, Equatable {
        /// Wrong size or magic: another kind of file, or a truncated one.
        case notThisFormat
        /// A format version this build does not read.
        case unsupportedVersion(UInt16)
        /// Argon2id limits out of range (the reason as `validate` words it).
        case impossibleLimits(Text)

        /// Stable codes.
        public enum Code: String, ErrorCode {
            case notThisFormat, unsupportedVersion, impossibleLimits

            public static let domain = "sealedFile"

            public var text: Text {
                switch self {
                case .notThisFormat:
                    Text(fr: "ce n'est pas un fichier de ce type (taille ou signature de format) : un autre fichier, ou un fichier tronqué",
                         en: "this is not a file of this kind (wrong size or magic): another file, or a truncated one")
                case .unsupportedVersion:
                    Text(fr: "ce fichier vient d'une version de HuisClos plus récente : mettez HuisClos à jour",
                         en: "this file comes from a newer HuisClos: update HuisClos")
                case .impossibleLimits:
                    Text(fr: "ce fichier demande des limites Argon2id impossibles : il a été modifié", en: "this file asks for impossible Argon2id limits: it was altered")
                }
            }

            public var exitStatus: ExitStatus { .dataRefused }
        }

        public var code: Code {
            switch self {
            case .notThisFormat: .notThisFormat
            case .unsupportedVersion: .unsupportedVersion
            case .impossibleLimits: .impossibleLimits
            }
        }

        public var text: Text {
            switch self {
            case .notThisFormat: code.text
            case .unsupportedVersion(let version):
                Text(fr: "format \(version), écrit par une version de HuisClos plus récente (celle-ci lit le format \(PassphraseSealedFile.version)) : mettez HuisClos à jour",
                     en: "format \(version) is not supported by this build (it reads \(PassphraseSealedFile.version)): update HuisClos")
            case .impossibleLimits(let why):
                Text(fr: "\(code.text.french) (\(why.french))", en: "impossible Argon2id limits: \(why.english)")
            }
        }
    }

    /// The format version this build writes and reads.
    public static let version: UInt16 = 1

    public let format: Format
    public let limits: PasswordKey.Limits
    public let salt: [UInt8]
    /// The part in clear.
    public let clear: [UInt8]
    /// The sealed secret: nonce ‖ ciphertext ‖ tag.
    public let sealed: [UInt8]

    /// Seals `secret` (`format.secretBytes`) beside `clear` (`format.clearBytes`) under
    /// `passphrase`, with a fresh salt.
    public static func seal(_ secret: some ByteView, clear: [UInt8], passphrase: String, limits: PasswordKey.Limits,
                            format: Format) throws(CryptoError) -> PassphraseSealedFile {
        precondition(clear.count == format.clearBytes && secret.withUnsafeBytes { $0.count } == format.secretBytes, "the format fixes both parts' sizes")
        let salt = try Sodium.randomBytes(PasswordKey.saltLength)
        let header = encodeHeader(format: format, limits: limits, salt: salt, clear: clear)
        let key = try PasswordKey.derive(passphrase: normalized(passphrase), salt: salt, limits: limits)
        let sealed = try AEAD.seal(secret, associatedData: header, key: key)
        return PassphraseSealedFile(format: format, limits: limits, salt: salt, clear: clear, sealed: sealed)
    }

    /// Parses `bytes` as a file of `format`: size, magic, version and limits checked.
    public init(decoding bytes: [UInt8], as format: Format) throws(Refusal) {
        guard bytes.count == format.encodedBytes, Array(bytes[0..<8]) == format.magic else { throw .notThisFormat }
        let version = UInt16(bytes[8]) << 8 | UInt16(bytes[9])
        guard version == Self.version else { throw .unsupportedVersion(version) }
        let limits = PasswordKey.Limits(decoding: bytes[10..<10 + PasswordKey.Limits.encodedLength])
        do { try limits.validate() } catch { throw .impossibleLimits(error.text) }
        self.init(format: format, limits: limits, salt: Array(bytes[26..<Format.clearOffset]),
                  clear: Array(bytes[Format.clearOffset..<format.headerBytes]), sealed: Array(bytes[format.headerBytes...]))
    }

    private init(format: Format, limits: PasswordKey.Limits, salt: [UInt8], clear: [UInt8], sealed: [UInt8]) {
        self.format = format
        self.limits = limits
        self.salt = salt
        self.clear = clear
        self.sealed = sealed
    }

    /// Opens the secret with `passphrase` (a wrong one, or an altered file, throws
    /// `decryptionFailed`). The secret comes back in guarded memory.
    public func open(passphrase: String) throws(CryptoError) -> SecureBytes {
        let key = try PasswordKey.derive(passphrase: Self.normalized(passphrase), salt: salt, limits: limits)
        var secret = try AEAD.open(sealed, associatedData: header, key: key)
        defer { secret.wipe() }  // the only plain copy outside guarded memory
        return try SecureBytes(copying: secret)
    }

    /// Everything before the sealed secret.
    public var header: [UInt8] { Self.encodeHeader(format: format, limits: limits, salt: salt, clear: clear) }

    /// The file's bytes.
    public var encoded: [UInt8] { header + sealed }

    private static func normalized(_ passphrase: String) -> String {
        passphrase.precomposedStringWithCanonicalMapping
    }

    private static func encodeHeader(format: Format, limits: PasswordKey.Limits, salt: [UInt8], clear: [UInt8]) -> [UInt8] {
        var header = format.magic + [UInt8(version >> 8), UInt8(version & 0xff)]
        header += limits.encoded + salt + clear
        assert(header.count == format.headerBytes)
        return header
    }
}
