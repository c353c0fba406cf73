import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// A member's slip at enrolment (a new secretariat's acceptance run): a folder already in use, a
/// mistyped root or member id are refused before the relay spends the one-time code.
@Suite(.tags(.slow)) struct EnrolmentMistakeTests {
    @Test func aFolderInUseAMistypedRootOrMemberLeaveTheCodeUnspent() async throws {
        let clock = ManualClock()
        try await TestServer.with("enrol-mistakes", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let secretariat = council.secretariat.device
            let member = try MemberID.generate()
            let now = council.secretariat.instant
            try await secretariat.sign(.appointMember(Appointment(member: member, role: .member, orderNumber: "AR-1", orderDate: now,
                                                                  mandateEnd: now.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            let root = await secretariat.membership.root.publicKey
            func enrol(_ folder: String, code: String, as who: MemberID, root pinned: SigningPublicKey? = nil) async throws -> Device {
                try await Device.enrol(folder: council.folder.url.appendingPathComponent(folder), server: server.url, code: code,
                                       passphrase: ClientCouncil.passphrase, member: who, trustRoot: pinned ?? root,
                                       charterDigest: ClientCouncil.charter, now: clock.now, limits: .interactive)
            }

            // The acceptance run: a mistyped --racine was found only after the relay had spent the code.
            let (typo, _) = try await secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            let wrongRoot = try SigningKeyPair.generate().publicKey
            await #expect { _ = try await enrol("typo", code: typo, as: member, root: wrongRoot) } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.code == .trustRootMismatch && error.text.french.contains("le code n'a pas été utilisé") && error.text.french.contains("et aucune autre")
            }
            #expect(!FileManager.default.fileExists(atPath: council.folder.url.appendingPathComponent("typo").path))
            _ = try await enrol("typo", code: typo, as: member)

            let busy = council.folder.url.appendingPathComponent("busy")
            try FileManager.default.createDirectory(at: busy, withIntermediateDirectories: true)
            try Data("notes".utf8).write(to: busy.appendingPathComponent("notes.txt"))
            let (code, _) = try await secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            await #expect { _ = try await enrol("busy", code: code, as: member) } throws: { error in
                (error as? DeviceError)?.code == .alreadyExists
            }
            _ = try await enrol("fresh", code: code, as: member)
            // The acceptance run: `admin creer` (or `enrol`) run again on a device's folder said only « pas un dossier vide ».
            let (again, _) = try await secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            await #expect { _ = try await enrol("fresh", code: again, as: member) } throws: { error in
                guard let error = error as? DeviceError else { return false }
                return error.code == .alreadyExists && error.text.french.contains("contient déjà un appareil HuisClos : rien n'a été créé, aucun code dépensé")
                    && error.text.english.contains("already holds a HuisClos device")
            }
            _ = try await enrol("fresh-again", code: again, as: member)

            // The acceptance run: a mistyped --membre spent the code (« ce code d'enrôlement est désormais utilisé »).
            let (other, _) = try await secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            await #expect { _ = try await enrol("stranger", code: other, as: try MemberID.generate()) } throws: { error in
                guard let error = error as? APIError else { return false }
                return error.code == .enrolmentMemberUnknown && error.text.french.contains("le code n'a pas été utilisé")
                    && error.text.french.contains("--membre")
            }
            #expect(!FileManager.default.fileExists(atPath: council.folder.url.appendingPathComponent("stranger").path))
            _ = try await enrol("stranger", code: other, as: member)

            // The attacker's review: without a live code, the member check told anyone whether an id
            // was in the council's register. A wrong code is now said first, whatever the member or root.
            for (who, pinned) in [(try MemberID.generate(), root), (member, root), (member, wrongRoot)] {
                await #expect(throws: APIError(.enrolmentCodeInvalid)) {
                    try await SyncClient(server: server.url, device: try .generate()).enrol(code: "pas-un-code", trustRoot: pinned, member: who.bytes)
                }
            }
        }
    }
}
