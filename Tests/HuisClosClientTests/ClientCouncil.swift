import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDevice
import HuisClosEngine
import HuisClosProtocol
import HuisClosServer
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import Synchronization

/// A council on a real relay on loopback for the client layer's workflows, called directly (no
/// process): the secretariat's session and members' devices, all on one manual clock.
struct ClientCouncil {
    static let passphrase = "phrase de passe du test"
    static let charter = Hash.blake2b(Array("Charte de déontologie et engagement de confidentialité v1".utf8))

    let server: TestServer
    let folder: TemporaryFolder
    let clock: ManualClock
    /// The secretariat's session (its device holds the trust root).
    let secretariat: ClientSession

    /// Creates the council on `server`, whose clock must be `clock`; the secretariat reaches it
    /// through `transport`.
    static func start(_ server: TestServer, clock: ManualClock, transport: any RelayTransport = HTTPRelayTransport()) async throws -> ClientCouncil {
        let folder = try TemporaryFolder("client-council")
        let device = try await Device.createCouncil(
            folder: folder.url.appendingPathComponent("secretariat"), server: server.url, adminToken: TestServer.adminToken,
            passphrase: passphrase, councilName: "Conseil numérique de la Seine-Saint-Denis", member: try MemberID.generate(),
            orderNumber: "2026-0001", charterDigest: charter, now: clock.now, limits: .interactive, transport: transport)
        return ClientCouncil(server: server, folder: folder, clock: clock, secretariat: ClientSession(device: device, clock: clock))
    }

    /// Appoints a member with `role` in the log, enrols and certifies a device of theirs, and
    /// syncs until it holds its keys.
    func enrol(_ name: String, role: Role = .member) async throws -> Device {
        let member = try MemberID.generate()
        let now = secretariat.instant
        try await secretariat.device.sign(.appointMember(Appointment(member: member, role: role, orderNumber: "2026-\(name)", orderDate: now,
                                                                     mandateEnd: now.adding(seconds: 3 * 365 * 86_400), scopes: [])))
        return try await enrolDevice(name, of: member)
    }

    /// Enrols and certifies a device of `member` (appointed already: a member, a hearing's guest),
    /// and syncs until it holds its keys.
    func enrolDevice(_ name: String, of member: MemberID) async throws -> Device {
        let (code, _) = try await secretariat.device.enrolmentCode(adminToken: TestServer.adminToken)
        let device = try await Device.enrol(folder: folder.url.appendingPathComponent(name), server: server.url, code: code,
                                            passphrase: Self.passphrase, member: member,
                                            trustRoot: await secretariat.device.membership.root.publicKey, charterDigest: Self.charter,
                                            now: clock.now, limits: .interactive)
        try await secretariat.device.sign(.certifyDevice(device.certificate))
        _ = try await device.sync()
        _ = try await secretariat.device.sync()
        _ = try await device.sync()
        return device
    }

    /// Writes a small text file in the council's folder.
    func file(_ name: String, _ text: String) throws -> URL {
        let url = folder.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }

    func remove() { folder.remove() }
}

/// The outcomes a sync hands to `onSync`, kept for the test to read.
final class Outcomes: Sendable {
    private let kept = Mutex<[SyncOutcome]>([])

    func append(_ outcome: SyncOutcome) { kept.withLock { $0.append(outcome) } }

    /// Every hearing closed so far.
    var hearingsClosed: [String] { kept.withLock { $0.flatMap(\.hearingsClosed) } }
}

extension ClientCouncil {
    /// Runs `body` on a council whose secretariat time-stamps with a real `openssl ts` authority
    /// on loopback (configured; `body` gets its session and the authority), on a relay sharing the council's manual clock; stops the
    /// authority and removes the council afterwards, whatever happens.
    static func withTimestamping(_ label: String, _ body: (ClientCouncil, CouncilSession, TSATestServer) async throws -> Void) async throws {
        let clock = ManualClock()
        try await TestServer.with(label, configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let tsa = try await TSATestServer.start(in: council.folder.url.appendingPathComponent("tsa"))
            do {
                let secretariat = try await council.secretariat.councilSession()
                try secretariat.configureTimestamping(url: tsa.url, rootFile: tsa.rootFile.path)
                try await body(council, secretariat, tsa)
            } catch {
                await tsa.stop()
                throw error
            }
            await tsa.stop()
        }
    }

}
