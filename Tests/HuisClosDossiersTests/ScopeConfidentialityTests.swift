import HuisClosCrypto
import HuisClosDossiers
import HuisClosProtocol
import HuisClosTrust
import Testing

/// Who can open what: private notes, working groups and hearings, through the real trust layer.
@Suite struct ScopeConfidentialityTests {
    /// A body sealed by `keyring`'s device in `scope` at `epoch`.
    static func sealedBody(_ text: String, scope: ScopeID, epoch: UInt32, keyring: ScopeKeyring) throws -> [UInt8] {
        try BatchBodySealer.seal(ops: Array(text.utf8), scope: scope, epoch: epoch, device: keyring.device.signing.publicKey,
                                 sequence: 1, keyring: keyring)
    }

    /// Whether `keyring` opens a body sealed by `author` in `scope` at `epoch`.
    static func opens(_ body: [UInt8], scope: ScopeID, epoch: UInt32, author: ScopeKeyring, keyring: ScopeKeyring) -> Bool {
        (try? BatchBodySealer.open(body: body, scope: scope, epoch: epoch, device: author.device.signing.publicKey, sequence: 1,
                                   keyring: keyring)) != nil
    }

    /// Accepts every sealed key addressed to `keyring`'s device; returns how many.
    @discardableResult
    static func accept(_ rotation: EpochRotation, into keyring: inout ScopeKeyring, fixture: TrustFixture) throws -> Int {
        var accepted = 0
        for sealed in rotation.sealedKeys where sealed.recipient == keyring.device.signing.publicKey {
            try keyring.accept(sealed, membership: fixture.log.state, at: fixture.clock)
            accepted += 1
        }
        return accepted
    }

    @Test func privateNotesAreUnreadableToEveryOtherDeviceIncludingTheSecretariats() throws {
        var fixture = try TrustFixture()
        let alice = fixture.devices["alice"]!
        let scope = DossierScopes.member(alice.member)
        var aliceKeys = fixture.keyring("alice")
        let rotation = try ScopeKeyIssuer.startEpoch(of: scope, reason: .initial, log: &fixture.log, keyring: &aliceKeys, at: fixture.tick())
        #expect(Set(rotation.sealedKeys.map(\.recipient)) == [alice.signing.publicKey], "the key is sealed to Alice's devices only")
        let note = try Self.sealedBody("Ma note privée", scope: scope, epoch: 1, keyring: aliceKeys)
        #expect(Self.opens(note, scope: scope, epoch: 1, author: aliceKeys, keyring: aliceKeys))
        for other in ["secretariat", "president", "bob", "chloe", "guest"] {
            var keyring = fixture.keyring(other)
            #expect(try Self.accept(rotation, into: &keyring, fixture: fixture) == 0)
            #expect(!Self.opens(note, scope: scope, epoch: 1, author: aliceKeys, keyring: keyring), "\(other) reads Alice's note")
        }
    }

    @Test func workingGroupIsCreatedByThePresidentAndItsKeyReachesOnlyTheGroup() throws {
        var fixture = try TrustFixture()
        let members = [fixture.devices["alice"]!.member], supplementary = [fixture.devices["bob"]!.member]
        var aliceKeys = fixture.keyring("alice")
        #expect(throws: DossierError.self) {
            _ = try WorkingGroups.create("budget", members: members, supplementaryMembers: supplementary,
                                         log: &fixture.log, keyring: &aliceKeys, at: fixture.clock)
        }
        var presidentKeys = fixture.keyring("president")
        let rotation = try WorkingGroups.create("budget", members: members, supplementaryMembers: supplementary,
                                                log: &fixture.log, keyring: &presidentKeys, at: fixture.tick())
        let scope = try DossierScopes.group("budget")
        let recipients = Set(rotation.sealedKeys.map(\.recipient))
        #expect(recipients == Set(["president", "alice", "bob"].map { fixture.devices[$0]!.signing.publicKey }))
        let dossier = try Self.sealedBody("Note budgétaire", scope: scope, epoch: 1, keyring: presidentKeys)
        try Self.accept(rotation, into: &aliceKeys, fixture: fixture)
        #expect(Self.opens(dossier, scope: scope, epoch: 1, author: presidentKeys, keyring: aliceKeys))
        for outsider in ["secretariat", "chloe", "guest"] {
            var keyring = fixture.keyring(outsider)
            #expect(try Self.accept(rotation, into: &keyring, fixture: fixture) == 0)
            #expect(!Self.opens(dossier, scope: scope, epoch: 1, author: presidentKeys, keyring: keyring), "\(outsider) reads the group's dossier")
        }
    }

    /// The attacker's second review: a grant to a group not yet created (an older version signed
    /// such grants) came alive when the president created the group, and its holder received the
    /// group's key. A group opens with the members named, nobody else.
    @Test func aGrantSignedBeforeTheGroupExistedIsWithdrawnWhenTheGroupIsCreated() throws {
        var fixture = try TrustFixture()
        let scope = try DossierScopes.group("budget")
        let chloe = fixture.devices["chloe"]!
        try fixture.log.append(.addToScope(member: chloe.member, scope: scope, access: .readWrite, expiry: nil),
                               signedBy: fixture.devices["secretariat"]!.signing, at: fixture.tick())
        var presidentKeys = fixture.keyring("president")
        let rotation = try WorkingGroups.create("budget", members: [fixture.devices["alice"]!.member], supplementaryMembers: [],
                                                log: &fixture.log, keyring: &presidentKeys, at: fixture.tick())
        #expect(!rotation.sealedKeys.map(\.recipient).contains(chloe.signing.publicKey), "the stale grant's holder received the group's key")
        #expect(fixture.log.state.access(of: chloe.member, to: scope, at: fixture.clock) == nil)
        #expect(fixture.log.state.grantees(of: scope, at: fixture.clock) == [fixture.devices["president"]!.member, fixture.devices["alice"]!.member]
            .sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) })
    }

    /// The attacker's third review: a hearing opened with the same hole as a group, and a member
    /// named in a group who held a weaker stale grant (read-only) kept it.
    @Test func aHearingOpensWithItsHostAndGuestOnlyAndANamedMemberGetsTheFullGrant() throws {
        var fixture = try TrustFixture()
        let secretariat = fixture.devices["secretariat"]!.signing
        let hearing = try DossierScopes.hearing("h-1"), group = try DossierScopes.group("budget")
        let chloe = fixture.devices["chloe"]!, alice = fixture.devices["alice"]!
        try fixture.log.append(.addToScope(member: chloe.member, scope: hearing, access: .read, expiry: nil), signedBy: secretariat, at: fixture.tick())
        try fixture.log.append(.addToScope(member: alice.member, scope: group, access: .read, expiry: nil), signedBy: secretariat, at: fixture.tick())
        var host = fixture.keyring("secretariat")
        let opening = try Hearings.open("h-1", guest: fixture.devices["guest"]!.member, until: fixture.clock.adding(seconds: 86_400),
                                        log: &fixture.log, keyring: &host, at: fixture.tick())
        #expect(!opening.sealedKeys.map(\.recipient).contains(chloe.signing.publicKey))
        #expect(fixture.log.state.access(of: chloe.member, to: hearing, at: fixture.clock) == nil)
        var presidentKeys = fixture.keyring("president")
        _ = try WorkingGroups.create("budget", members: [alice.member], supplementaryMembers: [], log: &fixture.log, keyring: &presidentKeys,
                                     at: fixture.tick())
        #expect(fixture.log.state.access(of: alice.member, to: group, at: fixture.clock) == .readWrite)
    }

    @Test func hearingGuestIsLockedOutAfterExpiryWithANewEpochAndAWipeOrder() throws {
        var fixture = try TrustFixture()
        let guest = fixture.devices["guest"]!
        var host = fixture.keyring("secretariat")
        let expiry = fixture.clock.adding(seconds: 86_400)
        let opening = try Hearings.open("h-2026-01", guest: guest.member, until: expiry, log: &fixture.log, keyring: &host, at: fixture.tick())
        let scope = try DossierScopes.hearing("h-2026-01")
        var guestKeys = fixture.keyring("guest")
        #expect(try Self.accept(opening, into: &guestKeys, fixture: fixture) == 1)
        let before = try Self.sealedBody("Dossier de l'audition", scope: scope, epoch: 1, keyring: host)
        #expect(Self.opens(before, scope: scope, epoch: 1, author: host, keyring: guestKeys))
        #expect(try Hearings.close("h-2026-01", guestDevices: [guest.signing.publicKey], log: &fixture.log, keyring: &host,
                                   at: fixture.tick()) == nil, "nothing to close before expiry")

        let after = expiry.adding(seconds: 60)
        #expect(!fixture.log.state.mayRead(device: guest.signing.publicKey, scope: scope, at: after))
        let closing = try #require(try Hearings.close("h-2026-01", guestDevices: [guest.signing.publicKey], log: &fixture.log,
                                                      keyring: &host, at: after))
        #expect(fixture.log.state.currentEpoch(of: scope) == 2)
        #expect(fixture.log.state.isWipeOrdered(for: guest.signing.publicKey))
        #expect(!closing.sealedKeys.map(\.recipient).contains(guest.signing.publicKey))
        let later = try Self.sealedBody("Suite confidentielle", scope: scope, epoch: 2, keyring: host)
        #expect(!Self.opens(later, scope: scope, epoch: 2, author: host, keyring: guestKeys), "the guest reads the new epoch")
    }
}
