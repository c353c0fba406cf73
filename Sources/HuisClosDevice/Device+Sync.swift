import Foundation
import GRDB
import HuisClosCrypto
import HuisClosProtocol
import HuisClosReplica
import HuisClosSync
import HuisClosTrust
import HuisClosWire

/// What one device sync did.
public struct DeviceSyncReport: Sendable {
    /// Membership records verified and added.
    public var membershipRecords = 0
    /// Scope keys and key-chain links newly accepted.
    public var keysAccepted = 0
    /// Sealed keys or links refused (forged, misaddressed, not justified by the log), with why.
    public var keysRefused: [String] = []
    /// The batch sync (push, pull, merge).
    public var batches = SyncReport()
    /// This member's devices awaiting approval after the sync: each one not the member's is a
    /// device the secretariat certified in their name, to report.
    public var devicesAwaitingApproval: [MemberDevice] = []
}

extension Device {
    /// Syncs with the relay: membership log first (verified from the pinned root, so nothing the
    /// log does not justify is believed), then this device's sealed keys, then batches (push the
    /// outbox, pull every readable scope, merge with the sealing codec and the log's authorizer).
    ///
    /// Resumable: each step persists what it verified before the next. On the secretariat's
    /// signed wipe order (a 401 `deviceRevoked` carrying the revocation record, or the record in
    /// the log) the replica is destroyed and `DeviceError.wiped` thrown; the object is then dead.
    public func sync(progress: @Sendable (SyncProgress) -> Void = { _ in }) async throws -> DeviceSyncReport {
        var report = DeviceSyncReport()
        do {
            report.membershipRecords = try await pullMembership()
            try checkWipe()
            try await acceptUndertakingIfDue()
            try await pullKeys(into: &report)
            // Batches held for a log position this device had not verified merge now that it has,
            // even if no new batch arrives to trigger a merge.
            if report.membershipRecords > 0 { _ = try store.retryHeld() }
            try await shareKeysIfDue()
            let access = try await client.login()  // fresh access: the log may have changed what this device reads
            // A scope whose current key has not reached this device yet is pulled at a later sync:
            // its batches would be refused now and the cursor would move past them for good.
            let waiting = access.readable.filter { scope in
                guard scope != .public, let epoch = context.membership.currentEpoch(of: scope) else { return false }
                return !context.keyring.heldEpochs(of: scope).contains(epoch)
            }
            report.batches = try await SyncDriver(client: client, store: StoreSyncAdapter(store: store, arrivals: arrivals))
                .sync(waiting: waiting, progress: progress)
        } catch let error as APIError where error.code == .deviceRevoked {
            try handleRevocation(error.wipeOrder)
            throw error
        }
        report.devicesAwaitingApproval = devicesAwaitingApproval
        profile.lastSyncSeconds = Int64(context.now().timeIntervalSince1970)
        let saved = profile
        try await replica.database.write { db in try DeviceVault.save(saved, in: db) }
        syncOnly = false
        return report
    }

    /// Pulls, verifies and stores the log's new records; returns how many were added.
    func pullMembership() async throws -> Int {
        let held = UInt64(context.log.records.count)
        let (records, _) = try await client.pullMembership(from: held)
        guard !records.isEmpty else { return 0 }
        let instant = context.instant
        let added = try context.update { log, keyring in
            let before = log.records.count
            for bytes in records {
                do { try log.receive(bytes, now: instant) } catch {
                    throw DeviceError(.untrustedLog, "the server relayed a membership record that does not verify (\(error)): refused, nothing kept")
                }
            }
            keyring.observe(log.state)
            return Array(log.records[before...])
        }
        try await replica.database.write { db in try DeviceVault.append(records: added, in: db) }
        return added.count
    }

    /// Destroys the replica when the verified log orders this device wiped.
    func checkWipe() throws {
        if context.membership.isWipeOrdered(for: certificate.signingKey) { try wipe() }
    }

    /// Verifies a wipe order received with a 401: a revocation of this very device with `wipe`,
    /// signed by the pinned root or a secretariat device of the verified log. The server cannot
    /// forge one; an order that does not verify is ignored (the device stays locked out anyway).
    func handleRevocation(_ order: [UInt8]?) throws {
        guard let order, let record = try? MembershipRecord(verifying: order),
              case let .revokeDevice(device, ordered) = record.event, ordered, device == certificate.signingKey else { return }
        let state = context.membership
        let signerIsSecretariat = record.signer == state.root.publicKey
            || (state.certificate(of: record.signer).flatMap { state.role(of: $0.member, at: record.issuedAt) } == .secretariat
                && state.isDeviceValid(record.signer, at: record.issuedAt))
        let signerIsOwnDevice = state.certificate(of: record.signer)?.member == member && state.isDeviceValid(record.signer, at: record.issuedAt)
        if signerIsSecretariat || signerIsOwnDevice { try wipe() }
    }

    /// Cryptographic erase of the replica (its wrapped key first), then the folder.
    func wipe() throws -> Never {
        try? replica.close()
        try Replica.destroy(at: folder)
        try? FileManager.default.removeItem(at: folder)
        throw DeviceError(.wiped, "the secretariat ordered this device wiped: its replica has been destroyed")
    }

    /// Once certified, signs the member's acceptance of the undertaking and charter chosen at enrolment.
    func acceptUndertakingIfDue() async throws {
        let state = context.membership
        let instant = context.instant
        guard state.isDeviceValid(certificate.signingKey, at: instant), !state.hasAcceptedUndertaking(member, at: instant) else { return }
        try await append(.acceptUndertaking(member: member, device: certificate.signingKey, charterDigest: profile.charterDigest),
                         signer: identity.signing)
    }

    /// Signing attempts for one record (an event, or a key epoch): when another device appended to
    /// the log first (members syncing at once), the relay refuses the record as not following its
    /// head (or as racing another append: `fork`); the device then pulls the newer records and
    /// signs again on the new head. Each device appends at most a couple of records per sync, so
    /// even a whole council enrolling at once settles well within this many attempts.
    static let membershipAppendAttemptsMax = 10

    /// Pause before signing again after a `fork` that left nothing new to pull yet (the other
    /// append still committing), in milliseconds, times the attempt number.
    static let membershipAppendBackoffMs: UInt64 = 50

    /// Signs `event` as the next record, has the relay keep it, then keeps it locally; signs it
    /// again on a newer head if another device's record got there first.
    func append(_ event: MembershipEvent, signer: SigningKeyPair) async throws {
        for attempt in 1...Self.membershipAppendAttemptsMax {
            let instant = context.instant
            var next = context.log
            let record: MembershipRecord
            do { record = try next.append(event, signedBy: signer, at: instant) } catch {
                throw DeviceError(.notAuthorised, "the membership log refuses this record: \(error.message)")
            }
            if try await relay(record, attempt: attempt) {
                try await relayed([record])
                return
            }
        }
    }

    /// Has the relay keep `record`: true when kept; false when the relay refused it because the
    /// log moved on (newer records now pulled, or a racing append still committing), so it is to be
    /// signed again. Any other refusal, or one on the last attempt, is thrown.
    func relay(_ record: MembershipRecord, attempt: Int) async throws -> Bool {
        let refusal: APIError
        do {
            try await client.appendMembership([record.encoded])
            return true
        } catch {
            refusal = error
        }
        guard attempt < Self.membershipAppendAttemptsMax, refusal.code != .unreachable else { throw refusal }
        if try await pullMembership() > 0 { return false }
        // Only a log that moved on justifies signing again; any other refusal stands.
        guard refusal.code == .fork else { throw refusal }
        try await Task.sleep(nanoseconds: Self.membershipAppendBackoffMs * UInt64(attempt) * 1_000_000)
        return false
    }

    /// Keeps records already accepted by the relay.
    func relayed(_ records: [MembershipRecord]) async throws {
        let instant = context.instant
        try context.update { log, keyring in
            for record in records { try log.receive(record.encoded, now: instant) }
            keyring.observe(log.state)
        }
        try await replica.database.write { db in try DeviceVault.append(records: records, in: db) }
    }

    /// Pulls this device's sealed keys and the links of its scopes; keeps what verifies.
    func pullKeys(into report: inout DeviceSyncReport) async throws {
        let (sealed, links) = try await client.pullKeys()
        let instant = context.instant
        var kept: [[UInt8]] = []
        let refused: [String] = try context.update { log, keyring in
            var refused: [String] = []
            for bytes in sealed {
                do {
                    let key = try SealedScopeKey(decoding: bytes)
                    if keyring.heldEpochs(of: key.scope).contains(key.epoch) { continue }
                    try keyring.accept(key, membership: log.state, at: instant)
                    kept.append(bytes)
                } catch { refused.append("\(error)") }
            }
            Device.followLinks(links.compactMap { try? KeyChainLink(decoding: $0) }, into: &keyring, membership: log.state)
            return refused
        }
        let keptKeys = kept
        report.keysAccepted = keptKeys.count
        report.keysRefused = refused
        let acceptedAt = instant.unixSeconds
        try await replica.database.write { db in
            for bytes in keptKeys { try DeviceVault.keep(sealedKey: bytes, acceptedAt: acceptedAt, in: db) }
            for bytes in links { try DeviceVault.keep(link: bytes, in: db) }
        }
    }
}

extension Device {
    /// Syncs, then keeps the relay's watch socket open and syncs at every poke, reconnecting
    /// (delays doubling from 1 s to 60 s) when the server restarts or is unreachable, until the
    /// task is cancelled, another error (revoked, wiped…), or `SyncDriver.reconnectFailuresMax`
    /// consecutive failures; `onSync` is told each sync's report (and may do more work, such as
    /// fetching dossier content, before the next poke is handled).
    public func watch(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                      onSync: @escaping @Sendable (DeviceSyncReport) async throws -> Void) async throws {
        var failures = 0
        while failures < SyncDriver.reconnectFailuresMax {
            do {
                try await onSync(try await sync(progress: progress))
                try await client.watch { _ in try await onSync(try await self.sync(progress: progress)) }
                failures = 0
            } catch let error as APIError where error.code == .unreachable {
                failures += 1
            }
            try await Task.sleep(for: .seconds(min(60, 1 << min(failures, 6))))
        }
        throw APIError(.unreachable, "the server stayed unreachable for \(SyncDriver.reconnectFailuresMax) attempts: check the network, then sync again")
    }
}
