import HuisClosCrypto
import HuisClosDossiers
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Closing a hearing whatever happened first: the secretariat's sync already rotated the scope at
/// expiry, or the hearing is ended before its expiry.
@Suite struct HearingClosingTests {
    @Test func closingAfterTheExpiryRotationStillOrdersTheGuestsDeviceWipedWithoutAnotherEpoch() throws {
        var fixture = try TrustFixture()
        let guest = fixture.devices["guest"]!
        var host = fixture.keyring("secretariat")
        let expiry = fixture.clock.adding(seconds: 3_600)
        _ = try Hearings.open("h-1", guest: guest.member, until: expiry, log: &fixture.log, keyring: &host, at: fixture.tick())
        let scope = try DossierScopes.hearing("h-1")
        let after = expiry.adding(seconds: 60)
        // What the secretariat's sync does on its own once a reader left the scope.
        _ = try ScopeKeyIssuer.startEpoch(of: scope, reason: .memberRemoved, log: &fixture.log, keyring: &host, at: after)
        #expect(fixture.log.state.currentEpoch(of: scope) == 2 && !fixture.log.state.isWipeOrdered(for: guest.signing.publicKey))

        let devices = Hearings.devices(of: guest.member, in: fixture.log)
        #expect(devices == [guest.signing.publicKey])
        #expect(try Hearings.close("h-1", guestDevices: devices, log: &fixture.log, keyring: &host, at: after.adding(seconds: 1)) == nil)
        #expect(fixture.log.state.isWipeOrdered(for: guest.signing.publicKey), "the wipe order is appended even without a new epoch")
        #expect(fixture.log.state.currentEpoch(of: scope) == 2)
    }

    @Test func withdrawingBeforeExpiryLetsCloseEndTheHearingAtOnce() throws {
        var fixture = try TrustFixture()
        let guest = fixture.devices["guest"]!
        var host = fixture.keyring("secretariat")
        _ = try Hearings.open("h-2", guest: guest.member, until: fixture.clock.adding(seconds: 86_400), log: &fixture.log,
                              keyring: &host, at: fixture.tick())
        let scope = try DossierScopes.hearing("h-2")
        let now = fixture.tick()
        try Hearings.withdraw("h-2", guest: guest.member, log: &fixture.log, signer: host.device.signing, at: now)
        #expect(!fixture.log.state.mayRead(device: guest.signing.publicKey, scope: scope, at: now))
        let rotation = try #require(try Hearings.close("h-2", guestDevices: [guest.signing.publicKey], log: &fixture.log,
                                                       keyring: &host, at: now))
        #expect(!rotation.sealedKeys.map(\.recipient).contains(guest.signing.publicKey))
        #expect(fixture.log.state.isWipeOrdered(for: guest.signing.publicKey) && fixture.log.state.currentEpoch(of: scope) == 2)
    }
}
