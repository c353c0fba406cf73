public import Foundation
import GRDB
public import HuisClosCouncil
import HuisClosCouncilStore
public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
public import HuisClosTrust
import HuisClosWire

extension Device {
    /// True when this device holds the council's trust root (the secretariat's first device).
    public var holdsTrustRoot: Bool { profile.rootSeed != nil }

    /// Signs `event` into the membership log and has the relay keep it: appointments, scope
    /// grants and removals, device certificates, revocations, mandate ends.
    ///
    /// Signed with the trust root when the log requires it (appointing a secretariat member,
    /// certifying or revoking a secretariat device, ending a secretariat mandate:
    /// `MembershipState.needsRootSignature`) and this device holds it, else with this device's
    /// key; the log's rules decide whether the signer may (`DeviceError.notAuthorised` otherwise,
    /// nothing sent). Keys follow at the next sync: new members receive the current keys, and a
    /// removal or revocation starts a new epoch from a secretariat device so whoever left gets nothing new.
    /// `beforeSending` runs once the record is signed and before it leaves: what goes with it in
    /// the replica (a new member's profile) is there should its answer be lost.
    public func sign(_ event: MembershipEvent, beforeSending: @Sendable () throws -> Void = {}) async throws {
        var signer = identity.signing
        var revokesItself = false
        if case let .revokeDevice(device, _, _) = event { revokesItself = device == certificate.signingKey }
        if context.membership.needsRootSignature(event, at: context.readingInstant), !revokesItself {
            guard let seed = profile.rootSeed else {
                throw DeviceError(.notSecretariat, Text(
                    fr: "seul l'appareil qui détient la racine de confiance nomme, certifie, révoque ou met fin à un membre ou un appareil du secrétariat",
                    en: "only the device holding the trust root appoints, certifies, revokes or ends a secretariat member or device"))
            }
            signer = try SigningKeyPair.fromSeed(seed)
        }
        // The revoked device's batches the relay holds, so the revocation lets them stand (`withStandingWrites`).
        if case .revokeDevice(_, _, nil) = event { _ = try await sync() }
        try await Self.$signsForACommand.withValue(true) { try await append(event, signer: signer, beforeSending: beforeSending) }
    }

    /// A one-time enrolment code from the relay (admin token). With a council registered it only
    /// admits a device's keys; what the device may read comes from the membership log.
    public func enrolmentCode(adminToken: String, validSeconds: UInt32 = 0) async throws -> (code: String, expiresAt: Date) {
        try await client.createEnrolmentCode(access: DeviceAccess(), validSeconds: validSeconds, adminToken: adminToken)
    }

    /// An enrolment code made on `server` with its admin token alone, without a device: for when
    /// no secretariat device is left (the only one lost or stolen).
    public static func enrolmentCode(server: String, adminToken: String, validSeconds: UInt32,
                                     now: @escaping @Sendable () -> Date) async throws -> (code: String, expiresAt: Date) {
        try await SyncClient(server: server, device: nil, transport: HTTPRelayTransport(), now: now)
            .createEnrolmentCode(access: DeviceAccess(), validSeconds: validSeconds, adminToken: adminToken)
    }
}

extension Device {
    /// Appoints every row of a file checked whole by `AppointmentImport.plan`: one appointment
    /// record each, signed together (a refusal by the log leaves none signed), each person's
    /// profile (name, category, gender) recorded in the council scope, then the records relayed —
    /// the profiles first, so that a run again after a lost answer finds these people in office.
    /// Returns the new member ids in the rows' order; the caller syncs once afterwards.
    public func appoint(_ rows: [AppointmentImport.Row]) async throws -> [MemberID] {
        let ids = try rows.map { _ in try MemberID.generate() }
        let signer = identity.signing
        try await changeMembership { log, _, instant in
            for (row, id) in zip(rows, ids) {
                let role: Role = switch row.role {
                case .member: .member
                case .president: .president
                case .secondCircle: .secondCircle
                }
                let appointment = Appointment(member: id, role: role, orderNumber: row.orderNumber,
                                              orderDate: Instant(unixSeconds: row.orderDay.unixSeconds),
                                              mandateEnd: Instant(unixSeconds: row.termEnd.unixSeconds), scopes: [])
                do throws(TrustError) {
                    _ = try log.append(.appointMember(appointment), signedBy: signer, at: instant)
                } catch {
                    throw DeviceError(.notAuthorised, Text(fr: "ligne \(row.line) : le registre signé refuse cette nomination : \(error.text.french)",
                                                      en: "line \(row.line): the membership log refuses this appointment: \(error.text.english)"))
                }
            }
            for (row, id) in zip(rows, ids) {
                try council.recordProfile(member: id.hex, name: row.name, category: row.category, gender: row.gender)
            }
            return nil
        }
        return ids
    }
}

extension Device {
    /// Renews `member`'s mandate in one step: checked first on `register` as of `today`
    /// (`Register.renewal`: same circle and profile, no third mandate, no 31st seat), then signed
    /// into the log together — the running mandate's end at its term, if it still runs, and the
    /// appointment — so a refusal leaves neither signed. The role is the latest mandate's, except
    /// the presidency: kept by a sitting president, given back to a former one only `asPresident`
    /// (the council has one; the log refuses a second). A device does not follow its member into
    /// another role: the member's devices left without a valid role are returned, to be replaced.
    /// The others stay valid and sign the new mandate's undertaking at their next sync.
    public func renewMandate(of member: MemberID, orderNumber: String, on orderDay: Day, early: Bool = false, asPresident: Bool = false,
                             register: Register, today: Day) async throws -> MandateRenewal {
        let mandate = try register.renewal(of: member.hex, orderNumber: orderNumber, on: orderDay, today: today, early: early)
        let signer = identity.signing
        var renewal = MandateRenewal(mandate: mandate, role: .member, formerRole: .member, devicesLeftBehind: [])
        try await changeMembership { log, _, instant in
            guard let last = log.state.lastRole(of: member) else {
                throw DeviceError(.notAuthorised, Text(fr: "le membre \(member) n'a pas de mandat à renouveler dans le registre signé : voyez huisclos membres liste",
                                                          en: "member \(member) has no mandate in the membership log to renew: see huisclos membres liste"))
            }
            let sitting = log.state.role(of: member, at: instant) == .president
            let role: Role = sitting || asPresident ? .president : last == .president ? .member : last
            let standing = log.state.devices(of: member).filter { $0.revokedAt == nil }
            do throws(TrustError) {
                if log.state.role(of: member, at: instant) != nil {
                    _ = try log.append(.endMandate(member: member, reason: .term), signedBy: signer, at: instant)
                }
                let appointment = Appointment(member: member, role: role, orderNumber: orderNumber,
                                              orderDate: Instant(unixSeconds: orderDay.unixSeconds),
                                              mandateEnd: Instant(unixSeconds: mandate.termEnd.unixSeconds), scopes: [])
                _ = try log.append(.appointMember(appointment), signedBy: signer, at: instant)
            } catch {
                throw DeviceError(.notAuthorised, Text(fr: "le registre signé refuse ce renouvellement : \(error.text.french)",
                                                          en: "the membership log refuses this renewal: \(error.text.english)"))
            }
            renewal = MandateRenewal(mandate: mandate, role: role, formerRole: last,
                                     devicesLeftBehind: standing.filter { !log.state.isDeviceValid($0.certificate.signingKey, at: instant) })
            return nil
        }
        return renewal
    }
}

/// A renewal signed (`Device.renewMandate`): the new mandate, its role and the former one, and
/// the member's devices not revoked that are not valid for the new role (certified under another).
public struct MandateRenewal: Sendable {
    public let mandate: Mandate
    public let role: Role
    public let formerRole: Role
    public let devicesLeftBehind: [MemberDevice]
}

/// Backup and recovery of the council's trust root (issue 11, finding 9; SECURITY.md, "The trust
/// root: backup and recovery"). The root signs what only it may sign (secretariat devices,
/// secretariat appointments); losing the one device that holds it would freeze the council's
/// secretariat for ever, so it is exported sealed under its own passphrase and kept offline.
extension Device {
    /// The trust root sealed under `passphrase` (Argon2id `limits`, XChaCha20-Poly1305), for an
    /// offline copy. Only on the device holding the root (`.notSecretariat` otherwise); the
    /// passphrase obeys the same minimum as a replica's (`ReplicaError.invalidPassphrase`).
    public func exportTrustRoot(passphrase: String, limits: PasswordKey.Limits = .moderate) throws -> RootBackup {
        try Replica.checkStrength(ofNew: passphrase)
        return try RootBackup.seal(try heldRoot(), passphrase: passphrase, limits: limits)
    }

    /// Removes the trust root from this online device, once `backup` is proven to hold it:
    /// opened with `passphrase`, it must give back this very root. The device stays a secretariat
    /// device; what only the root signs then needs `restoreTrustRoot` on a device first.
    public func forgetTrustRoot(keeping backup: RootBackup, passphrase: String) throws {
        let held = try heldRoot()
        guard try backup.open(passphrase: passphrase).publicKey == held.publicKey else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "cette sauvegarde contient une autre racine : la racine reste sur cet appareil",
                                                      en: "this backup holds another root: the root stays on this device"))
        }
        var updated = profile
        updated.rootSeed = nil
        try database.write { [updated] db in try DeviceVault.save(updated, in: db) }
        profile = updated
    }

    /// Brings the trust root back from `backup` onto this device, a device of a secretariat
    /// member (enrolled as any device, not yet certified, or already certified). Checks that the
    /// backup's root is the council's pinned root, signs this device's certificate with it when
    /// the log does not hold it yet, and keeps the root in the encrypted replica.
    public func restoreTrustRoot(from backup: RootBackup, passphrase: String) async throws {
        guard backup.rootKey == profile.rootKey else {
            throw DeviceError(.rootBackupInvalid, Text(fr: "cette sauvegarde contient la racine d'un autre conseil que celui de cet appareil",
                                                      en: "this backup holds the root of another council, not the one this device pins"))
        }
        let root = try backup.open(passphrase: passphrase)
        _ = try await pullMembership()
        guard context.membership.role(of: member, at: context.readingInstant) == .secretariat else {
            throw DeviceError(.notSecretariat, Text(fr: "la racine de confiance ne se restaure que sur l'appareil d'un membre du secrétariat",
                                                    en: "the trust root is restored only on a device of a member of the secretariat"))
        }
        if context.membership.certificate(of: certificate.signingKey) == nil {
            try await append(.certifyDevice(certificate), signer: root)
        }
        var updated = profile
        updated.rootSeed = try root.seed()
        try await database.write { [updated] db in try DeviceVault.save(updated, in: db) }
        profile = updated
    }

    private func heldRoot() throws -> SigningKeyPair {
        guard let seed = profile.rootSeed else {
            throw DeviceError(.notSecretariat, Text(
                fr: "cet appareil ne détient pas la racine de confiance : faites-le sur l'appareil du secrétariat qui la détient ; si elle a été retirée d'ici, restaurez-la d'abord depuis sa sauvegarde (huisclos admin racine restaurer <fichier>)",
                en: "this device does not hold the trust root: do it on the secretariat's device that holds it; if it was removed from here, restore it first from its backup (huisclos admin racine restaurer <file>)"))
        }
        return try SigningKeyPair.fromSeed(seed)
    }
}
