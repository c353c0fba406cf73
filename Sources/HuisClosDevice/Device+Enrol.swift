public import Foundation
import GRDB
import HuisClosCouncil
public import HuisClosCrypto
public import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosReplica
public import HuisClosSync
public import HuisClosTrust
import HuisClosWire

extension Device {
    /// Enrols a new device of `member` in `folder`: generates its Ed25519 and X25519 keys here
    /// (the secret halves never leave the encrypted replica), registers the public keys with the
    /// relay using the secretariat's one-time `code`, pins `trustRoot` (given by the secretariat
    /// with the code) and verifies the council's log from it.
    ///
    /// `charterDigest` is the BLAKE2b-256 of the confidentiality undertaking and ethics charter
    /// the member accepts: the device signs that acceptance into the log at its first sync after
    /// the secretariat certified it. Nothing is left in `folder` if enrolment fails. `transport` is
    /// how the device reaches the relay (HTTP but in the deterministic simulation).
    public static func enrol(folder: URL, server: String, code: String, passphrase: String, member: MemberID,
                             trustRoot: SigningPublicKey, charterDigest: [UInt8], now: @escaping @Sendable () -> Date = SystemWallClock().dateReader,
                             limits: PasswordKey.Limits = .moderate, transport: any RelayTransport = HTTPRelayTransport()) async throws -> Device {
        let identity = try DeviceIdentity.generate(for: member)
        let profile = DeviceVault.Profile(member: member, signingSeed: try identity.signing.seed(), agreementSeed: identity.agreement.seed(),
                                          server: server, rootKey: trustRoot, rootSeed: nil, charterDigest: charterDigest,
                                          lastSyncSeconds: Int64(now().timeIntervalSince1970))
        let client = SyncClient(server: server, device: identity.signing, transport: transport, now: now)
        // What this device can check alone, before the relay spends the one-time code.
        try requireFreshFolder(folder)
        try Replica.checkStrength(ofNew: passphrase)
        // The relay refuses a root that is not its council's, or a member its log never appointed,
        // before spending the code (a typo in --racine or --membre); the log is still verified from
        // `trustRoot` below, whatever the relay says. Its refusal is said in this device's words: a
        // relay's own text could name another root or member to use.
        do {
            _ = try await client.enrol(code: code, agreementKey: identity.agreement.publicKey.bytes, trustRoot: trustRoot, member: member.bytes)
        } catch {
            throw [.trustRootMismatch, .enrolmentMemberUnknown].contains(error.code) ? APIError(error.code) : error
        }
        do {
            let (records, _) = try await client.pullMembership(from: 0)
            let log = try verifiedLog(records, root: trustRoot, now: now())
            guard log.state.lastRole(of: member) != nil else {
                throw DeviceError(.notAuthorised, Text(
                    fr: "le membre \(member) n'est pas au registre signé de ce conseil : vérifiez --membre auprès du secrétariat (huisclos membres liste)",
                    en: "member \(member) is not in this council's membership log: check --membre with the secretariat (huisclos membres liste)"))
            }
            return try create(folder: folder, passphrase: passphrase, profile: profile, log: log, now: now, limits: limits, transport: transport)
        } catch let error as DeviceError {
            throw DeviceError(error.code, error.text.spendingTheCode)
        } catch let error as ReplicaError {
            throw ReplicaError(error.code, error.text.spendingTheCode)
        }
    }

    /// Refuses a device folder that exists and is not an empty folder this process can list (a
    /// file, an unreadable folder, one in use), before anything is created or spent.
    private static func requireFreshFolder(_ folder: URL, enrolling: Bool = true) throws {
        guard FileManager.default.fileExists(atPath: folder.path) else { return }
        if Replica.isPresent(in: folder) {
            throw DeviceError(.alreadyExists, Text(
                fr: "\(folder.path) contient déjà un appareil HuisClos : rien n'a été créé\(enrolling ? ", aucun code dépensé" : ""). Voyez lequel avec huisclos status --appareil \(folder.path) "
                    + "(l'appareil du secrétariat : le conseil est déjà créé) ; pour un nouvel appareil, choisissez un nouveau dossier",
                en: "\(folder.path) already holds a HuisClos device: nothing was created\(enrolling ? ", no code spent" : ""). See which with huisclos status --device \(folder.path) "
                    + "(the secretariat's device: the council is already created); for a new device, choose a new folder"))
        }
        guard let contents = try? FileManager.default.contentsOfDirectory(atPath: folder.path), contents.isEmpty else {
            throw DeviceError(.alreadyExists, Text(fr: "\(folder.path) n'est pas un dossier vide : choisissez un nouveau dossier pour cet appareil",
                                                  en: "\(folder.path) is not an empty folder: choose a new folder for this device"))
        }
    }

    /// Sets up a council from the secretariat's first device: creates the trust root (kept only
    /// in this device's encrypted replica), the genesis record, the secretariat's appointment and
    /// this device's certificate (signed by the root) and acceptance; registers the root's public
    /// key and these records with the relay (admin token), enrols this device, and starts the
    /// council scope's first key epoch. The records are dated by the relay's clock when it is
    /// behind this device's (within `TrustLimits.relayClockFollowedSecondsMax`): the relay keeps
    /// nothing dated ahead of its clock (TRUST.md, "Clocks").
    public static func createCouncil(folder: URL, server: String, adminToken: String, passphrase: String, councilName: String,
                                     member: MemberID, orderNumber: String, charterDigest: [UInt8],
                                     now: @escaping @Sendable () -> Date = SystemWallClock().dateReader,
                                     limits: PasswordKey.Limits = .moderate,
                                     transport: any RelayTransport = HTTPRelayTransport()) async throws -> Device {
        try requireFreshFolder(folder, enrolling: false)
        let admin = SyncClient(server: server, device: nil, transport: transport, now: now)
        let relayMs = try await admin.measureRelayClock()
        let deviceMs = Int64(now().timeIntervalSince1970 * 1000)
        let clock = CouncilClock(deviceMs: deviceMs, relayAheadMs: relayMs - deviceMs)
        if relayMs < deviceMs, !clock.isRelayFollowed { throw ClockOffset(relayAheadMs: relayMs - deviceMs).relayBehind }
        let instant = clock.signing(after: Instant(unixSeconds: 0))
        let (root, genesisLog) = try TrustRoot.establishCouncil(named: councilName, at: instant)
        var log = genesisLog
        let identity = try DeviceIdentity.generate(for: member)
        // The secretariat's mandate ends as every mandate does (`CouncilRules.mandateEnd`).
        let orderDay = Day(unixSeconds: instant.unixSeconds) ?? Day.first
        let mandateEnd = Instant(unixSeconds: CouncilRules.mandateEnd(from: orderDay).unixSeconds)
        try log.append(.appointMember(Appointment(member: member, role: .secretariat, orderNumber: orderNumber, orderDate: instant,
                                                  mandateEnd: mandateEnd, scopes: [])), signedBy: root, at: instant)
        try log.append(.certifyDevice(identity.certificate), signedBy: root, at: instant)
        try log.append(.acceptUndertaking(member: member, device: identity.signing.publicKey, charterDigest: charterDigest),
                       signedBy: identity.signing, at: instant)

        try await admin.registerCouncil(genesis: log.records[0].encoded, adminToken: adminToken)
        try await admin.appendMembership(log.records.dropFirst().map(\.encoded), adminToken: adminToken)
        let (code, _) = try await admin.createEnrolmentCode(access: DeviceAccess(), adminToken: adminToken)
        _ = try await SyncClient(server: server, device: identity.signing, transport: transport, now: now)
            .enrol(code: code, agreementKey: identity.agreement.publicKey.bytes)

        let profile = DeviceVault.Profile(member: member, signingSeed: try identity.signing.seed(), agreementSeed: identity.agreement.seed(),
                                          server: server, rootKey: root.publicKey, rootSeed: try root.seed(), charterDigest: charterDigest,
                                          lastSyncSeconds: instant.unixSeconds)
        let device = try create(folder: folder, passphrase: passphrase, profile: profile, log: log, now: now, limits: limits,
                                transport: transport)
        try await device.startEpoch(of: .council, reason: .initial)
        return device
    }

    /// Creates the replica, stores the profile and the verified log, and opens the device;
    /// destroys the replica again if any step fails.
    private static func create(folder: URL, passphrase: String, profile: DeviceVault.Profile, log: MembershipLog,
                               now: @escaping @Sendable () -> Date, limits: PasswordKey.Limits,
                               transport: any RelayTransport) throws -> Device {
        try requireFreshFolder(folder)
        let replica = try Replica.create(at: folder, passphrase: passphrase, limits: limits)
        do {
            try DeviceVault.migrator.migrate(replica.database)
            try replica.database.write { db in
                try DeviceVault.save(profile, in: db)
                try DeviceVault.append(records: log.records, in: db)
            }
            return try Device(folder: folder, replica: replica, profile: profile, log: log, now: now, syncOnly: false, transport: transport)
        } catch {
            try? replica.close()
            try? Replica.destroy(at: folder)
            throw error
        }
    }
}

extension Text {
    /// `self`, then that the enrolment code it follows is spent (the relay took it first).
    fileprivate var spendingTheCode: Text {
        Text(fr: "\(french) ; ce code d'enrôlement est désormais utilisé : demandez-en un nouveau au secrétariat",
             en: "\(english); this enrolment code is now spent: ask the secretariat for a new one")
    }
}
