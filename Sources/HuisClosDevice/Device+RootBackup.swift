import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosReplica
import HuisClosTrust

/// Backup and recovery of the council's trust root (issue 11, finding 9; SECURITY.md, "The trust
/// root: backup and recovery"). The root signs what only it may sign (secretariat devices,
/// secretariat appointments); losing the one device that holds it would freeze the council's
/// secretariat for ever, so it is exported sealed under its own passphrase and kept offline.
extension Device {
    /// The trust root sealed under `passphrase` (Argon2id `limits`, XChaCha20-Poly1305), for an
    /// offline copy. Only on the device holding the root (`.notSecretariat` otherwise); the
    /// passphrase obeys the same minimum as a replica's (`ReplicaError.invalidPassphrase`).
    public func exportTrustRoot(passphrase: String, limits: PasswordKey.Limits = .moderate) throws -> RootBackup {
        try Replica.checkStrength(ofNew: passphrase)
        return try RootBackup.seal(try heldRoot(), passphrase: passphrase, limits: limits)
    }

    /// Removes the trust root from this online device, once `backup` is proven to hold it:
    /// opened with `passphrase`, it must give back this very root. The device stays a secretariat
    /// device; what only the root signs then needs `restoreTrustRoot` on a device first.
    public func forgetTrustRoot(keeping backup: RootBackup, passphrase: String) throws {
        let held = try heldRoot()
        guard try backup.open(passphrase: passphrase).publicKey == held.publicKey else {
            throw DeviceError(.rootBackupInvalid, "this backup holds another root: the root stays on this device")
        }
        var updated = profile
        updated.rootSeed = nil
        try replica.database.write { [updated] db in try DeviceVault.save(updated, in: db) }
        profile = updated
    }

    /// Brings the trust root back from `backup` onto this device, a device of a secretariat
    /// member (enrolled as any device, not yet certified, or already certified). Checks that the
    /// backup's root is the council's pinned root, signs this device's certificate with it when
    /// the log does not hold it yet, and keeps the root in the encrypted replica.
    public func restoreTrustRoot(from backup: RootBackup, passphrase: String) async throws {
        guard backup.rootKey == profile.rootKey else {
            throw DeviceError(.rootBackupInvalid, "this backup holds the root of another council, not the one this device pins")
        }
        let root = try backup.open(passphrase: passphrase)
        _ = try await pullMembership()
        guard context.membership.role(of: member, at: context.readingInstant) == .secretariat else {
            throw DeviceError(.notSecretariat, "the trust root is restored only on a device of a member of the secretariat")
        }
        if context.membership.certificate(of: certificate.signingKey) == nil {
            try await append(.certifyDevice(certificate), signer: root)
        }
        var updated = profile
        updated.rootSeed = try root.seed()
        try await replica.database.write { [updated] db in try DeviceVault.save(updated, in: db) }
        profile = updated
    }

    private func heldRoot() throws -> SigningKeyPair {
        guard let seed = profile.rootSeed else {
            throw DeviceError(.notSecretariat, "this device does not hold the trust root")
        }
        return try SigningKeyPair.fromSeed(seed)
    }
}
