import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// A small council built through the real API: root, a secretariat agent, the president, and two
/// members (Alice, Bob) sitting in the working group `group:budget`, every device certified and
/// every undertaking accepted. A clock advances one minute per record.
struct CouncilFixture {
    static let name = "Conseil numérique de la Seine-Saint-Denis"
    static let group = try! ScopeID("group:budget")
    static let charterDigest = Hash.blake2b(Array("Charte de déontologie, version 1".utf8))
    static let start = Instant(unixSeconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let threeYears: Int64 = 3 * 365 * 86_400

    let rootKey: SigningKeyPair
    var log: MembershipLog
    /// The day the council began, and its appointments' order date.
    let began: Instant
    var clock: Instant
    private(set) var secretariat: DeviceIdentity!
    private(set) var president: DeviceIdentity!
    private(set) var alice: DeviceIdentity!
    private(set) var bob: DeviceIdentity!

    var root: TrustRoot { log.state.root }
    var state: MembershipState { log.state }

    /// A council begun at `start` (a log begun after `MembershipState`'s strict rules hold them).
    init(start: Instant = CouncilFixture.start) throws {
        began = start
        clock = start
        rootKey = try SigningKeyPair.generate()
        log = try TrustRoot.establishCouncil(named: Self.name, rootKey: rootKey, at: clock)
        secretariat = try enrol(.secretariat, scopes: [], appointedBy: rootKey, certifiedBy: rootKey)
        president = try enrol(.president, scopes: [], appointedBy: secretariat.signing, certifiedBy: secretariat.signing)
        alice = try enrol(.member, scopes: [Self.group], appointedBy: secretariat.signing, certifiedBy: secretariat.signing)
        bob = try enrol(.member, scopes: [Self.group], appointedBy: secretariat.signing, certifiedBy: secretariat.signing)
    }

    /// The next minute.
    mutating func tick() -> Instant {
        clock = clock.adding(seconds: 60)
        return clock
    }

    /// Appoints a new member, certifies one device for them and has it accept the undertaking.
    mutating func enrol(_ role: Role, scopes: [ScopeID], appointedBy appointer: SigningKeyPair,
                        certifiedBy certifier: SigningKeyPair) throws -> DeviceIdentity {
        let member = try MemberID.generate()
        try log.append(.appointMember(appointment(member, role, scopes: scopes)), signedBy: appointer, at: tick())
        return try addDevice(for: member, certifiedBy: certifier)
    }

    /// Certifies a new device for `member`, has `approver` (another device of the member) approve
    /// it when given, and has it accept the undertaking if the member has not yet in this mandate.
    mutating func addDevice(for member: MemberID, certifiedBy certifier: SigningKeyPair,
                            approvedBy approver: SigningKeyPair? = nil) throws -> DeviceIdentity {
        let device = try DeviceIdentity.generate(for: member)
        try log.append(.certifyDevice(device.certificate), signedBy: certifier, at: tick())
        if let approver {
            try log.append(.approveDevice(member: member, device: device.signing.publicKey), signedBy: approver, at: tick())
        }
        if !state.hasAcceptedUndertaking(member, at: clock) {
            try log.append(.acceptUndertaking(member: member, device: device.signing.publicKey, charterDigest: Self.charterDigest),
                           signedBy: device.signing, at: tick())
        }
        return device
    }

    /// A three-year appointment by order "2026-0142" dated when the council began.
    func appointment(_ member: MemberID, _ role: Role, scopes: [ScopeID]) -> Appointment {
        Appointment(member: member, role: role, orderNumber: "arrêté n° 2026-0142", orderDate: began,
                    mandateEnd: began.adding(seconds: Self.threeYears), scopes: scopes)
    }

    /// The president's keyring, once the secretariat has added the president to the working group:
    /// a shared scope's epochs are started by an office that writes it (`MembershipState.mayStartEpoch`).
    mutating func convenor() throws -> ScopeKeyring {
        try log.append(.addToScope(member: president.member, scope: Self.group, access: .readWrite, expiry: nil),
                       signedBy: secretariat.signing, at: tick())
        return ScopeKeyring(device: president)
    }

    /// Has `keyring` take its sealed key of `rotation`, as its device does at its next sync.
    func receive(_ rotation: EpochRotation, into keyring: inout ScopeKeyring) throws {
        for sealed in rotation.sealedKeys where sealed.recipient == keyring.device.signing.publicKey {
            try keyring.accept(sealed, membership: state, at: clock)
        }
    }

    /// The log's records as relayed bytes.
    var encodedLog: [[UInt8]] { log.records.map(\.encoded) }

    /// Signs the next record with any key, bypassing authorisation (what a hostile relay would forge).
    func forge(_ event: MembershipEvent, signer: SigningKeyPair) throws -> MembershipRecord {
        try MembershipRecord.sign(event, index: state.headIndex + 1, previousHash: state.headHash, issuedAt: clock, signer: signer)
    }
}
