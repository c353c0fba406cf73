import Foundation
public import HuisClosCrypto
import HuisClosL10n

/// The council's trust root (its Ed25519 seed) sealed under a passphrase of its own, for an
/// offline copy (issue 11, finding 9): `huisclos admin racine exporter` writes it,
/// `huisclos admin racine restaurer` brings the root back on a new secretariat device.
///
/// The layout of `PassphraseSealedFile` (format `rootBackup`, 146 bytes): the part in clear is
/// the root's public key (which council this is the root of), so altering the limits, salt or
/// public key fails like a wrong passphrase; the opened seed must also give back that public key.
public struct RootBackup: Sendable {
    /// Bytes of a version-1 backup; any other size is not one.
    public static let encodedBytes = PassphraseSealedFile.Format.rootBackup.encodedBytes

    /// The root's public key this backup holds the seed of.
    public let rootKey: SigningPublicKey
    let file: PassphraseSealedFile

    /// Seals `root`'s seed under `passphrase` with a fresh salt.
    public static func seal(_ root: SigningKeyPair, passphrase: String, limits: PasswordKey.Limits) throws -> RootBackup {
        let file = try PassphraseSealedFile.seal(try root.seed(), clear: root.publicKey.bytes, passphrase: passphrase, limits: limits,
                                                 format: .rootBackup)
        return RootBackup(rootKey: root.publicKey, file: file)
    }

    /// Parses a backup, checking magic, version, length and limits.
    public init(decoding bytes: [UInt8]) throws {
        do throws(PassphraseSealedFile.Refusal) {
            file = try PassphraseSealedFile(decoding: bytes, as: .rootBackup)
        } catch {
            throw DeviceError(.rootBackupInvalid, error == .notThisFormat
                ? Text(fr: "ce fichier n'est pas une sauvegarde de la racine HuisClos (taille ou signature de format)",
                       en: "this file is not a HuisClos root backup (wrong size or magic)")
                : Text(fr: "sauvegarde de la racine : \(error.text.french)", en: "root backup: \(error.text.english)"))
        }
        rootKey = try SigningPublicKey(bytes: file.clear)
    }

    private init(rootKey: SigningPublicKey, file: PassphraseSealedFile) {
        self.rootKey = rootKey
        self.file = file
    }

    /// The backup's bytes.
    public var encoded: [UInt8] { file.encoded }

    /// Opens the root with `passphrase`: `.rootBackupInvalid` for a wrong passphrase or an
    /// altered file, or a seed that does not give back the recorded public key.
    public func open(passphrase: String) throws -> SigningKeyPair {
        let seed: SecureBytes
        do { seed = try file.open(passphrase: passphrase) } catch where error.code == .authenticationFailed {
            throw DeviceError(.rootBackupInvalid, Text(fr: "la phrase de passe n'ouvre pas cette sauvegarde de la racine (ou le fichier a été modifié)",
                                                       en: "the passphrase does not open this root backup (or the file was altered)"))
        }
        let root = try SigningKeyPair.fromSeed(seed)
        guard root.publicKey == rootKey else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "la graine de la sauvegarde de racine ne correspond pas à la clé publique qu'elle enregistre : fichier altéré",
                                                  en: "the root backup's seed does not match the public key it records"))
        }
        return root
    }
}
