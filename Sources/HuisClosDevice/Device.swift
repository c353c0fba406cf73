public import Foundation
import GRDB
public import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDossiers
public import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol
import HuisClosReplica
package import HuisClosStore
public import HuisClosSync
public import HuisClosTrust

/// One member's device: a folder holding one encrypted replica (passphrase-unlocked) with
/// everything the device knows — its own keys, the pinned trust root, the verified membership log,
/// its scope keys as received, the change store, sync cursors and the last sync time.
///
/// Public surface (kept small for the domain layers):
/// - `enrol` (a member's new device) / `Device.createCouncil` (the secretariat's first device),
///   `unlock`, `lock`, `changePassphrase`;
/// - `commit(_:scope:)` (the change store, `store`, is package-internal);
/// - `sync(progress:)`, `membership`, `member`, `certificate`;
/// - secretariat actions in `Device+Secretariat.swift`.
public actor Device {
    /// The default offline lease: 30 days without a sync and the device refuses to unlock
    /// (except to sync), so a lost device stops opening on its own.
    public static let leaseSecondsDefault: Int64 = 30 * 24 * 3600

    /// The device's folder.
    public nonisolated let folder: URL
    /// The change store over the encrypted replica: commit changes (each refused past the offline
    /// lease, whoever commits), query the merged tables. Package-internal: faces go through the
    /// client layer's workflows (`HuisClosClient`), never the store.
    package nonisolated let store: ChangeStore
    /// The public half of this device's keys and its member.
    public nonisolated let certificate: CertifiedDevice
    /// The relay's URL.
    public nonisolated let server: String
    /// True when unlocked past its lease to sync only: `commit` refuses until a sync succeeds.
    public internal(set) var syncOnly: Bool {
        get { lease.isExpired }
        set { lease.isExpired = newValue }
    }

    let replica: Replica
    let context: TrustContext
    /// The offline lease's write check, shared with the council records.
    let lease: WriteLease
    let identity: DeviceIdentity
    let client: SyncClient
    var profile: DeviceVault.Profile
    /// Membership records this device gave back to a relay that had lost them, since it opened.
    var membershipRecordsRestored = 0
    /// Whether a task holds the membership gate (`serially`), and the tasks waiting for it, in order.
    var membershipGateHeld = false
    var membershipGateWaiters: [CheckedContinuation<Void, Never>] = []

    init(folder: URL, replica: Replica, profile: DeviceVault.Profile, log: MembershipLog,
         now: @escaping @Sendable () -> Date, syncOnly: Bool, transport: any RelayTransport) throws {
        let identity = DeviceIdentity(member: profile.member, signing: try SigningKeyPair.fromSeed(profile.signingSeed),
                                      agreement: try AgreementKeyPair.fromSeed(profile.agreementSeed))
        self.folder = folder
        self.replica = replica
        self.profile = profile
        self.identity = identity
        self.certificate = identity.certificate
        self.server = profile.server
        let lease = WriteLease(expired: syncOnly)
        self.lease = lease
        let keyring = try replica.database.read { db in
            try Self.rebuildKeyring(for: identity, log: log, sealed: DeviceVault.sealedKeys(in: db))
        }
        let trust = TrustContext(log: log, keyring: keyring, now: now)
        context = trust
        store = try ChangeStore(database: replica.database, device: identity.signing,
                                authorizer: MembershipAuthorizer(context: trust), codec: SealingBodyCodec(context: trust),
                                wallClock: DeviceWallClock(context: trust), writeCheck: { try lease.check() },
                                useCheck: { [replica] in _ = try Self.database(of: replica) })
        try DossierSchema.migrate(replica.database)
        try CouncilStoreSchema.migrate(replica.database)
        client = SyncClient(server: profile.server, device: identity.signing, transport: transport, now: now)
    }

    /// Refuses a folder that does not exist (`DeviceError.noDevice`, saying how a device comes to
    /// be): a mistyped folder is named as such, never opened (nor created) as a replica, and a
    /// face checks it before asking for a passphrase that was never set.
    public static func requireFolder(_ folder: URL) throws(DeviceError) {
        guard FileManager.default.fileExists(atPath: folder.path) else {
            throw DeviceError(.noDevice, Text(
                fr: "aucun appareil dans \(folder.path) : un membre enrôle son appareil avec le code du secrétariat (huisclos enrol) ; le secrétariat crée d'abord le conseil (huisclos admin creer) ; sinon indiquez le bon dossier (--device ou HUISCLOS_DEVICE)",
                en: "no device in \(folder.path): a member enrols a device with the secretariat's code (huisclos enrol); the secretariat first creates the council (huisclos admin setup); otherwise give the right folder (--device or HUISCLOS_DEVICE)"))
        }
    }

    /// Opens the device in `folder` with `passphrase`; `now` is the device's clock (injected by tests),
    /// `transport` how it reaches the relay (HTTP but in the deterministic simulation).
    ///
    /// Throws `DeviceError.leaseExpired` when the last successful sync is older than
    /// `leaseSeconds`, unless `toSync` (then only `sync` is allowed until one succeeds);
    /// `ReplicaError` for a wrong passphrase.
    public static func unlock(folder: URL, passphrase: String, now: @escaping @Sendable () -> Date = SystemWallClock().dateReader,
                              leaseSeconds: Int64 = leaseSecondsDefault, toSync: Bool = false,
                              transport: any RelayTransport = HTTPRelayTransport()) throws -> Device {
        try requireFolder(folder)
        let replica = try Replica.open(at: folder, passphrase: passphrase)
        do {
            try DeviceVault.migrator.migrate(replica.database)
            let (profile, records) = try replica.database.read { db in (try DeviceVault.load(from: db), try DeviceVault.records(in: db)) }
            guard let profile else { throw DeviceError(.noDevice, Text(fr: "\(folder.path) ne contient pas de profil d'appareil : enrôlez d'abord cet appareil (huisclos enrol)",
                                                                       en: "\(folder.path) holds no device profile: enrol this device first")) }
            let expired = Int64(now().timeIntervalSince1970) - profile.lastSyncSeconds > leaseSeconds
            if expired, !toSync {
                throw DeviceError(.leaseExpired, Text(fr: "cet appareil ne s'est pas synchronisé depuis plus de \(leaseSeconds / 86_400) jours : lancez d'abord huisclos sync",
                                                 en: "this device has not synced for more than \(leaseSeconds / 86_400) days: run huisclos sync first"))
            }
            let log = try verifiedLog(records, root: profile.rootKey, now: now())
            return try Device(folder: folder, replica: replica, profile: profile, log: log, now: now, syncOnly: expired, transport: transport)
        } catch {
            try? replica.close()
            throw error
        }
    }

    /// Closes the replica (its key memory released); every later use of the device, or of what it
    /// handed out (store, council, dossiers), throws `DeviceError.locked`.
    public func lock() throws {
        try replica.close()
    }

    /// The replica's connection, `DeviceError.locked` once `lock()` (or a wipe) has closed it.
    nonisolated var database: DatabaseQueue { get throws { try Self.database(of: replica) } }

    /// `replica`'s connection; its `closed` refusal told as the device's `locked`, which says what to do.
    static func database(of replica: Replica) throws -> DatabaseQueue {
        do {
            return try replica.database
        } catch where error.code == .closed {
            throw DeviceError(.locked, DeviceError.Code.locked.text)
        }
    }

    /// Changes the replica's passphrase.
    public func changePassphrase(from old: String, to new: String) throws {
        try replica.changePassphrase(from: old, to: new)
    }

    /// The verified membership state.
    public var membership: MembershipState { context.membership }

    /// This device's member.
    public nonisolated var member: MemberID { certificate.member }

    /// When this device last synced successfully.
    public var lastSync: Date { Date(timeIntervalSince1970: Double(profile.lastSyncSeconds)) }

    /// Commits `changes` as this device's next batch in `scope`, sealed with the scope's newest
    /// epoch key (plain for `public`); it leaves the device at the next sync.
    @discardableResult
    public func commit(_ changes: [Change], scope: ScopeID) throws -> BatchEnvelope {
        try store.commitLocal(changes, scope: scope)
    }

    // MARK: - Helpers

    /// The log this device stored, verified again from the pinned root at the later of `now` and
    /// its newest record's date: every record was checked against this device's clock when it
    /// arrived, so a clock set back since never locks the member out of what it already verified
    /// (offline reading does not depend on the clock).
    static func verifiedLog(_ records: [[UInt8]], root: SigningPublicKey, now: Date) throws -> MembershipLog {
        let clock = Instant(unixSeconds: Int64(now.timeIntervalSince1970))
        let newest = records.last.flatMap { try? MembershipRecord(verifying: $0) }?.issuedAt ?? clock
        do {
            return try MembershipLog(verifying: records, root: TrustRoot(pinning: root), now: max(clock, newest))
        } catch {
            throw DeviceError(.untrustedLog, Text(fr: "le registre signé ne se vérifie pas depuis la racine de confiance de cet appareil : \(error.text.french)",
                                             en: "the membership log does not verify from the pinned trust root: \(error.text.english)"))
        }
    }

    /// Rebuilds the keyring from the sealed keys as received, each checked again at the instant it
    /// was first accepted, then from the log (own copies and chain links of the epoch records).
    static func rebuildKeyring(for identity: DeviceIdentity, log: MembershipLog, sealed: [(bytes: [UInt8], acceptedAt: Int64)]) throws -> ScopeKeyring {
        var keyring = ScopeKeyring(device: identity)
        for (bytes, acceptedAt) in sealed {
            if let key = try? SealedScopeKey(decoding: bytes) {
                try? keyring.accept(key, membership: log.state, at: Instant(unixSeconds: acceptedAt))
            }
        }
        keyring.observe(log.state)
        return keyring
    }
}

/// The change store's wall clock: the instant batches are judged and stamped at, the later of
/// the device's and the relay's clocks (`CouncilClock.judging`), so a slow device clock neither
/// holds batches that right clocks stamped nor stamps its own before its grants.
struct DeviceWallClock: WallClock {
    let context: TrustContext
    func nowMs() -> UInt64 { UInt64(max(0, context.clock.judgingMs)) }
}

extension Device {
    /// The relay's arrival times of the batches this device pulled (`BatchArrivals`).
    public nonisolated var arrivals: BatchArrivals { get throws { BatchArrivals(database: try store.database) } }

    /// The council records of this device's replica, tied to the device: stamped with its clock,
    /// refused past its offline lease (like `commit`), checked against who may write what
    /// (`CouncilWriteRules`, which the device's authorizer applies again to every batch it
    /// merges), and shown with the relay's arrival times.
    public nonisolated var council: CouncilStore {
        let context = self.context
        let lease = self.lease
        return CouncilStore(store: store, nowMs: { Int64(context.now().timeIntervalSince1970 * 1000) },
                            link: CouncilDeviceLink(membership: { context.membership }, checkWrite: { try lease.check() },
                                                    serverTime: { [self] in try arrivals.serverTime(of: $0, in: $1) }))
    }
}
