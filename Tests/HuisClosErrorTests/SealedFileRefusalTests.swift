import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import Testing

/// Issue 12: a sealed file (root backup, replica key file) refused for its format tells a French
/// reader what it is and what to do — a file from a newer HuisClos says to update, not the generic
/// "unusable backup" — as precisely as it tells an English reader.
@Suite struct SealedFileRefusalTests {
    /// A valid root backup's bytes with its format version (bytes 8–9) set to `version`.
    static func backup(version: UInt16) throws -> [UInt8] {
        var bytes = try RootBackup.seal(try SigningKeyPair.generate(), passphrase: "une phrase de passe", limits: .interactive).encoded
        bytes[8] = UInt8(version >> 8)
        bytes[9] = UInt8(version & 0xff)
        return bytes
    }

    @Test func aBackupFromANewerVersionSaysToUpdateInBothLanguages() throws {
        let error = try #require(throws: DeviceError.self) { try RootBackup(decoding: try Self.backup(version: 9)) }
        #expect(error.code == .rootBackupInvalid)
        #expect(error.text.french.contains("mettez HuisClos à jour") && error.text.french.contains("9"), "\(error.text.french)")
        #expect(error.text.english.contains("update HuisClos"), "\(error.text.english)")
    }

    @Test func anotherFileIsNamedAsSuchInFrench() throws {
        let error = try #require(throws: DeviceError.self) { try RootBackup(decoding: [UInt8](repeating: 7, count: 40)) }
        #expect(error.text.french.contains("n'est pas une sauvegarde de la racine"), "\(error.text.french)")
    }

    @Test func everyRefusalHasACodeAndBothLanguages() {
        let refusals: [PassphraseSealedFile.Refusal] = [.notThisFormat, .unsupportedVersion(9),
                                                         .impossibleLimits(Text(fr: "trop de mémoire", en: "too much memory"))]
        for refusal in refusals {
            #expect(refusal.qualifiedCode.hasPrefix("sealedFile."), "\(refusal)")
            #expect(!refusal.text.french.isEmpty && refusal.text.french != refusal.text.english, "\(refusal)")
        }
    }
}
