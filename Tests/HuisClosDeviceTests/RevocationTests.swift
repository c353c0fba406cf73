import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// Revocation, wipe and the offline lease.
@Suite(.tags(.slow)) struct RevocationTests {
    /// A device certified in the log whose key the test holds (to call endpoints by hand).
    static func bareDevice(_ council: CouncilHarness, role: Role, scopes: [ScopeID] = []) async throws -> (key: SigningKeyPair, client: SyncClient) {
        let member = try MemberID.generate()
        try await council.secretariat.sign(.appointMember(Appointment(
            member: member, role: role, orderNumber: "2026-bare", orderDate: council.instant,
            mandateEnd: council.instant.adding(seconds: 86_400 * 365), scopes: scopes)))
        let key = try SigningKeyPair.generate()
        let agreement = try AgreementKeyPair.generate()
        let (code, _) = try await council.secretariat.enrolmentCode(adminToken: TestServer.adminToken)
        let client = SyncClient(server: council.serverURL, device: key)
        _ = try await client.enrol(code: code, agreementKey: agreement.publicKey.bytes)
        try await council.secretariat.sign(.certifyDevice(CertifiedDevice(signingKey: key.publicKey, agreementKey: agreement.publicKey, member: member)))
        return (key, client)
    }

    /// A certified device, logged in, then revoked with a wipe order: its key and its last token.
    static func revokedDevice(_ council: CouncilHarness) async throws -> (key: SigningKeyPair, token: String) {
        let (key, client) = try await Self.bareDevice(council, role: .member)
        try await client.login()
        let token = try #require(await client.currentToken)
        try await council.secretariat.sign(.revokeDevice(device: key.publicKey, wipe: true))
        return (key, token)
    }

    @Test func aRevokedDeviceGets401WithTheSignedWipeOrderOnEveryEndpoint() async throws {
        try await TestServer.with("revoked-401") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let (key, token) = try await Self.revokedDevice(council)

            var pull = Huisclos_V1_PullRequest()
            pull.scope = "council"
            var challenge = Huisclos_V1_ChallengeRequest()
            challenge.device = Data(key.publicKey.bytes)
            let calls: [(HTTPMethod, String, [UInt8]?)] = [
                (.POST, Endpoint.push, Huisclos_V1_PushRequest().wireBytes()),
                (.POST, Endpoint.pull, pull.wireBytes()),
                (.POST, Endpoint.membership, Huisclos_V1_MembershipAppendRequest().wireBytes()),
                (.POST, Endpoint.membershipPull, Huisclos_V1_MembershipPullRequest().wireBytes()),
                (.POST, Endpoint.keys, Huisclos_V1_KeyDrop().wireBytes()),
                (.POST, Endpoint.keysPull, Huisclos_V1_KeyPullRequest().wireBytes()),
                (.POST, Endpoint.files, Huisclos_V1_FileManifest().wireBytes()),
                (.GET, Endpoint.file("abc"), nil),
                (.GET, Endpoint.chunk(file: "abc", hash: [UInt8](repeating: 1, count: 32)), nil),
                (.GET, Endpoint.watch, nil),
            ]
            var refused = 0
            for (method, path, body) in calls {
                let answer = try await RawRequest.send(server.url, method, path, body: body, token: token)
                let error = answer.error
                #expect(answer.status == 401, "\(path)")
                #expect(error?.code == .deviceRevoked, "\(path)")
                let order = try #require(error?.wipeOrder, "\(path)")
                let record = try MembershipRecord(verifying: order)
                #expect(record.event == .revokeDevice(device: key.publicKey, wipe: true))
                #expect(record.signer != key.publicKey)
                if answer.status == 401 { refused += 1 }
            }
            #expect(refused == calls.count)

            // The attacker's review of this stop: anyone asking a login challenge for a revoked key
            // (a president's key is on every public minutes page) received the council's log before
            // the order. The challenge now answers as for any device; the order and the log go to
            // whoever proves the key, at login.
            let asked = try await RawRequest.send(server.url, .POST, Endpoint.challenge, body: challenge.wireBytes())
            #expect(asked.status == 200 && asked.error?.wipeOrder == nil, "\(asked.status)")
            let nonce = try Huisclos_V1_ChallengeResponse(wire: asked.body, limit: 1_024).nonce
            var login = Huisclos_V1_LoginRequest()
            login.device = Data(key.publicKey.bytes)
            login.nonce = nonce
            login.signature = Data(LoginProof.sign(nonce: Array(nonce), with: key))
            let proved = try await RawRequest.send(server.url, .POST, Endpoint.login, body: login.wireBytes())
            #expect(proved.status == 401 && proved.error?.code == .deviceRevoked && proved.error?.wipeLog.isEmpty == false, "\(proved.status)")
            let order = try MembershipRecord(verifying: try #require(proved.error?.wipeOrder))
            #expect(order.event == .revokeDevice(device: key.publicKey, wipe: true))
            let replayed = try await RawRequest.send(server.url, .POST, Endpoint.login, body: login.wireBytes())
            #expect(replayed.error?.code == .challengeInvalid && replayed.error?.wipeOrder == nil, "the proof is spent")
        }
    }

    /// The watch socket's upgrade, refused, carries the same signed wipe order as every other
    /// endpoint's answer (not the WebSocket library's bare 400).
    @Test func aRevokedDeviceGets401WithTheSignedWipeOrderOnTheWatchUpgrade() async throws {
        try await TestServer.with("revoked-watch") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let (key, token) = try await Self.revokedDevice(council)

            let answer = try await RawRequest.upgrade(port: server.port, token: token)
            #expect(answer.status == 401 && answer.error?.code == .deviceRevoked, "\(String(decoding: answer.body.prefix(200), as: UTF8.self))")
            let record = try MembershipRecord(verifying: try #require(answer.error?.wipeOrder))
            #expect(record.event == .revokeDevice(device: key.publicKey, wipe: true))
            #expect(answer.error?.wipeLog.isEmpty == false, "the records before the order travel with it")
        }
    }

    @Test func aRevokedDeviceIsWipedWithinOneSyncAndTheScopeRotates() async throws {
        try await TestServer.with("wipe") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            #expect(await council.secretariat.membership.currentEpoch(of: .council) == 1)
            try await council.secretariat.sign(.revokeDevice(device: alice.certificate.signingKey, wipe: true))
            await #expect(throws: DeviceError(.wiped, DeviceError.Code.wiped.text)) { _ = try await alice.sync() }
            #expect(!FileManager.default.fileExists(atPath: alice.folder.path))
            _ = try await council.secretariat.sync()
            #expect(await council.secretariat.membership.currentEpoch(of: .council) == 2)
        }
    }

    @Test func aDeviceOfflinePastItsLeaseRefusesToUnlockUntilItSyncs() async throws {
        let clock = ManualClock()
        try await TestServer.with("lease", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await CouncilHarness.start(on: server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let folder = alice.folder
            try await alice.lock()
            clock.advance(seconds: 29 * 86_400)
            try await Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: clock.now).lock()
            clock.advance(seconds: 2 * 86_400)
            #expect(throws: DeviceError(.leaseExpired, DeviceError.Code.leaseExpired.text)) {
                try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: clock.now)
            }
            let syncing = try Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: clock.now, toSync: true)
            await #expect(throws: DeviceError(.leaseExpired, DeviceError.Code.leaseExpired.text)) {
                try await syncing.commit([try CouncilHarness.set("d", "t", "x")], scope: .council)
            }
            _ = try await syncing.sync()
            try await syncing.commit([try CouncilHarness.set("d", "t", "x")], scope: .council)
            try await syncing.lock()
            try await Device.unlock(folder: folder, passphrase: CouncilHarness.passphrase, now: clock.now).lock()
        }
    }
}
