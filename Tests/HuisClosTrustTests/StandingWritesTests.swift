import HuisClosCrypto
import HuisClosProtocol
@testable import HuisClosTrust
import Testing

/// A revocation names the last batch of the revoked device's chain it lets stand, per scope
/// (MEMBERSHIP.md, type 8): the judgement depends on the record alone, never on when a replica
/// learned of it.
@Suite struct StandingWritesTests {
    @Test func theRevocationKeepsExactlyTheSequencesItNamesAndTheRestKeepsThePositionRule() throws {
        var council = try CouncilFixture()
        let alice = council.alice!.signing.publicKey
        let position = council.state.headIndex
        try council.log.append(.revokeDevice(device: alice, wipe: true, standing: StandingWrites([.council: 2])),
                               signedBy: council.secretariat.signing, at: council.tick())
        let revokedAt = council.clock
        let state = council.state
        #expect(!state.lostWriteRight(of: alice, to: .council, after: position, sequence: 1))
        #expect(!state.lostWriteRight(of: alice, to: .council, after: position, sequence: 2))
        #expect(state.lostWriteRight(of: alice, to: .council, after: position, sequence: 3), "beyond the cut")
        #expect(state.lostWriteRight(of: alice, to: CouncilFixture.group, after: position, sequence: 1), "a scope not named: position rule")
        #expect(!state.revocationKeeps(alice, scope: .council, sequence: 1, position: state.headIndex), "written after the revocation")
        // Stamped after the revocation's date, a standing write is judged just before it.
        #expect(state.writeInstant(of: alice, at: revokedAt.adding(seconds: 90), kept: true) == revokedAt.adding(seconds: -1))
        #expect(state.writeInstant(of: alice, at: revokedAt.adding(seconds: 90), kept: false) == revokedAt.adding(seconds: 90))
        #expect(state.mayWrite(device: alice, scope: .council, at: revokedAt.adding(seconds: -1)))
    }

    @Test func aRevocationWithoutStandingWritesKeepsTodaysRule() throws {
        var council = try CouncilFixture()
        let alice = council.alice!.signing.publicKey
        let position = council.state.headIndex
        try council.log.append(.revokeDevice(device: alice, wipe: false), signedBy: council.secretariat.signing, at: council.tick())
        #expect(council.state.lostWriteRight(of: alice, to: .council, after: position, sequence: 1))
        let record = try #require(council.log.records.last)
        #expect(try MembershipRecord(verifying: record.encoded).event == .revokeDevice(device: alice, wipe: false, standing: nil))
    }

    @Test func standingWritesHaveOneEncoding() throws {
        let device = try SigningKeyPair.generate().publicKey
        let standing = try #require(StandingWrites([.council: 7, try ScopeID("group:budget"): 0]))
        let payload = MembershipEvent.revokeDevice(device: device, wipe: true, standing: standing).encodePayload()
        #expect(try MembershipEvent.decode(kind: .revokeDevice, payload: payload) == .revokeDevice(device: device, wipe: true, standing: standing))
        let bare = Array(payload.prefix(33))
        #expect(throws: WireError.self, "an empty list is the record without the field") { try MembershipEvent.decode(kind: .revokeDevice, payload: bare + [0]) }
        // council < group:budget: the same two entries swapped are not ascending.
        let council = Array(payload[34..<(34 + 1 + 7 + 8)]), group = Array(payload[(34 + 16)...])
        #expect(throws: WireError.self) { try MembershipEvent.decode(kind: .revokeDevice, payload: bare + [2] + group + council) }
        #expect(StandingWrites([:]) == nil)
    }
}
