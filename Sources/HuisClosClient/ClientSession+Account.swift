public import Foundation
public import HuisClosDevice
public import HuisClosEngine
import HuisClosL10n
import HuisClosTerminal
public import HuisClosTrust

/// The member's own account workflows: the passphrase, approving their devices, and the trust
/// root's backup on the secretariat's device.
extension ClientSession {
    /// Changes the passphrase of the device in `folder` from `old` to `new`, past its offline lease
    /// (a person may change it at any time), and locks the device again.
    public static func changePassphrase(folder: URL, from old: String, to new: String, clock: any WallClock = SystemWallClock()) async throws {
        try await open(folder: folder, passphrase: { old }, clock: clock, toSync: true).run { try await $0.device.changePassphrase(from: old, to: new) }
    }

    /// Approves one of this member's devices waiting for their keys, named by the fingerprint it
    /// shows, as a person types it (`3f2a-9c01-77de-0b5e-a4c8`); returns the fingerprint approved.
    /// With `expected` (the device a screen offers to approve), any other fingerprint is refused.
    @discardableResult
    public func approveDevice(typed text: String, expecting expected: DeviceFingerprint? = nil) async throws -> DeviceFingerprint {
        guard let fingerprint = DeviceFingerprint(parsing: text) else {
            throw UsageError(
                invalid: Text(
                    fr: "empreinte : 20 chiffres hexadécimaux, en 5 groupes de 4 (3f2a-9c01-77de-0b5e-a4c8)",
                    en: "fingerprint: 20 hex digits, in 5 groups of 4 (3f2a-9c01-77de-0b5e-a4c8)"))
        }
        if let expected, fingerprint != expected {
            throw UsageError(
                invalid: Text(
                    fr: "l'empreinte saisie n'est pas celle de cet appareil : relisez celle que le nouvel appareil affiche (huisclos statut) ; "
                        + "si elles diffèrent, n'approuvez pas et prévenez le secrétariat",
                    en: "the fingerprint typed is not this device's: read again the one the new device shows (huisclos status); "
                        + "if they differ, do not approve and tell the secretariat"))
        }
        try await device.approveDevice(fingerprint)
        return fingerprint
    }

    /// Exports the trust root of the device in `folder`, sealed under `backupPassphrase`, to the
    /// new file `path` (`exportTrustRoot(passphrase:to:remove:)`). Refused, with nothing opened or
    /// written, when the backup's passphrase is the device's: one secret would then open both.
    public static func exportTrustRoot(
        folder: URL, devicePassphrase: String, backupPassphrase: String, to path: String, remove: Bool,
        clock: any WallClock = SystemWallClock()
    ) async throws {
        guard backupPassphrase != devicePassphrase else {
            throw UsageError(
                invalid: Text(
                    fr: "choisissez pour la sauvegarde une autre phrase de passe que celle de l'appareil",
                    en: "choose another passphrase for the backup than the device's"))
        }
        try await open(folder: folder, passphrase: { devicePassphrase }, clock: clock).run {
            try await $0.exportTrustRoot(passphrase: backupPassphrase, to: path, remove: remove)
        }
    }

    /// The trust root backup in the file at `path`, decoded; a file that cannot be read is a usage error.
    public static func rootBackup(atPath path: String) throws -> RootBackup {
        guard let bytes = try readRootBackup(path) else {
            throw UsageError(invalid: Text(fr: "impossible de lire \(path)", en: "cannot read \(path)"))
        }
        return try RootBackup(decoding: bytes)
    }

    /// Restores the council's trust root from `backup` onto this newly enrolled secretariat device.
    public func restoreTrustRoot(from backup: RootBackup, passphrase: String) async throws {
        try await device.restoreTrustRoot(from: backup, passphrase: passphrase)
    }
}
