import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// A sealed scope key is kept only if it is addressed to this device, signed by a device the log
/// lets hand out the scope's keys, and carries the key the log commits to.
@Suite struct SealedScopeKeyTests {
    /// The president starts epoch 1 of the working group, then leaves it; Alice holds the key and
    /// hands it out (any writer may); Bob is the recipient under test.
    private func setUp() throws -> (council: CouncilFixture, sealedKeys: [SealedScopeKey], key: ScopeKey, forBob: SealedScopeKey) {
        var council = try CouncilFixture()
        var presidentKeys = try council.convenor()
        let started = try ScopeKeyIssuer.startEpoch(of: CouncilFixture.group, reason: .initial, log: &council.log,
                                                    keyring: &presidentKeys, at: council.tick())
        var aliceKeys = ScopeKeyring(device: council.alice)
        try council.receive(started, into: &aliceKeys)
        try council.log.append(.removeFromScope(member: council.president.member, scope: CouncilFixture.group),
                               signedBy: council.secretariat.signing, at: council.tick())
        let key = ScopeKey(scope: CouncilFixture.group, epoch: 1, key: try aliceKeys.readKey(scope: CouncilFixture.group, epoch: 1))
        let sealedKeys = try ScopeKeyIssuer.share(scope: CouncilFixture.group, epoch: 1,
                                                  with: [council.alice.certificate, council.bob.certificate], keyring: aliceKeys)
        let forBob = try #require(sealedKeys.first { $0.recipient == council.bob.signing.publicKey })
        return (council, sealedKeys, key, forBob)
    }

    /// Re-encodes `sealed` with one field replaced (what a hostile relay can do to the bytes).
    private func altered(_ sealed: SealedScopeKey, range: (SealedScopeKey) -> Range<Int>, with bytes: [UInt8]) throws -> SealedScopeKey {
        var encoded = sealed.encoded
        encoded.replaceSubrange(range(sealed), with: bytes)
        return try SealedScopeKey(decoding: encoded)
    }

    /// Has `device` take `sealed` into a fresh keyring, judged by the council's log now.
    private func accept(_ sealed: SealedScopeKey, by device: DeviceIdentity, in council: CouncilFixture) throws -> ScopeKeyring {
        var keyring = ScopeKeyring(device: device)
        try keyring.accept(sealed, membership: council.state, at: council.clock)
        return keyring
    }

    private func signatureRange(_ sealed: SealedScopeKey) -> Range<Int> { sealed.encoded.count - 64..<sealed.encoded.count }

    @Test func rotationSealsTheKeyToEveryEntitledDeviceAndEachAcceptsIt() throws {
        let (council, sealedKeys, key, forBob) = try setUp()
        #expect(Set(sealedKeys.map(\.recipient)) == [council.alice.signing.publicKey, council.bob.signing.publicKey])
        let bobKeys = try accept(forBob, by: council.bob, in: council)
        #expect(Sodium.constantTimeEqual(try bobKeys.readKey(scope: CouncilFixture.group, epoch: 1), key.key))
        #expect(try SealedScopeKey(decoding: forBob.encoded) == forBob)
    }

    @Test func unsignedSealedKeyIsRejected() throws {
        let (council, _, _, forBob) = try setUp()
        let unsigned = try altered(forBob, range: signatureRange, with: [UInt8](repeating: 0, count: 64))
        var bobKeys = ScopeKeyring(device: council.bob)
        #expect(throws: TrustError(.badSignature)) { try bobKeys.accept(unsigned, membership: council.state, at: council.clock) }
        #expect(bobKeys.heldEpochs(of: CouncilFixture.group).isEmpty)
    }

    @Test func wronglySignedSealedKeyIsRejected() throws {
        let (council, _, key, _) = try setUp()
        // Signed by the president's key but naming Alice as issuer.
        let bySomeoneElse = try SealedScopeKey.issue(key, to: council.bob.certificate, by: council.president.signing)
        let issuerStart = bySomeoneElse.encoded.count - 64 - 32
        let forged = try altered(bySomeoneElse, range: { _ in issuerStart..<issuerStart + 32 }, with: council.alice.signing.publicKey.bytes)
        #expect(throws: TrustError(.badSignature)) { try accept(forged, by: council.bob, in: council) }
    }

    @Test func misaddressedSealedKeyIsRejected() throws {
        let (council, sealedKeys, _, _) = try setUp()
        let forAlice = try #require(sealedKeys.first { $0.recipient == council.alice.signing.publicKey })
        #expect(throws: TrustError(.misaddressed)) { try accept(forAlice, by: council.bob, in: council) }
    }

    @Test func keyWhoseCommitmentDiffersFromTheLogIsRejected() throws {
        let (council, _, _, _) = try setUp()
        // Alice hands Bob a different key for the same epoch, honestly committed and signed.
        let other = try ScopeKey.generate(scope: CouncilFixture.group, epoch: 1)
        let split = try SealedScopeKey.issue(other, to: council.bob.certificate, by: council.alice.signing)
        #expect(throws: TrustError(.commitmentMismatch)) { try accept(split, by: council.bob, in: council) }
    }

    @Test func keyThatDoesNotMatchItsSignedCommitmentIsRejected() throws {
        let (council, _, key, forBob) = try setUp()
        // The statement and log agree, but the box holds another key.
        let other = try ScopeKey.generate(scope: CouncilFixture.group, epoch: 1)
        let swappedBox = try SealedScopeKey.issue(other, to: council.bob.certificate, by: council.alice.signing)
        let boxStart = 4 + 32 + 1 + CouncilFixture.group.rawValue.utf8.count + 4 + 32
        let boxRange = boxStart..<boxStart + SealedScopeKey.sealedLength
        let mixed = try altered(forBob, range: { _ in boxRange }, with: Array(swappedBox.encoded[boxRange]))
        #expect(throws: TrustError(.commitmentMismatch)) { try accept(mixed, by: council.bob, in: council) }
        #expect(mixed.commitment == key.commitment)
    }

    @Test func keyIssuedByADeviceTheLogDoesNotAuthoriseIsRejected() throws {
        var (council, _, key, _) = try setUp()
        let stranger = try DeviceIdentity.generate(for: try MemberID.generate())
        let president = try SealedScopeKey.issue(key, to: council.bob.certificate, by: council.president.signing)
        let unknown = try SealedScopeKey.issue(key, to: council.bob.certificate, by: stranger.signing)
        let reader = try council.enrol(.secondCircle, scopes: [], appointedBy: council.secretariat.signing, certifiedBy: council.secretariat.signing)
        try council.log.append(.addToScope(member: reader.member, scope: CouncilFixture.group, access: .read, expiry: nil),
                               signedBy: council.secretariat.signing, at: council.tick())
        let readOnly = try SealedScopeKey.issue(key, to: council.bob.certificate, by: reader.signing)
        for sealed in [president, unknown, readOnly] {
            #expect(throws: TrustError(.notAuthorised)) { try accept(sealed, by: council.bob, in: council) }
        }
    }

    @Test func keyForADeviceNotEntitledIsRejectedEvenIfWellSigned() throws {
        let (council, _, key, _) = try setUp()
        let toPresident = try SealedScopeKey.issue(key, to: council.president.certificate, by: council.alice.signing)
        #expect(throws: TrustError(.notAuthorised)) { try accept(toPresident, by: council.president, in: council) }
    }

    @Test func hostileSealedKeyBytesAreTypedErrorsNeverTraps() throws {
        let (_, _, _, forBob) = try setUp()
        let bytes = forBob.encoded
        for length in 0..<bytes.count {
            #expect(throws: TrustError.self) { try SealedScopeKey(decoding: Array(bytes[0..<length])) }
        }
        #expect(throws: TrustError(.malformed)) { try SealedScopeKey(decoding: bytes + [0]) }
        var zeroEpoch = bytes
        let epochStart = 4 + 32 + 1 + CouncilFixture.group.rawValue.utf8.count
        zeroEpoch.replaceSubrange(epochStart..<epochStart + 4, with: [0, 0, 0, 0])
        #expect(throws: TrustError(.malformed)) { try SealedScopeKey(decoding: zeroEpoch) }
    }
}
