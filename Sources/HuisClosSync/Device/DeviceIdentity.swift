import Foundation
import HuisClosCrypto
import HuisClosWire

/// A device's identity on disk: its Ed25519 seed sealed under a passphrase, and its server.
///
/// Layout of `<folder>/device.key`: "HCK1" ‖ 16-byte Argon2id salt ‖ XChaCha20-Poly1305
/// sealed seed, the magic as associated data. The private key never leaves the device and
/// is never on disk in clear. `<folder>/server` holds the server URL (not secret).
public struct DeviceIdentity: Sendable {
    /// The key file's format tag.
    static let magic = Array("HCK1".utf8)
    /// Argon2id cost for the key file: interactive (≈ 0.06 s here), since the file never leaves
    /// the device and the passphrase is asked at every command.
    static let limits = PasswordKey.Limits.interactive

    /// The device's key pair.
    public let key: SigningKeyPair
    /// The relay's base URL.
    public let server: String

    /// Creates a new key, seals it under `passphrase` into `folder`, and records `server`.
    public static func create(in folder: URL, server: String, passphrase: String) throws -> DeviceIdentity {
        let keyFile = folder.appendingPathComponent("device.key")
        guard !FileManager.default.fileExists(atPath: keyFile.path) else {
            throw APIError(.alreadyEnrolled, "\(keyFile.path) exists: this folder already holds a device")
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let key = try SigningKeyPair.generate()
        let salt = try Sodium.randomBytes(PasswordKey.saltLength)
        let wrapping = try PasswordKey.derive(passphrase: passphrase, salt: salt, limits: limits)
        let sealed = try AEAD.seal(try key.seed(), associatedData: magic, key: wrapping)
        try write(magic + salt + sealed, to: keyFile)
        try write(Array(server.utf8), to: folder.appendingPathComponent("server"))
        return DeviceIdentity(key: key, server: server)
    }

    /// Opens the identity in `folder`; a wrong passphrase is `challengeInvalid`.
    public static func open(_ folder: URL, passphrase: String) throws -> DeviceIdentity {
        guard let file = FileManager.default.contents(atPath: folder.appendingPathComponent("device.key").path),
              let server = FileManager.default.contents(atPath: folder.appendingPathComponent("server").path)
        else {
            throw APIError(.unknownDevice, "no device in \(folder.path): enrol one first (huisclos enrol)")
        }
        let bytes = [UInt8](file)
        guard bytes.count > magic.count + PasswordKey.saltLength, Array(bytes.prefix(magic.count)) == magic else {
            throw APIError(.malformed, "\(folder.path)/device.key is not a HuisClos device key")
        }
        let salt = Array(bytes[magic.count..<magic.count + PasswordKey.saltLength])
        let wrapping = try PasswordKey.derive(passphrase: passphrase, salt: salt, limits: limits)
        let seed: SecureBytes
        do {
            var opened = try AEAD.open(bytes[(magic.count + PasswordKey.saltLength)...], associatedData: magic, key: wrapping)
            seed = try SecureBytes(copying: opened)
            _ = opened.withUnsafeMutableBytes { $0.initializeMemory(as: UInt8.self, repeating: 0) }
        } catch {
            throw APIError(.challengeInvalid, "wrong passphrase for this device (or its key file was altered)")
        }
        return DeviceIdentity(key: try SigningKeyPair.fromSeed(seed),
                              server: String(decoding: server, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Deletes the identity files from `folder` (after a failed enrolment).
    public static func remove(from folder: URL) {
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("device.key"))
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("server"))
    }

    private static func write(_ bytes: [UInt8], to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw APIError(.internal, "cannot write \(url.path): check the folder's permissions")
        }
    }
}
