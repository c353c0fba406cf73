import Foundation
public import HuisClosCouncil
import HuisClosCrypto
import HuisClosDevice
public import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
public import HuisClosTrust
import HuisClosWire
import Synchronization

/// A hearing just opened: who to enrol, with which code and root, until when.
public struct OpenedHearing: Sendable, Encodable, Equatable {
    public let hearing: String
    /// The guest's member id (hex).
    public let member: String
    /// The guest device's enrolment code.
    public let code: String
    /// The trust root's public key (hex), for the guest's enrolment.
    public let root: String
    /// The expiry as an ISO 8601 instant (UTC).
    public let expiry: String
    /// The hearing's scope (`hearing:<id>`).
    public let scope: String
    /// The relay's address, for the guest's enrolment.
    public let server: String
}

extension ClientSession {
    /// Opens hearing `id` from the secretariat's device: appoints a new guest (mandate ending at
    /// `expiry`), grants it `hearing:<id>` until then, records the hearing, reseals council dossier
    /// `dossier` in the hearing's scope (withdrawing the hearing at once if that fails), makes the
    /// guest's enrolment code (with the relay's admin token, read once the device is known to be the
    /// secretariat's) and syncs. `order` is the appointment's reference. Run again after the relay
    /// kept the opening but its answer was lost (the log, once settled, grants the hearing already),
    /// it finishes that opening for the guest it appointed, signing nothing more.
    public func openHearing(_ id: String, guestName: String, dossier: String, until expiry: Instant, order: String?,
                            adminToken: () throws -> String) async throws -> OpenedHearing {
        let scope = try DossierScopes.hearing(id)
        let today = self.today
        guard expiry > instant else { throw DossierError(.invalidArgument, Text(fr: "--jusqu-au : l'échéance doit être dans le futur", en: "--jusqu-au: the expiry must be in the future")) }
        let newGuest = try randomness.memberID()
        try await requireSecretariat()
        let token = try adminToken()
        // Checked before anything is signed, so a typo leaves no half-open hearing.
        guard try DossierLibrary(store: device.store).dossier(dossier)?.latest != nil else {
            throw DossierError(.notFound, Text(fr: "aucun dossier du conseil « \(dossier) » sur cet appareil : synchronisez, puis voyez huisclos dossiers liste",
                                               en: "no council dossier '\(dossier)' on this device: sync, then see huisclos dossiers liste"))
        }
        let reference = order ?? "audition \(id)"
        let hearings = HearingRegister(store: device.store)
        guard try hearings.entry(id) == nil else {
            throw DossierError(.invalidArgument, Text(fr: "l'audition « \(id) » existe déjà : choisissez un autre identifiant (voyez huisclos auditions liste)",
                                                      en: "hearing '\(id)' exists already: choose another id (see huisclos auditions liste)"))
        }
        let opened = Mutex<(guest: MemberID, expiry: Instant)?>(nil)
        try await device.changeMembership { log, keyring, instant in
            if log.state.currentEpoch(of: scope) != nil {
                // Finished only when it is this device's own opening whose answer was lost: a guest
                // this device appointed under this reference and granted the hearing, still its
                // guest. Another device's hearing, or a scope of that name someone else keyed, is not
                // this device's to finish (the attacker's review of the first version).
                guard let own = Self.ownGuest(of: scope, reference: reference, in: log, signer: keyring.device.signing.publicKey),
                      log.state.guests(of: scope, at: instant).contains(own.guest) else {
                    throw DossierError(.invalidArgument, Text(
                        fr: "l'audition « \(id) » est déjà ouverte dans le registre signé, par un autre appareil ou sous un autre arrêté : choisissez un autre identifiant, ou synchronisez puis voyez huisclos auditions liste",
                        en: "hearing '\(id)' is open already in the membership log, by another device or under another order: choose another id, or sync and see huisclos auditions liste"))
                }
                opened.withLock { $0 = own }  // finished below with the log's guest and expiry, signing nothing more
                return nil
            }
            // The guest's mandate ends with the hearing: its devices stop being valid at the expiry too.
            try log.append(.appointMember(Appointment(member: newGuest, role: .guest, orderNumber: reference, orderDate: instant,
                                                      mandateEnd: expiry, scopes: [])),
                           signedBy: keyring.device.signing, at: instant)
            return try Hearings.open(id, guest: newGuest, until: expiry, log: &log, keyring: &keyring, at: instant)
        }
        let (guest, expiry) = opened.withLock { $0 } ?? (newGuest, expiry)
        // Recorded as soon as the grant exists, so no grant is ever left without its hearing:
        // if the copy below fails, the hearing is withdrawn at once; if even that cannot be done
        // (offline), `closeHearing` or the expiry closes it later.
        try hearings.record(id, guest: guest.hex, guestName: guestName, dossier: dossier,
                                                        on: today, expiry: expiry.unixSeconds)
        do {
            try await DossierLibrary(store: device.store, scope: scope).copy(
                dossier, from: DossierLibrary(store: device.store), transfer: SealedFileTransfer(client: device.relayClient),
                attachedTo: "audition \(id)")
        } catch {
            try await withdrawAfterFailedCopy(id, cause: error)
        }
        let validity = UInt32(max(86_400, min(7 * 86_400, expiry.unixSeconds - instant.unixSeconds)))
        let code = try await device.enrolmentCode(adminToken: token, validSeconds: validity)
        _ = try await device.sync()
        return OpenedHearing(hearing: id, member: guest.hex, code: code.code,
                             root: Hex.encode(await device.membership.root.publicKey.bytes),
                             expiry: Self.iso8601(expiry.unixSeconds), scope: scope.rawValue, server: device.server)
    }

    /// The guest `signer` appointed under `reference` and granted `scope` in `log`, with the
    /// expiry that appointment signed (the guest's mandate ends with the hearing), if any: the
    /// trace of an opening by this device.
    static func ownGuest(of scope: ScopeID, reference: String, in log: MembershipLog,
                         signer: SigningPublicKey) -> (guest: MemberID, expiry: Instant)? {
        let appointed = log.records.compactMap { record -> (guest: MemberID, expiry: Instant)? in
            guard record.signer == signer, case let .appointMember(appointment) = record.event, appointment.role == .guest,
                  appointment.orderNumber == reference else { return nil }
            return (appointment.member, appointment.mandateEnd)
        }
        return appointed.last { own in
            log.records.contains { record in
                guard record.signer == signer, case let .addToScope(member, granted, _, _) = record.event else { return false }
                return member == own.guest && granted == scope
            }
        }
    }

    /// Ends hearing `id` before its expiry: withdraws the guest's grant, orders its devices wiped,
    /// starts a new epoch, records the closing, and syncs. Returns the day it had been closed when
    /// it already was (the command run again: what is left undone, if anything, is finished).
    @discardableResult
    public func closeHearing(_ id: String) async throws -> Day? {
        let closedBefore = try HearingRegister(store: device.store).entry(id)?.closed
        try await close(id, withdraw: true)
        _ = try await device.sync()
        return closedBefore
    }

    /// The hearings this device knows, opened or closed.
    public func hearings() throws -> [HearingRegister.Entry] { try HearingRegister(store: device.store).list() }

    /// On a secretariat device: closes every hearing past its expiry not closed yet (wipe order
    /// for the guest's devices, new epoch if the sync has not started one), then syncs again to
    /// send it. Returns the hearings closed; nothing happens on other devices.
    public func closeExpiredHearings() async throws -> [String] {
        let now = instant
        guard await device.membership.role(of: device.member, at: now) == .secretariat else { return [] }
        let due = try hearings().filter { $0.closed == nil && $0.expiry <= now.unixSeconds }
        guard !due.isEmpty else { return [] }
        for hearing in due { try await close(hearing.id, withdraw: false) }
        _ = try await device.sync()
        return due.map(\.id)
    }

    /// A hearing's expiry typed by a person: a day (`Day(typed:)`: access until the end of that day on the
    /// council's wall clock, Europe/Paris) or an ISO 8601 instant (`2026-12-01T17:30:00Z`); nil for anything else.
    public static func expiry(parsing text: String) -> Instant? {
        if let day = Day(typed: text) {
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = LocalTime.zone
            guard let start = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day)),
                  let end = calendar.date(byAdding: .day, value: 1, to: start) else { return nil }
            return Instant(unixSeconds: Int64(end.timeIntervalSince1970))
        }
        return ISO8601DateFormatter().date(from: text).map { Instant(unixSeconds: Int64($0.timeIntervalSince1970)) }
    }

    /// An instant as ISO 8601 (UTC), as hearings show their expiry.
    public static func iso8601(_ unixSeconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(unixSeconds)))
    }

    /// Ends hearing `id`: withdraws the guest's grant first if `withdraw` (closing before expiry),
    /// orders the guest's devices wiped, starts a new epoch if due, and records the closing. The
    /// caller syncs.
    func close(_ id: String, withdraw: Bool) async throws {
        let register = HearingRegister(store: device.store)
        try await requireSecretariat()
        guard let hearing = try register.entry(id), let bytes = Hex.decode(hearing.guest), let guest = try? MemberID(bytes: bytes) else {
            throw DossierError(.notFound, Text(fr: "aucune audition \(id) sur cet appareil : synchronisez, puis voyez huisclos auditions liste",
                                               en: "no hearing \(id) on this device: sync, then see huisclos auditions liste"))
        }
        try await device.changeMembership { log, keyring, instant in
            if withdraw { try Hearings.withdraw(id, guest: guest, log: &log, signer: keyring.device.signing, at: instant) }
            return try Hearings.close(id, guestDevices: Hearings.devices(of: guest, in: log), log: &log, keyring: &keyring, at: instant)
        }
        try register.markClosed(id, on: today)
    }

    /// After the dossier copy of a hearing just opened failed: withdraws the guest's grant and
    /// closes the hearing (new epoch, wipe order), syncs, and throws saying so — or, when the
    /// withdrawal itself fails, says how to finish it (`auditions clore`). Never returns.
    func withdrawAfterFailedCopy(_ id: String, cause: any Error) async throws -> Never {
        do {
            try await close(id, withdraw: true)
            _ = try await device.sync()
        } catch {
            let (cause, error) = (Text(explaining: cause), Text(explaining: error))
            throw DossierError(.wrongState, Text(
                fr: "le dossier n'a pas pu être copié pour l'audition \(id) (\(cause.french)), et le retrait de l'audition a échoué aussi (\(error.french)) : "
                    + "lancez huisclos auditions clore \(id) quand le serveur sera joignable",
                en: "the dossier could not be copied for hearing \(id) (\(cause.english)), and withdrawing the hearing failed too (\(error.english)): "
                    + "run huisclos auditions clore \(id) once the server is reachable"))
        }
        let why = Text(explaining: cause)
        throw DossierError(.wrongState, Text(
            fr: "le dossier n'a pas pu être copié pour l'audition \(id) (\(why.french)) : l'audition est retirée (l'invité n'a jamais eu accès) ; corrigez la cause, puis ouvrez une nouvelle audition",
            en: "the dossier could not be copied for hearing \(id) (\(why.english)): the hearing was withdrawn (its guest never had access); fix the cause, then open a new hearing"))
    }

    /// Refuses, saying who does it, unless this device is the secretariat's (it appoints the
    /// guest, makes the enrolment code and signs the wipe order).
    func requireSecretariat() async throws {
        guard await device.membership.role(of: device.member, at: instant) == .secretariat else {
            throw DossierError(.forbidden, Text(fr: "seul le secrétariat ouvre et clôt les auditions (il nomme l'invité et signe l'ordre d'effacement) : adressez-vous au secrétariat",
                                                en: "only the secretariat opens and closes hearings (it appoints the guest and signs the wipe order): ask the secretariat"))
        }
    }
}
