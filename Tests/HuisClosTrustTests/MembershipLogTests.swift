import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// The membership log is verified from the pinned root, record by record: nothing the log does
/// not justify is ever accepted, whoever relays it.
@Suite struct MembershipLogTests {
    @Test func wholeLogVerifiesFromThePinnedRoot() throws {
        let council = try CouncilFixture()
        let verified = try MembershipLog(verifying: council.encodedLog, root: council.root, now: council.clock)
        #expect(verified.records == council.log.records)
        #expect(verified.state.headHash == council.state.headHash)
        #expect(verified.state.councilName == CouncilFixture.name)
    }

    @Test func newCouncilHasAFreshRootItsLogVerifiesFrom() throws {
        let (rootKey, log) = try TrustRoot.establishCouncil(named: CouncilFixture.name, at: CouncilFixture.start)
        #expect(log.state.root == TrustRoot(pinning: rootKey.publicKey))
        #expect(try MembershipLog(verifying: log.records.map(\.encoded), root: log.state.root,
                                     now: CouncilFixture.start).state.headHash == log.state.headHash)
        let longName = String(repeating: "é", count: TrustLimits.councilNameBytesMax)
        #expect(throws: TrustError(.tooLarge)) { try TrustRoot.establishCouncil(named: longName, at: CouncilFixture.start) }
    }

    @Test func logFromAnotherRootIsRefused() throws {
        let council = try CouncilFixture()
        let stranger = TrustRoot(pinning: try SigningKeyPair.generate().publicKey)
        #expect(throws: TrustError(.untrustedRoot)) { try MembershipLog(verifying: council.encodedLog, root: stranger, now: council.clock) }
        #expect(throws: TrustError(.untrustedRoot)) { try MembershipLog(verifying: [], root: council.root, now: council.clock) }
    }

    @Test func forgedSignatureIsRefused() throws {
        let council = try CouncilFixture()
        var records = council.encodedLog
        records[3][records[3].count - 5] ^= 0x01
        #expect(throws: TrustError(.badSignature)) { try MembershipLog(verifying: records, root: council.root, now: council.clock) }
    }

    @Test func recordWhoseSignerFieldWasSwappedIsRefused() throws {
        let council = try CouncilFixture()
        var records = council.encodedLog
        // Claim the root signed the president's certificate: the signature no longer matches.
        let signerOffset = 4 + 8 + 32 + 8
        records[4].replaceSubrange(signerOffset..<signerOffset + 32, with: council.rootKey.publicKey.bytes)
        #expect(throws: TrustError(.badSignature)) { try MembershipLog(verifying: records, root: council.root, now: council.clock) }
    }

    @Test func brokenHashChainIsRefused() throws {
        let council = try CouncilFixture()
        var dropped = council.encodedLog
        dropped.remove(at: 2)
        #expect(throws: TrustError(.brokenChain)) { try MembershipLog(verifying: dropped, root: council.root, now: council.clock) }
        var swapped = council.encodedLog
        swapped.swapAt(2, 3)
        #expect(throws: TrustError(.brokenChain)) { try MembershipLog(verifying: swapped, root: council.root, now: council.clock) }
        var replayed = council.encodedLog
        replayed.append(replayed[2])
        #expect(throws: TrustError(.brokenChain)) { try MembershipLog(verifying: replayed, root: council.root, now: council.clock) }
    }

    @Test func forkedRecordWithTheRightIndexButAnotherPredecessorIsRefused() throws {
        var council = try CouncilFixture()
        let fork = try MembershipRecord.sign(.revokeDevice(device: council.bob.signing.publicKey, wipe: true),
                                             index: council.state.headIndex + 1, previousHash: [UInt8](repeating: 0xAB, count: 32),
                                             issuedAt: council.tick(), signer: council.rootKey)
        var log = council.log
        #expect(throws: TrustError(.brokenChain)) { try log.receive(fork.encoded, now: council.clock) }
        #expect(log.records.count == council.log.records.count)
    }

    @Test func recordDatedBeforeItsPredecessorIsRefused() throws {
        let council = try CouncilFixture()
        let early = try MembershipRecord.sign(.revokeDevice(device: council.bob.signing.publicKey, wipe: false),
                                              index: council.state.headIndex + 1, previousHash: council.state.headHash,
                                              issuedAt: CouncilFixture.start, signer: council.rootKey)
        var log = council.log
        #expect(throws: TrustError(.brokenChain)) { try log.receive(early.encoded, now: council.clock) }
    }

    @Test func recordDatedAheadOfTheClockIsRefusedSoNoSignerCanFreezeTheLog() throws {
        let council = try CouncilFixture()
        // Alice may accept the undertaking herself, but not date it in 2100 to block every later record.
        let future = try MembershipRecord.sign(.acceptUndertaking(member: council.alice.member, device: council.alice.signing.publicKey,
                                                                  charterDigest: CouncilFixture.charterDigest),
                                               index: council.state.headIndex + 1, previousHash: council.state.headHash,
                                               issuedAt: Instant(unixSeconds: 4_102_444_800), signer: council.alice.signing)
        var log = council.log
        #expect(throws: TrustError(.notYetValid)) { try log.receive(future.encoded, now: council.clock) }
        let withinSkew = council.clock.adding(seconds: TrustLimits.recordClockSkewSecondsMax)
        try log.append(.revokeDevice(device: council.bob.signing.publicKey, wipe: false), signedBy: council.rootKey, at: withinSkew)
        let clockBehind = withinSkew.adding(seconds: -TrustLimits.recordClockSkewSecondsMax - 1)
        #expect(throws: TrustError(.notYetValid)) {
            try MembershipLog(verifying: log.records.map(\.encoded), root: council.root, now: clockBehind)
        }
    }

    @Test func memberDeviceCannotAppointAnyone() throws {
        var council = try CouncilFixture()
        let stranger = try MemberID.generate()
        let event = MembershipEvent.appointMember(council.appointment(stranger, .member, scopes: []))
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(event, signedBy: council.alice.signing, at: council.tick()) }
        #expect(council.state.role(of: stranger, at: council.clock) == nil)
    }

    @Test func deviceCertificateNotIssuedByTheSecretariatIsRefused() throws {
        var council = try CouncilFixture()
        let extra = try DeviceIdentity.generate(for: council.alice.member)
        // Alice's own device, and the president's, cannot certify devices.
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.certifyDevice(extra.certificate), signedBy: council.alice.signing, at: council.tick())
        }
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.certifyDevice(extra.certificate), signedBy: council.president.signing, at: council.tick())
        }
        #expect(!council.state.isDeviceValid(extra.signing.publicKey, at: council.clock))
    }

    @Test func onlyTheRootCertifiesSecretariatDevices() throws {
        var council = try CouncilFixture()
        let second = try DeviceIdentity.generate(for: council.secretariat.member)
        #expect(throws: TrustError(.notAuthorised)) {
            try council.log.append(.certifyDevice(second.certificate), signedBy: council.secretariat.signing, at: council.tick())
        }
        try council.log.append(.certifyDevice(second.certificate), signedBy: council.rootKey, at: council.tick())
        #expect(council.state.isDeviceValid(second.signing.publicKey, at: council.clock))
    }

    @Test func serverInjectedMemberOrDeviceIsRefused() throws {
        var council = try CouncilFixture()
        let server = try SigningKeyPair.generate()
        let intruder = try DeviceIdentity.generate(for: try MemberID.generate())
        let appoint = try council.forge(.appointMember(council.appointment(intruder.member, .member, scopes: [CouncilFixture.group])),
                                        signer: server)
        let certify = try council.forge(.certifyDevice(intruder.certificate), signer: server)
        let addToAlice = try council.forge(.certifyDevice(CertifiedDevice(signingKey: server.publicKey,
                                                                          agreementKey: intruder.agreement.publicKey,
                                                                          member: council.alice.member)), signer: server)
        for record in [appoint, certify, addToAlice] {
            #expect(throws: TrustError(.notAuthorised)) { try council.log.receive(record.encoded, now: council.clock) }
        }
        // Nor can it strip the signature and claim the root signed.
        var claimed = certify.encoded
        claimed.replaceSubrange(52..<84, with: council.rootKey.publicKey.bytes)
        #expect(throws: TrustError(.badSignature)) { try council.log.receive(claimed, now: council.clock) }
        #expect(council.state.entitledDevices(to: CouncilFixture.group, at: council.clock).allSatisfy { $0.member != intruder.member })
        #expect(!council.state.isDeviceValid(server.publicKey, at: council.clock))
    }

    @Test func recordFromAnotherCouncilsLogIsRefused() throws {
        var council = try CouncilFixture()
        let other = try CouncilFixture()
        #expect(throws: TrustError(.brokenChain)) { try council.log.receive(other.encodedLog[5], now: council.clock) }
    }

    @Test func revokedDeviceCanNoLongerSign() throws {
        var council = try CouncilFixture()
        try council.log.append(.revokeDevice(device: council.secretariat.signing.publicKey, wipe: true),
                               signedBy: council.rootKey, at: council.tick())
        let event = MembershipEvent.appointMember(council.appointment(try MemberID.generate(), .member, scopes: []))
        #expect(throws: TrustError(.notAuthorised)) { try council.log.append(event, signedBy: council.secretariat.signing, at: council.tick()) }
        #expect(council.state.isWipeOrdered(for: council.secretariat.signing.publicKey))
    }

    @Test func everyTruncationOrFlippedByteOfARecordIsRefusedNeverATrap() throws {
        let council = try CouncilFixture()
        let record = council.log.records[5].encoded
        for length in 0..<record.count {
            #expect(throws: TrustError.self) { try MembershipRecord(verifying: Array(record[0..<length])) }
        }
        #expect(throws: TrustError(.malformed)) { try MembershipRecord(verifying: record + [0]) }
        for index in record.indices {
            var tampered = record
            tampered[index] ^= 0x10
            #expect(throws: TrustError.self) { try MembershipRecord(verifying: tampered) }
        }
    }
}
