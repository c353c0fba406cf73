import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire

/// The relay's copy of the council's membership log, verified record by record from the trust
/// root's public key registered at council set-up (the server never holds the root's secret).
///
/// It is what the server derives access from once a council is registered: which scopes a device
/// may pull and push, and whether it is revoked. Clients never rely on it — they verify the same
/// records themselves — it only keeps bad records out of the relayed log and keeps ciphertext away
/// from devices that the log does not entitle.
actor CouncilLedger {
    private let storage: any ServerStorage
    private let clock: ServerClock
    private var log: MembershipLog?
    private var loaded = false

    init(storage: any ServerStorage, clock: ServerClock) {
        self.storage = storage
        self.clock = clock
    }

    /// The verified state, or nil when no council is registered (enrolment-code grants apply then).
    func state() async throws -> MembershipState? {
        try await load()
        return log?.state
    }

    /// The verified records (for the revocation record of a device).
    func records() async throws -> [MembershipRecord] {
        try await load()
        return log?.records ?? []
    }

    /// Registers the council from its genesis record; `alreadyEnrolled` if one is registered.
    func register(genesis bytes: [UInt8]) async throws -> UInt64 {
        try await load()
        guard log == nil else {
            throw APIError(.alreadyEnrolled, Text(fr: "un conseil est déjà inscrit sur ce serveur : sa racine de confiance ne peut pas être remplacée",
                                                  en: "a council is already registered on this server: its trust root cannot be replaced"))
        }
        let record = try Self.checked { () throws(TrustError) in try MembershipRecord(verifying: bytes) }
        guard case let .genesis(rootKey, _) = record.event else {
            throw APIError(.malformed, Text(fr: "un conseil s'inscrit avec son enregistrement fondateur (numéro 0)",
                                            en: "the council is registered with its genesis record (index 0)"))
        }
        let instant = clockNow
        let verified: MembershipLog
        do {
            verified = try MembershipLog(verifying: [bytes], root: TrustRoot(pinning: rootKey), now: instant)
        } catch where error.code == .notYetValid {
            // The relay judged the date by its own clock: say so, rather than blame the device's.
            throw Self.aheadOfRelayClock(bytes, now: instant)
        } catch {
            throw Self.apiError(error)
        }
        guard try await storage.appendMembershipRecords([bytes], at: 0) else {
            throw APIError(.alreadyEnrolled, Text(fr: "un conseil est déjà inscrit sur ce serveur",
                                                  en: "a council is already registered on this server"))
        }
        log = verified
        return 1
    }

    /// Verifies `records` as the next ones of the log and appends them; the first that does not
    /// verify refuses the whole request (nothing is kept).
    func append(_ records: [[UInt8]]) async throws -> UInt64 {
        try await load()
        guard var next = log else { throw APIError(.notFound, Text(fr: "aucun conseil n'est inscrit sur ce serveur : créez-le d'abord (huisclos council setup)",
                                                                   en: "no council is registered on this server: set it up first (huisclos council setup)")) }
        guard records.count <= WireLimits.pushBatchesMax else {
            throw APIError(.tooLarge, Text(fr: "\(records.count) enregistrements en une requête ; envoyez-en au plus \(WireLimits.pushBatchesMax)",
                                           en: "\(records.count) records in one request; send at most \(WireLimits.pushBatchesMax)"))
        }
        let at = UInt64(next.records.count)
        // Refused only when dated ahead of both the relay's clock (plus its skew) and the log's head:
        // a relay whose clock went back behind its head still takes records dated at the head,
        // which is how devices date theirs then (TRUST.md, "Clocks"); no record moves the head
        // further ahead of the relay's clock than the skew.
        let clock = clockNow
        let instant = max(clock, next.state.headTime.adding(seconds: -TrustLimits.relayClockSkewSecondsMax))
        for bytes in records {
            do {
                try next.receive(bytes, now: instant, clockSkewSecondsMax: TrustLimits.relayClockSkewSecondsMax)
            } catch let error where error.code == .notYetValid {
                throw Self.aheadOfRelayClock(bytes, now: clock)
            } catch {
                throw Self.apiError(error)
            }
        }
        guard try await storage.appendMembershipRecords(records, at: at) else {
            invalidate()  // another instance appended: read the log again before the next request
            throw APIError(.fork, Text(fr: "le registre des membres a changé pendant la vérification de ces enregistrements : récupérez-le et signez de nouveau",
                                       en: "the membership log moved while these records were checked: pull it and sign again"))
        }
        log = next
        return UInt64(next.records.count)
    }

    /// The refusal of a record dated beyond the relay's clock and skew, naming both clocks: the
    /// relay cannot tell whose is wrong, so the person is told how to decide.
    static func aheadOfRelayClock(_ bytes: [UInt8], now: Instant) -> APIError {
        let dated = (try? MembershipRecord(verifying: bytes)).map { iso($0.issuedAt) } ?? "?"
        return APIError(.malformed, Text(
            fr: "registre des membres : l'enregistrement est daté \(dated), en avance de plus de \(TrustLimits.relayClockSkewSecondsMax) s "
                + "sur l'horloge du relais (\(iso(now))) : si l'horloge de cet appareil est juste, celle du relais est fausse — prévenez le "
                + "secrétariat ; sinon mettez l'horloge de cet appareil à l'heure et signez de nouveau",
            en: "membership: the record is dated \(dated), ahead of the relay's clock (\(iso(now))) by more than "
                + "\(TrustLimits.relayClockSkewSecondsMax) s: if this device's clock is right, the relay's clock is wrong — tell the "
                + "secretariat; otherwise set this device's clock right and sign again"))
    }

    private static func iso(_ instant: Instant) -> String {
        Date(timeIntervalSince1970: TimeInterval(instant.unixSeconds)).formatted(.iso8601)
    }

    /// The relay's clock.
    private var clockNow: Instant { Instant(unixSeconds: Int64(clock.now().timeIntervalSince1970)) }

    /// The instant access is judged at: the relay's clock, or the log's head when its clock is
    /// behind the head (it went back, or it is slow and devices dated records at the head), so a
    /// grant the relay kept is in force at once whatever its clock (TRUST.md, "Clocks").
    private var now: Instant { max(clockNow, log?.state.headTime ?? clockNow) }

    /// The instant the relay reads the log at (see `now`), for the routes that judge the log
    /// themselves: what a record dated a little ahead of the relay's clock grants or revokes
    /// applies from its acceptance, not once the relay's clock has caught up (else a member's first
    /// key drop, right after an undertaking signed on a clock a minute fast, was refused as unjustified).
    func judgingInstant() async throws -> Instant {
        try await load()
        return now
    }

    /// Forgets the verified copy: the next use reads the log from storage again (another instance
    /// appended to it).
    func invalidate() {
        loaded = false
        log = nil
    }

    private func load() async throws {
        guard !loaded else { return }
        log = try Self.verifiedStoredLog(try await storage.membershipRecords(from: 0), now: clockNow)
        loaded = true
    }

    /// The relay's stored log verified again from its genesis (nil when no council is registered),
    /// at the later of `now` and its newest record's date: every record was checked against the
    /// relay's clock when appended, so a clock that went back since never stops the relay.
    /// A record that fails now was altered on disk: a damaged database (`StorageError.corrupt`),
    /// not a forgery to blame on a device.
    static func verifiedStoredLog(_ stored: [[UInt8]], now: Instant) throws(StorageError) -> MembershipLog? {
        guard let first = stored.first else { return nil }
        do {
            let genesis = try MembershipRecord(verifying: first)
            guard case let .genesis(rootKey, _) = genesis.event else {
                throw StorageError(.corrupt, Text(
                    fr: "le registre des membres enregistré ne commence pas par un enregistrement fondateur : la base du serveur est endommagée ; lancez huisclos-server check et restaurez la dernière sauvegarde",
                    en: "the stored membership log does not start with a genesis record: the server database is damaged; run huisclos-server check and restore from the last backup"))
            }
            let newest = stored.count > 1 ? (try? MembershipRecord(verifying: stored[stored.count - 1]))?.issuedAt ?? now : genesis.issuedAt
            return try MembershipLog(verifying: stored, root: TrustRoot(pinning: rootKey), now: max(now, newest))
        } catch let error as StorageError {
            throw error
        } catch {
            throw StorageError(.corrupt, Text(
                fr: "le registre des membres enregistré ne se vérifie pas (\(Text(explaining: error).french)) : la base du serveur est endommagée ou altérée ; lancez huisclos-server check et restaurez la dernière sauvegarde",
                en: "the stored membership log does not verify (\(error)): the server database is damaged or was altered; run huisclos-server check and restore from the last backup"))
        }
    }

    /// Maps a trust failure to the wire error a client sees.
    static func checked<T>(_ body: () throws(TrustError) -> T) throws(APIError) -> T {
        do { return try body() } catch { throw apiError(error) }
    }

    static func apiError(_ error: TrustError) -> APIError {
        let code: APIError.Code = switch error.code {
        case .badSignature: .badSignature
        case .tooLarge: .tooLarge
        case .notAuthorised, .quotaExceeded: .forbidden
        default: .malformed
        }
        return APIError(code, Text(fr: "registre des membres : \(error.text.french)", en: "membership: \(error.text.english)"))
    }

    /// What `device` may do now per the log (`nil` when no council is registered).
    func access(of device: SigningPublicKey) async throws -> DeviceAccess? {
        guard let state = try await state() else { return nil }
        let instant = try await judgingInstant()
        return DeviceAccess(readable: state.readableScopes(of: device, at: instant),
                                        writable: state.writableScopes(of: device, at: instant))
    }

    /// The records just before `record`, oldest first, as many as fit `wipeLogBytesMax`: sent with
    /// a wipe order so a device a little behind can verify the order from its own log.
    func records(before record: MembershipRecord) async throws -> [[UInt8]] {
        let all = try await records()
        var kept: [[UInt8]] = []
        var bytes = 0
        for previous in all[..<min(Int(record.index), all.count)].reversed() {
            bytes += previous.encoded.count
            guard bytes <= Self.wipeLogBytesMax else { break }
            kept.append(previous.encoded)
        }
        return kept.reversed()
    }

    /// Bytes of membership records sent before a wipe order (before base64): clients read an
    /// error body up to 64 KiB, and 36 KiB of records (some 150 typical ones, base64 included
    /// under 48 KiB) covers a device that missed that many records since its last sync. A device
    /// further behind stays locked out (401) but is not wiped, since it cannot verify the order.
    static let wipeLogBytesMax = 36_864

    /// The signed revocation of `device` when the log revoked it; nil otherwise.
    func revocation(of device: SigningPublicKey) async throws -> MembershipRecord? {
        guard let state = try await state(), state.isRevoked(device, at: try await judgingInstant()) else { return nil }
        return MembershipState.revocation(of: device, in: log?.records ?? [])
    }
}
