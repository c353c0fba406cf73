import CSodium
import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosProtocol
import HuisClosTrust

/// One party of a run: the secretariat's device (party 0) or a member's device, each a real
/// device folder with its encrypted replica, opened and closed as the run crashes and restarts it.
struct Party {
    let name: String
    let folder: URL
    /// How far its clock is from true time.
    let skewSeconds: Int64
    let signingKey: SigningPublicKey
    /// The open device; nil while crashed (closed) and after a wipe.
    var device: Device?
    /// The number of writes the run had made when the secretariat revoked this device.
    var revokedAtWrite: Int?
    /// Its replica was destroyed by the secretariat's wipe order.
    var wiped = false

    var isRevoked: Bool { revokedAtWrite != nil }
}

/// One change a party committed: a record of its own (`id`) whose text is a plaintext marker.
struct Write {
    let party: Int
    let id: String
    let marker: String
    let batch: BatchID
    /// Made by a device already revoked: it must never be merged by another device.
    let unauthorised: Bool
    /// The relay acknowledged its batch (it left the device's outbox).
    var acknowledged = false
}

/// How a run sets up its council over the simulated network: the secretariat creates it, then
/// each member is appointed, enrols a device, is certified, signs the undertaking and gets the keys.
enum SimulatedCouncil {
    static let passphrase = "phrase de passe de la simulation"
    static let charter = Hash.blake2b(Array("Charte de déontologie et engagement de confidentialité v1".utf8))
    /// The relay's address as the devices store it (the simulated network ignores it).
    static let server = "http://relay.simulation"
    /// Argon2id at libsodium's minimum cost: the simulation unlocks devices thousands of times,
    /// and the passphrase's strength is not what it tests.
    static let limits = PasswordKey.Limits(opsLimit: UInt64(crypto_pwhash_opslimit_min()),
                                           memLimitBytes: UInt64(crypto_pwhash_memlimit_min()))

    /// The secretariat's device, the council created.
    static func create(in folder: URL, skewSeconds: Int64, time: SimulatedTime, network: SimulatedNetwork) async throws -> Party {
        let location = folder.appendingPathComponent("secretariat")
        let device = try await Device.createCouncil(
            folder: location, server: server, adminToken: InProcessRelay.adminToken, passphrase: passphrase,
            councilName: "Conseil numérique de la simulation", member: try MemberID.generate(), orderNumber: "2027-0001",
            charterDigest: charter, now: time.reader(skewSeconds: skewSeconds), limits: limits,
            transport: SimulatedLink(network: network, party: 0))
        return Party(name: "secretariat", folder: location, skewSeconds: skewSeconds, signingKey: device.certificate.signingKey, device: device)
    }

    /// A member appointed by `secretariat`, with one device enrolled, certified and holding the council's key.
    static func enrolMember(_ index: Int, in folder: URL, skewSeconds: Int64, secretariat: Party, time: SimulatedTime,
                            network: SimulatedNetwork) async throws -> Party {
        let name = "membre\(index)"
        // The order is dated by the secretariat's clock, an hour before it is recorded.
        let instant = Instant(unixSeconds: Int64(time.reader(skewSeconds: secretariat.skewSeconds)().timeIntervalSince1970) - 3600)
        let secretariat = secretariat.device!
        let member = try MemberID.generate()
        try await secretariat.sign(.appointMember(Appointment(member: member, role: .member, orderNumber: "2027-\(name)", orderDate: instant,
                                                              mandateEnd: instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
        let (code, _) = try await secretariat.enrolmentCode(adminToken: InProcessRelay.adminToken)
        let location = folder.appendingPathComponent(name)
        let device = try await Device.enrol(folder: location, server: server, code: code, passphrase: passphrase, member: member,
                                            trustRoot: await secretariat.membership.root.publicKey, charterDigest: charter,
                                            now: time.reader(skewSeconds: skewSeconds), limits: limits,
                                            transport: SimulatedLink(network: network, party: index))
        try await secretariat.sign(.certifyDevice(device.certificate))
        _ = try await device.sync()       // signs the undertaking
        _ = try await secretariat.sync()  // seals the council's key to it
        _ = try await device.sync()       // receives it
        return Party(name: name, folder: location, skewSeconds: skewSeconds, signingKey: device.certificate.signingKey, device: device)
    }

    /// Opens `party`'s device again after a crash.
    static func reopen(_ party: Party, index: Int, time: SimulatedTime, network: SimulatedNetwork) throws -> Device {
        try Device.unlock(folder: party.folder, passphrase: passphrase, now: time.reader(skewSeconds: party.skewSeconds),
                          transport: SimulatedLink(network: network, party: index))
    }
}
