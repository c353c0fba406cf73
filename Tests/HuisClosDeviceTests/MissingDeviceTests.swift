import Foundation
import HuisClosDevice
import HuisClosL10n
import HuisClosTestSupport
import Testing

/// Unlocking names a folder that holds no device, for every face (the CLI checked it alone
/// before), and never opens nor creates a replica there.
@Suite struct MissingDeviceTests {
    @Test func unlockingAMissingFolderSaysNoDeviceAndCreatesNothing() throws {
        let parent = try TemporaryFolder("missing-device")
        defer { parent.remove() }
        let folder = parent.url.appendingPathComponent("typo")
        let refusal = #expect(throws: DeviceError.self) { _ = try Device.unlock(folder: folder, passphrase: "phrase de passe") }
        #expect(refusal?.code == .noDevice && refusal?.text.french.contains(folder.path) == true, "\(String(describing: refusal))")
        #expect(!FileManager.default.fileExists(atPath: folder.path), "a replica was created at a mistyped folder")
    }
}
