import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Finding 9 of issue 11 (backup part): the trust root has an offline backup, and a lost root
/// device is replaced without losing the power to certify secretariat devices.
@Suite(.tags(.slow)) struct RootBackupTests {
    static let backupPassphrase = "coffre du secrétariat, clé n° 2"

    /// Enrols a device of `member` with a code made with the admin token alone (the relay's
    /// operator; no device needed) and returns it, not yet certified.
    static func enrolUncertified(_ council: CouncilHarness, _ name: String, of member: MemberID, root: SigningPublicKey) async throws -> Device {
        let (code, _) = try await SyncClient(server: council.serverURL, device: nil)
            .createEnrolmentCode(access: DeviceAccess(), adminToken: TestServer.adminToken)
        return try await Device.enrol(folder: council.folder.url.appendingPathComponent(name), server: council.serverURL, code: code,
                                      passphrase: CouncilHarness.passphrase, member: member, trustRoot: root,
                                      charterDigest: CouncilHarness.charter, now: council.clock.now, limits: .interactive)
    }

    @Test func theRootRestoredFromItsBackupOnANewDeviceCertifiesASecretariatDevice() async throws {
        try await TestServer.with("root-backup") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let lost = council.secretariat
            let member = lost.member
            let root = await lost.membership.root.publicKey
            let backup = try await lost.exportTrustRoot(passphrase: Self.backupPassphrase, limits: .interactive).encoded
            #expect(backup.count == RootBackup.encodedBytes)

            // The device holding the root is lost: its folder is gone.
            try await lost.lock()
            try FileManager.default.removeItem(at: lost.folder)

            let replacement = try await Self.enrolUncertified(council, "replacement", of: member, root: root)
            await #expect(throws: DeviceError(.rootBackupInvalid, DeviceError.Code.rootBackupInvalid.text)) {
                try await replacement.restoreTrustRoot(from: RootBackup(decoding: backup), passphrase: "pas la bonne phrase de passe")
            }
            #expect(await !replacement.holdsTrustRoot)
            try await replacement.restoreTrustRoot(from: RootBackup(decoding: backup), passphrase: Self.backupPassphrase)
            #expect(await replacement.holdsTrustRoot)
            #expect(await replacement.membership.certificate(of: replacement.certificate.signingKey) != nil)

            // The restored root certifies a new secretariat device; the relay kept the record and
            // every device verifies it from the pinned root.
            let second = try await Self.enrolUncertified(council, "second", of: member, root: root)
            try await replacement.sign(.certifyDevice(second.certificate))
            // Only the log matters here: the membership step of a sync comes first and is kept even
            // if a later step (keys of a council whose key holder is gone) has nothing to do yet.
            _ = try? await second.sync()
            let state = await second.membership
            #expect(state.certificate(of: second.certificate.signingKey) != nil)
            #expect(state.isDeviceValid(second.certificate.signingKey, at: council.instant))
        }
    }

    @Test func theRootLeavesTheOnlineDeviceOnlyForABackupThatHoldsIt() async throws {
        try await TestServer.with("root-forget") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let secretariat = council.secretariat
            await #expect(throws: ReplicaError(.invalidPassphrase, ReplicaError.Code.invalidPassphrase.text)) {
                _ = try await secretariat.exportTrustRoot(passphrase: "trop court", limits: .interactive)
            }
            let backup = try await secretariat.exportTrustRoot(passphrase: Self.backupPassphrase, limits: .interactive)
            await #expect(throws: DeviceError(.rootBackupInvalid, DeviceError.Code.rootBackupInvalid.text)) {
                try await secretariat.forgetTrustRoot(keeping: backup, passphrase: "pas la bonne phrase de passe")
            }
            #expect(await secretariat.holdsTrustRoot)
            try await secretariat.forgetTrustRoot(keeping: backup, passphrase: Self.backupPassphrase)
            #expect(await !secretariat.holdsTrustRoot)

            // Without the root, no secretariat device is certified from this device.
            let other = try await Self.enrolUncertified(council, "other", of: secretariat.member, root: await secretariat.membership.root.publicKey)
            await #expect(throws: DeviceError(.notSecretariat, DeviceError.Code.notSecretariat.text)) { try await secretariat.sign(.certifyDevice(other.certificate)) }
        }
    }
}
