import HuisClosCrypto

/// The replica's key file (`replica.key`): the random database key sealed under a key derived
/// from the passphrase with Argon2id 1.3, in the layout of `PassphraseSealedFile` (format
/// `replicaKey`, 130 bytes): the part in clear is the database id (also in clear at the start of
/// page 1), so altering the limits, salt or id makes unwrapping fail like a wrong passphrase.
struct KeyFile {
    let file: PassphraseSealedFile

    var limits: PasswordKey.Limits { file.limits }
    var databaseID: [UInt8] { file.clear }

    /// Wraps `key` under `passphrase` with a fresh salt.
    static func wrap(key: SecureBytes, databaseID: [UInt8], passphrase: String,
                     limits: PasswordKey.Limits) throws(ReplicaError) -> KeyFile {
        do throws(CryptoError) {
            return KeyFile(file: try PassphraseSealedFile.seal(key, clear: databaseID, passphrase: passphrase, limits: limits, format: .replicaKey))
        } catch {
            throw ReplicaError(crypto: error)
        }
    }

    /// Unwraps the database key; `.wrongPassphrase` if `passphrase` (or the file) is wrong.
    func unwrap(passphrase: String) throws(ReplicaError) -> SecureBytes {
        do throws(CryptoError) {
            return try file.open(passphrase: passphrase)
        } catch {
            throw ReplicaError(crypto: error)
        }
    }

    /// The file's bytes.
    func encoded() -> [UInt8] { file.encoded }

    /// Parses a key file, checking magic, version, length and limits.
    static func decode(_ bytes: [UInt8]) throws(ReplicaError) -> KeyFile {
        do throws(PassphraseSealedFile.Refusal) {
            return KeyFile(file: try PassphraseSealedFile(decoding: bytes, as: .replicaKey))
        } catch {
            switch error {
            case .notThisFormat:
                throw ReplicaError(.keyFileDamaged, "this is not a HuisClos replica key file (wrong size or magic); restore it from a backup")
            case .unsupportedVersion(let version):
                throw ReplicaError(.keyFileDamaged, "key file format \(version) is not supported by this build (it reads \(PassphraseSealedFile.version)); update HuisClos")
            case .impossibleLimits(let why):
                throw ReplicaError(.keyFileDamaged, "the key file asks for impossible Argon2id limits: \(why)")
            }
        }
    }
}
