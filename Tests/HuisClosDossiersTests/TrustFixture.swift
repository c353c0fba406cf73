import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// A council's membership log built through the real API — secretariat, president, Alice, Bob,
/// Chloé (members) and a guest — each with one certified device that accepted the undertaking.
struct TrustFixture {
    static let start = Instant(unixSeconds: 1_767_225_600)  // 2026-01-01T00:00:00Z
    static let charter = Hash.blake2b(Array("Charte de déontologie".utf8))

    var log: MembershipLog
    var clock = TrustFixture.start
    var devices: [String: DeviceIdentity] = [:]

    init() throws {
        let root = try SigningKeyPair.generate()
        log = try TrustRoot.establishCouncil(named: "Conseil numérique de la Seine-Saint-Denis", rootKey: root, at: clock)
        try enrol("secretariat", .secretariat, appointer: root)
        let secretariat = devices["secretariat"]!.signing
        try enrol("president", .president, appointer: secretariat)
        for name in ["alice", "bob", "chloe"] { try enrol(name, .member, appointer: secretariat) }
        try enrol("guest", .guest, appointer: secretariat)
    }

    /// A minute later.
    mutating func tick() -> Instant {
        clock = clock.adding(seconds: 60)
        return clock
    }

    /// The keyring of `name`'s device, aware of the log.
    func keyring(_ name: String) -> ScopeKeyring {
        var keyring = ScopeKeyring(device: devices[name]!)
        keyring.observe(log.state)
        return keyring
    }

    private mutating func enrol(_ name: String, _ role: Role, appointer: SigningKeyPair) throws {
        let member = try MemberID.generate()
        try log.append(.appointMember(Appointment(member: member, role: role, orderNumber: "arrêté 2026-01", orderDate: Self.start,
                                                  mandateEnd: Self.start.adding(seconds: 3 * 365 * 86_400), scopes: [])),
                       signedBy: appointer, at: tick())
        let device = try DeviceIdentity.generate(for: member)
        try log.append(.certifyDevice(device.certificate), signedBy: appointer, at: tick())
        try log.append(.acceptUndertaking(member: member, device: device.signing.publicKey, charterDigest: Self.charter),
                       signedBy: device.signing, at: tick())
        devices[name] = device
    }
}
