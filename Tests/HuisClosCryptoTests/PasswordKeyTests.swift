import HuisClosCrypto
import Testing

@Suite struct PasswordKeyTests {
    @Test func sameInputsGiveSameKeyOthersDiffer() throws {
        let salt = try Sodium.randomBytes(PasswordKey.saltLength)
        let a = try PasswordKey.derive(passphrase: "Huis clos 2026", salt: salt, limits: .interactive)
        let b = try PasswordKey.derive(passphrase: "Huis clos 2026", salt: salt, limits: .interactive)
        let c = try PasswordKey.derive(passphrase: "huis clos 2026", salt: salt, limits: .interactive)
        #expect(Sodium.constantTimeEqual(a, b))
        #expect(!Sodium.constantTimeEqual(a, c))
    }

    @Test func limitsBeyondTheCapAreRefused() throws {
        let salt = try Sodium.randomBytes(PasswordKey.saltLength)
        let huge = PasswordKey.Limits(opsLimit: 1_000_000, memLimitBytes: 1 << 40)
        #expect(throws: CryptoError(.keyDerivationFailed, CryptoError.Code.keyDerivationFailed.text)) { try PasswordKey.derive(passphrase: "x", salt: salt, limits: huge) }
    }
}
