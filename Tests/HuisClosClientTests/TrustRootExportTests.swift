import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTestSupport
import Testing

/// The trust root's backup is sealed under its own passphrase: the rule lives in the client layer
/// (the CLI checked it alone before), so every face refuses the device's passphrase for it.
@Suite struct TrustRootExportTests {
    @Test func theBackupUnderTheDevicesOwnPassphraseIsRefusedBeforeAnythingIsOpenedOrWritten() async throws {
        let parent = try TemporaryFolder("root-export")
        defer { parent.remove() }
        let folder = parent.url.appendingPathComponent("device"), backup = parent.url.appendingPathComponent("racine.hcroot").path
        do {
            try await ClientSession.exportTrustRoot(
                folder: folder, devicePassphrase: "même phrase de passe", backupPassphrase: "même phrase de passe", to: backup, remove: false)
            Issue.record("exported under the device's own passphrase")
        } catch let error as any HuisClosError {
            #expect(error.exitStatus == .usage && error.text.french.contains("une autre phrase de passe"), "\(error)")
            #expect(error.text.english.contains("another passphrase"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: backup))
        // Another passphrase goes on to open the device (none here: the device's own refusal).
        await #expect(throws: DeviceError.self) {
            try await ClientSession.exportTrustRoot(
                folder: folder, devicePassphrase: "phrase de l'appareil", backupPassphrase: "phrase de la sauvegarde", to: backup, remove: false)
        }
    }
}
