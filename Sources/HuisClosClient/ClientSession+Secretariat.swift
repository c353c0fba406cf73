public import Foundation
public import HuisClosCrypto
import HuisClosCouncil
import HuisClosDevice
import HuisClosDossiers
public import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol
import HuisClosTerminal
public import HuisClosTrust
import HuisClosWire

/// A council just created: its trust root (handed out with each enrolment code) and the
/// secretariat device's card.
public struct CreatedCouncil: Encodable, Sendable {
    public let root: String
    public let device: DeviceCard
}

/// An enrolment code, with the root it goes with and its expiry (ISO 8601, UTC).
public struct EnrolmentCode: Encodable, Sendable {
    public let code: String
    /// The trust root in hex; nil for a code made without a device (`enrolmentCode(server:…)`).
    public let root: String?
    /// ISO 8601 UTC.
    public let expiresAt: String
    /// The expiry in seconds since 1970, for sentences in the council's time.
    let expiresAtSeconds: Int64

    private enum CodingKeys: String, CodingKey { case code, root, expiresAt }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(code, forKey: .code)
        try container.encode(root, forKey: .root)  // null, not absent, when made without a device
        try container.encode(expiresAt, forKey: .expiresAt)
    }

    init(code: String, root: String?, expiresAt: Date) {
        self.code = code
        self.root = root
        self.expiresAt = ISO8601DateFormatter().string(from: expiresAt)
        expiresAtSeconds = Int64(expiresAt.timeIntervalSince1970)
    }
}

extension ClientSession {
    /// Creates the council and its trust root on a new secretariat device in `folder`, accepting
    /// the charter in file `charter`; returns the root and the device's card, the device locked.
    public static func createCouncil(folder: URL, server: String, adminToken: String, passphrase: String, councilName: String,
                                     orderNumber: String, charter: URL, clock: any WallClock = SystemWallClock(),
                                     randomness: Randomness = .system) async throws -> CreatedCouncil {
        let created = try await Device.createCouncil(
            folder: folder, server: server, adminToken: adminToken, passphrase: passphrase, councilName: councilName,
            member: try randomness.memberID(), orderNumber: orderNumber, charterDigest: try digest(of: charter), now: clock.dateReader)
        let council = CreatedCouncil(root: Hex.encode(await created.membership.root.publicKey.bytes), device: DeviceCard(created.certificate))
        try await created.lock()
        return council
    }

    /// Enrols a new device of `member` in `folder` with the secretariat's `code`, pinning
    /// `trustRoot` and accepting the charter in file `charter`; returns its card, the device locked.
    public static func enrol(folder: URL, server: String, code: String, passphrase: String, member: MemberID,
                             trustRoot: SigningPublicKey, charter: URL, clock: any WallClock = SystemWallClock()) async throws -> DeviceCard {
        let enrolled = try await Device.enrol(folder: folder, server: server, code: code, passphrase: passphrase, member: member,
                                              trustRoot: trustRoot, charterDigest: try digest(of: charter), now: clock.dateReader)
        let card = DeviceCard(enrolled.certificate)
        try await enrolled.lock()
        return card
    }

    /// The digest a device signs for the charter it accepts.
    /// A charter that is missing or unreadable is named (« fichier introuvable : … »), not a bare local failure.
    static func digest(of charter: URL) throws -> [UInt8] {
        try PlaintextFile.requireReadable(atPath: charter.path)
        return Hash.blake2b([UInt8](try Data(contentsOf: charter)))
    }

    /// Signs `event` into the membership log from the secretariat's device, then syncs (keys
    /// follow the log): a certification, a scope grant or withdrawal, a revocation. A member the
    /// log never appointed is refused first, as an id naming nothing (`Register.unknown`, 64).
    public func signAndSync(_ event: MembershipEvent) async throws {
        let named: MemberID? = switch event {
        case let .addToScope(member, _, _, _), let .removeFromScope(member, _): member
        case let .certifyDevice(device): device.member
        default: nil
        }
        if let named, await device.membership.lastRole(of: named) == nil { throw Register.unknown(named.hex) }
        try await device.sign(event)
        _ = try await device.sync()
    }

    /// Gives `member` `access` to `scope`, or withdraws it (`access` nil), signed and synced;
    /// returns false, signing nothing, when the log already says so (the command run again). A
    /// working group or hearing the log never opened is refused: a grant there gives nothing to read.
    public func setAccess(of member: MemberID, to scope: ScopeID, _ access: ScopeAccess?) async throws -> Bool {
        _ = try await device.pullMembership()
        if await device.membership.lastRole(of: member) == nil { throw Register.unknown(member.hex) }
        // Withdrawn whatever its name: an older version granted names that are no group or hearing.
        guard GrantableScope.allows(scope), access == nil || GrantableScope.isPresidential(scope) else {
            throw UsageError(invalid: Text(
                fr: "--portee \(scope.rawValue) : l'accès au conseil suit le rôle (premier cercle, présidence, secrétariat), l'espace public n'est pas chiffré, les notes privées sont à leur membre ; seuls les groupes de travail (groupe:<nom>) et les auditions (audition:<id>) s'accordent",
                en: "--portee \(scope.rawValue): access to the council follows the role (first circle, president, secretariat), the public space is not encrypted, private notes are their member's; only working groups (groupe:<name>) and hearings (audition:<id>) are granted"))
        }
        if access != nil, await device.membership.lastRole(of: member) == .secretariat, scope.rawValue.hasPrefix("group:") {
            throw UsageError(invalid: Text(
                fr: "le secrétariat ne siège pas dans les groupes de travail : leurs dossiers ne sont remis qu'à leurs membres, le secrétariat compris ; rien n'est signé",
                en: "the secretariat does not sit in working groups: their dossiers reach their members only, the secretariat included; nothing is signed"))
        }
        // A withdrawal stays possible whatever the scope: a grant signed by an older version to a
        // group not yet opened must be withdrawable before the group opens (the attacker's review).
        if access != nil, await !device.membership.scopesWithEpochs.contains(scope) {
            throw DossierError(.notFound, Text(
                fr: "Le registre signé ne connaît pas \(scope.text.french) : rien n'est signé. Voyez huisclos groupes liste et huisclos auditions liste ; la présidence crée un groupe (huisclos groupes creer).",
                en: "The membership log knows no \(scope.text.english): nothing is signed. See huisclos groupes liste and huisclos auditions liste; the president creates a group (huisclos groupes creer)."))
        }
        if await device.holdsLasting(access, of: member, to: scope) { return false }
        try await signAndSync(access.map { .addToScope(member: member, scope: scope, access: $0, expiry: nil) } ?? .removeFromScope(member: member, scope: scope))
        return true
    }

    /// Certifies a member's device from its card (`DeviceCard.certificate`) and syncs; returns false,
    /// signing nothing, when the log already certifies this very device for this member (the command
    /// run again, after a lost answer or by mistake). The log is pulled first: a device revoked
    /// since, from any secretariat device, is refused rather than said certified.
    public func certify(_ certificate: CertifiedDevice) async throws -> Bool {
        _ = try await device.pullMembership()
        let membership = await device.membership
        if let revoked = membership.devices(of: certificate.member).first(where: { $0.certificate.signingKey == certificate.signingKey })?.revokedAt {
            throw DeviceError(.notAuthorised, Text(
                fr: "cet appareil (empreinte \(DeviceFingerprint(of: certificate.signingKey))) a été révoqué le \(LocalTime.text(unixSeconds: revoked.unixSeconds, in: .french)) : un appareil révoqué ne se certifie plus. Pour un nouvel appareil, donnez au membre un code d'enrôlement (huisclos admin code)",
                en: "this device (fingerprint \(DeviceFingerprint(of: certificate.signingKey))) was revoked on \(LocalTime.text(unixSeconds: revoked.unixSeconds, in: .english)): a revoked device is not certified again. For a new device, give the member an enrolment code (huisclos admin code)"))
        }
        if membership.certificate(of: certificate.signingKey) == certificate { return false }
        try await signAndSync(.certifyDevice(certificate))
        return true
    }

    /// A new enrolment code valid `days` days, made with the relay's admin token.
    public func enrolmentCode(adminToken: String, days: UInt32) async throws -> EnrolmentCode {
        let created = try await device.enrolmentCode(adminToken: adminToken, validSeconds: days * 86_400)
        return EnrolmentCode(code: created.code, root: Hex.encode(await device.membership.root.publicKey.bytes), expiresAt: created.expiresAt)
    }

    /// A new enrolment code valid `days` days, made on `server` with its admin token alone: for
    /// when no secretariat device is left (the only one lost or stolen). It carries no root: the
    /// new device pins it from the trust root's backup (`huisclos enrol --racine FICHIER`).
    public static func enrolmentCode(server: String, adminToken: String, days: UInt32, clock: any WallClock = SystemWallClock()) async throws -> EnrolmentCode {
        let created = try await Device.enrolmentCode(server: server, adminToken: adminToken, validSeconds: days * 86_400, now: clock.dateReader)
        return EnrolmentCode(code: created.code, root: nil, expiresAt: created.expiresAt)
    }

    /// Writes the trust root, sealed under `passphrase`, to the new file `path` (0600, never
    /// overwritten); with `remove`, reads the file back and only then removes the root from this
    /// device.
    public func exportTrustRoot(passphrase: String, to path: String, remove: Bool) async throws {
        let backup = try await device.exportTrustRoot(passphrase: passphrase)
        try PlaintextFile.write(Data(backup.encoded), toPath: path)
        if remove {
            let written = try RootBackup(decoding: try Self.readRootBackup(path) ?? [])
            try await device.forgetTrustRoot(keeping: written, passphrase: passphrase)
        }
    }

    /// A root backup file's bytes, read up to one byte past a backup's size (a larger file is not
    /// one); nil when the file cannot be opened.
    public static func readRootBackup(_ path: String) throws -> [UInt8]? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return [UInt8](try handle.read(upToCount: RootBackup.encodedBytes + 1) ?? Data())
    }
}
