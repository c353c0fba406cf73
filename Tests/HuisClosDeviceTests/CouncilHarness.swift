import Foundation
import GRDB
import HuisClosCrypto
import HuisClosDevice
import HuisClosEngine
import HuisClosProtocol
import HuisClosReplica
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust

/// A council on a real relay on loopback: the secretariat's device (holding the trust root) and
/// members' devices enrolled through the real endpoints, all sharing one injected clock.
struct CouncilHarness {
    static let passphrase = "phrase de passe du test"
    static let charter = Hash.blake2b(Array("Charte de déontologie et engagement de confidentialité v1".utf8))

    let serverURL: String
    let folder: TemporaryFolder
    let clock: ManualClock
    let secretariat: Device

    /// Sets up the council on `server`.
    static func start(on server: TestServer, clock: ManualClock = ManualClock()) async throws -> CouncilHarness {
        try await start(at: server.url, clock: clock)
    }

    /// Sets up the council on the relay at `serverURL`.
    static func start(at serverURL: String, clock: ManualClock = ManualClock()) async throws -> CouncilHarness {
        let folder = try TemporaryFolder("council")
        let secretariat = try await Device.createCouncil(
            folder: folder.url.appendingPathComponent("secretariat"), server: serverURL, adminToken: TestServer.adminToken,
            passphrase: passphrase, councilName: "Conseil numérique de la Seine-Saint-Denis", member: try MemberID.generate(),
            orderNumber: "2026-0001", charterDigest: charter, now: clock.now, limits: .interactive)
        return CouncilHarness(serverURL: serverURL, folder: folder, clock: clock, secretariat: secretariat)
    }

    var instant: Instant { Instant(unixSeconds: Int64(clock.now().timeIntervalSince1970)) }

    /// Appoints a member with `role` (and `scopes`), enrols a device of theirs, certifies it, and
    /// syncs until it holds the keys of its scopes.
    func enrolMember(_ name: String, role: Role = .member, scopes: [ScopeID] = []) async throws -> Device {
        let member = try MemberID.generate()
        try await secretariat.sign(.appointMember(Appointment(member: member, role: role, orderNumber: "2026-\(name)", orderDate: instant,
                                                              mandateEnd: instant.adding(seconds: 3 * 365 * 86_400), scopes: scopes)))
        return try await enrolDevice(name, of: member)
    }

    /// Enrols one more device of `member`.
    func enrolDevice(_ name: String, of member: MemberID) async throws -> Device {
        let (code, _) = try await secretariat.enrolmentCode(adminToken: TestServer.adminToken)
        let device = try await Device.enrol(folder: folder.url.appendingPathComponent(name), server: serverURL, code: code,
                                            passphrase: Self.passphrase, member: member,
                                            trustRoot: await secretariat.membership.root.publicKey, charterDigest: Self.charter,
                                            now: clock.now, limits: .interactive)
        try await secretariat.sign(.certifyDevice(device.certificate))
        _ = try await device.sync()        // signs the undertaking
        _ = try await secretariat.sync()   // seals the keys of its scopes to it
        _ = try await device.sync()        // receives them
        return device
    }

    /// A text field of a record, as the device's merged tables hold it.
    static func text(_ device: Device, scope: ScopeID, kind: String, id: String, field: String) throws -> String? {
        try device.store.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM fields WHERE scope = ? AND kind = ? AND id = ? AND name = ?",
                                arguments: [scope.rawValue, kind, id, field])
        }
    }

    /// A change setting `field` of a member's working note (a kind no role rule governs: any member in office writes it).
    static func set(_ id: String, _ field: String, _ text: String) throws -> Change {
        .set(try RecordKey(kind: "working-note", id: id), field: field, value: .text(text))
    }

    func remove() { folder.remove() }
}
