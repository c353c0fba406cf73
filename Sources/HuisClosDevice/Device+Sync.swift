import Foundation
import GRDB
import HuisClosCouncilStore
import HuisClosCrypto
public import HuisClosL10n
public import HuisClosProtocol
import HuisClosReplica
public import HuisClosStore
public import HuisClosSync
public import HuisClosTrust
import HuisClosWire

/// What one device sync did.
public struct DeviceSyncReport: Sendable {
    /// Membership records verified and added.
    public var membershipRecords = 0
    /// Membership records the relay had lost (restored from an older backup) that this device gave back.
    public var membershipRecordsRestored = 0
    /// Scope keys and key-chain links newly accepted.
    public var keysAccepted = 0
    /// Sealed keys or links refused (forged, misaddressed, not justified by the log), with why.
    public var keysRefused: [String] = []
    /// The batch sync (push, pull, merge).
    public var batches = SyncReport()
    /// Batches of a revoked device this replica had merged beyond what its revocation lets stand,
    /// taken back by this sync (`StandingWrites`; merged before the revocation arrived).
    public var revokedBatchesTakenBack = 0
    /// Batches held earlier and merged by this sync (their key, missing batches or clock arrived).
    public var heldMerged = 0
    /// Every batch this replica holds after the sync, with why (`.keyUnavailable` with the scope
    /// and epoch of the key it waits for, `.gap`, `.clockAhead`): held, never skipped.
    public var held: [HeldBatch] = []
    /// Readable scopes not pulled by this sync because the key of their current epoch has not
    /// reached this device yet (their batches stay on the relay until it does).
    public var waitingForKey: [ScopeID] = []
    /// This member's devices awaiting approval after the sync: each one not the member's is a
    /// device the secretariat certified in their name, to report.
    public var devicesAwaitingApproval: [MemberDevice] = []
    /// Whether the relay announced another incarnation than at this device's last sync: restored
    /// from a backup, it was given back what it may have lost (`relayRestoredNotice`).
    public var relayRestored = false
    /// Scopes this device lost per the log, whose records were erased by this sync (`forgetLostScopes`).
    public var scopesForgotten: [ScopeID] = []
    /// How far this device's clock is from the relay's, as measured by this sync (its `notice` says
    /// whose clock is off and what to do when they disagree).
    public var clockOffset: ClockOffset?

    /// Why a membership record this device signed still waits for the relay, which refused it
    /// again (`DeviceError.Code.recordPending`): this sync signed nothing; nil when none waits.
    public var recordPending: Text?

    /// Whether the relay announced yet another incarnation, past `Device.relayRepairsPerDayMax` in
    /// 24 hours: the repair `relayRestored` describes waits for a later sync.
    public var relayRepairDeferred = false

    /// What this sync did about a restored relay, for the person; nil when it was not restored.
    public var relayRestoredNotice: Text? {
        if relayRepairDeferred {
            return Text(fr: "Le serveur annonce encore une restauration depuis une sauvegarde, plus de \(Device.relayRepairsPerDayMax) fois en 24 heures : "
                            + "cet appareil lui rendra ce qu'il a pu perdre à une synchronisation ultérieure. Prévenez le secrétariat : un serveur "
                            + "restauré si souvent est en panne, ou n'est plus de confiance.",
                        en: "The server announces yet another restore from a backup, more than \(Device.relayRepairsPerDayMax) times in 24 hours: "
                            + "this device will give it back what it may have lost at a later sync. Tell the secretariat: a server restored "
                            + "this often is failing, or can no longer be trusted.")
        }
        guard relayRestored else { return nil }
        return Text(fr: "Le serveur a été restauré depuis une sauvegarde (il annonce une nouvelle incarnation) : cet appareil lui a rendu ce qu'il "
                        + "avait pu perdre — ses lots et ceux qu'il détenait, les enregistrements du registre, les clés qu'il avait scellées, "
                        + "de nouveau pour chaque appareil qui y a droit — et a relu chaque portée depuis le début.",
                    en: "The server was restored from a backup (it announces a new incarnation): this device gave it back what it may "
                        + "have lost — its batches and those it held, the membership records, the keys it had sealed, again for every "
                        + "device entitled to them — and read every scope again from the start.")
    }
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
        var incarnation: (seen: String?, changed: Bool, deferred: Bool) = (nil, false, false)
        do {
            let restoredBefore = membershipRecordsRestored
            do {
                report.membershipRecords = try await pullMembership()
            } catch let error as DeviceError where error.code == .recordPending {
                // The log was pulled; the relay refuses for now what this device sent: the sync goes
                // on without signing anything (no undertaking, no key epoch) and says so.
                report.recordPending = error.text
            }
            report.membershipRecordsRestored = membershipRecordsRestored - restoredBefore
            try checkWipe()
            incarnation = try await noticeRelayIncarnation()
            report.relayRestored = incarnation.changed
            report.relayRepairDeferred = incarnation.deferred
            // At every sync, not only when records arrive: a crash between the two must not skip it.
            report.revokedBatchesTakenBack = try await takeBackRevokedWrites()
            if report.recordPending == nil { try await acceptUndertakingIfDue() }
            try await pullKeys(into: &report)
            // Batches held for a log position this device had not verified merge now that it has,
            // even if no new batch arrives to trigger a merge.
            if report.membershipRecords > 0 { _ = try store.retryHeld() }
            if report.recordPending == nil { try await shareKeysIfDue() }
            // Batches held for a key that has arrived since are merged now, even in a scope with nothing new.
            let retried = try store.retryHeld()
            try arrivals.attach(retried.operationStamps)
            report.heldMerged = retried.applied.count
            // Acknowledgements a reading command could not record (clock behind, disk full) go out
            // with this push; still failing, they stay queued for the next reading or sync, and
            // the sync goes on: they are never a reason to stop syncing.
            try? council.recordPendingAcknowledgements()
            let access = try await client.login()  // fresh access: the log may have changed what this device reads
            // A scope whose current key has not reached this device yet is pulled at a later sync:
            // its batches would only be held (older epochs' batches are held the same way, and
            // merged when their key arrives).
            let waiting = access.readable.filter { scope in
                guard scope != .public, let epoch = context.membership.currentEpoch(of: scope) else { return false }
                return !context.keyring.heldEpochs(of: scope).contains(epoch)
            }
            report.waitingForKey = waiting.sorted()
            report.batches = try await SyncDriver(client: client, store: StoreSyncAdapter(store: store, arrivals: arrivals))
                .sync(waiting: waiting, relayRestored: incarnation.changed, progress: progress)
            // A relay that lost records or batches (restored from an older backup) may have lost a
            // revoked device's standing writes too; they are given back and pulled at the next sync.
            if report.membershipRecordsRestored > 0 || !report.batches.repairs.isEmpty { try await pushBackStandingWrites() }
            // After the push, so the relay judges what this device wrote in a scope it then lost.
            report.scopesForgotten = try await forgetLostScopes()
            report.held = try store.heldBatches()
        } catch let error as APIError where error.code == .deviceRevoked {
            try handleRevocation(error.wipeOrder, after: error.wipeLog)
            throw error
        }
        report.devicesAwaitingApproval = devicesAwaitingApproval
        report.clockOffset = context.relayAheadMs.map(ClockOffset.init(relayAheadMs:))
        profile.lastSyncSeconds = Int64(context.now().timeIntervalSince1970)
        let saved = profile
        let seen = incarnation.seen
        try await database.write { db in
            try DeviceVault.save(saved, in: db)
            // Kept only now: a sync cut before this point sees the change again and gives everything back again.
            if let seen {
                try DeviceVault.keep(relayIncarnation: seen, in: db)
                try DeviceVault.finishRelayRepairs(of: seen, in: db)
            }
        }
        syncOnly = false
        return report
    }

    /// The relay's incarnation in this sync's answers, and whether it differs from the one this
    /// device kept at its last sync: then the relay was restored, and may have lost what this
    /// device gave it since the backup even when it still holds every membership record. This
    /// device forgets whom it sealed keys to, so `shareKeysIfDue` seals every held current key
    /// again to every entitled device; the batches are given back by the sync (`SyncDriver`).
    /// A relay that sends none (older) changes nothing.
    ///
    /// A relay may announce a new incarnation at will, and each costs a full push and pull: past
    /// `relayRepairsPerDayMax` repairs in a day, the repair waits (`deferred`; the incarnation is
    /// not kept, so a later sync makes it), and the report says to tell the secretariat. A sync
    /// that makes again the repair a cut sync left unfinished does not count; a relay that comes
    /// back to an incarnation seen before does.
    func noticeRelayIncarnation() async throws -> (seen: String?, changed: Bool, deferred: Bool) {
        guard let seen = await client.relayIncarnation else { return (nil, false, false) }
        let kept = try await database.read { db in try DeviceVault.relayIncarnation(in: db) }
        guard let kept, kept != seen else { return (seen, false, false) }
        let now = Int64(context.now().timeIntervalSince1970)
        let recent = try await database.read { db in try DeviceVault.relayRepairs(since: now - 86_400, in: db) }
        // The repair a cut sync left unfinished is made again without counting; any other counts,
        // an incarnation seen before included (a relay alternating two would otherwise go free).
        let unfinished = recent.last.map { $0.incarnation == seen && !$0.done } ?? false
        if !unfinished {
            guard recent.count < Self.relayRepairsPerDayMax else { return (nil, false, true) }
            try await database.write { db in try DeviceVault.noteRelayRepair(of: seen, at: now, in: db) }
        }
        try await database.write { db in try DeviceVault.forgetShared(in: db) }
        return (seen, true, false)
    }

    /// How many times in 24 hours a new relay incarnation makes this device give everything back.
    static let relayRepairsPerDayMax = 6

    /// Pulls, verifies and stores the log's new records, then settles what this device sent
    /// without hearing the relay keep it (`settleOutbound`); returns how many records were added.
    /// What a check on the log must see first (a device revoked from another secretariat device).
    public func pullMembership() async throws -> Int {
        try await serially {
            let pulled = try await pullRelayedRecords()
            return pulled + (try await settleOutbound())
        }
    }

    /// Pulls, verifies and stores the relayed log's new records; returns how many were added. The
    /// pull starts at this device's newest record, which the relay must still hold at its place: a
    /// relay restored from an older backup lost records, and gets them back first (`restoreLog`).
    func pullRelayedRecords() async throws -> Int {
        let held = UInt64(context.log.records.count)
        var (records, _) = try await client.pullMembership(from: held - 1)
        if let relayMs = await client.relayTimeMs() { context.measure(relayMs: relayMs) }
        if records.first != context.log.records.last?.encoded {
            membershipRecordsRestored += try await restoreLog()
            // The relay lost records, so it lost the key drops made since too: hand them out again.
            try await database.write { db in try DeviceVault.forgetShared(in: db) }
            (records, _) = try await client.pullMembership(from: held - 1)
            guard records.first == context.log.records.last?.encoded else {
                throw DeviceError(.untrustedLog, Text(
                    fr: "le serveur ne garde pas les enregistrements du registre que cet appareil lui a rendus : synchronisez plus tard, "
                        + "et prévenez le secrétariat si cela persiste",
                    en: "the server does not keep the membership records this device gave back: sync again later, "
                        + "and tell the secretariat if it persists"))
            }
        }
        records.removeFirst()
        guard !records.isEmpty else { return 0 }
        let instant = context.instant
        let relayAheadMs = context.relayAheadMs
        let added = try context.update { log, keyring in
            let before = log.records.count
            for bytes in records {
                do { try log.receive(bytes, now: instant) } catch let error as TrustError where error.code == .notYetValid {
                    throw Self.recordAhead(error, relayAheadMs: relayAheadMs)
                } catch {
                    let why = Text(explaining: error)
                    throw DeviceError(.untrustedLog, Text(fr: "le serveur a relayé un enregistrement du registre signé qui ne se vérifie pas (\(why.french)) : refusé, rien n'a été gardé",
                                                     en: "the server relayed a membership record that does not verify (\(why.english)): refused, nothing kept"))
                }
            }
            keyring.observe(log.state)
            return Array(log.records[before...])
        }
        try await database.write { db in try DeviceVault.append(records: added, in: db) }
        return added.count
    }

    /// The refusal of a record dated too far ahead of the instant this device judges at: its own
    /// clock is further behind the relay's than HuisClos follows (named, with the offset), or the
    /// record is ahead of both clocks (the relay should not have kept it).
    static func recordAhead(_ error: TrustError, relayAheadMs: Int64?) -> DeviceError {
        let minutes = TrustLimits.recordClockSkewSecondsMax / 60
        guard let relayAheadMs else {
            return DeviceError(.clockBehind, Text(
                fr: "un enregistrement du registre signé est daté de plus de \(minutes) minutes en avance sur l'horloge de cet appareil, "
                    + "et le serveur n'a pas donné son heure : remettez l'horloge de cet appareil à l'heure (date et heure automatiques), "
                    + "puis synchronisez de nouveau. Rien n'a été gardé ; ce que cet appareil contient reste lisible",
                en: "a membership record is dated ahead of this device's clock by more than \(minutes) minutes (\(error.message)), "
                    + "and the relay did not say its clock: set this device's clock right (automatic date and time), then sync again. "
                    + "Nothing was kept; what this device holds stays readable"))
        }
        if !CouncilClock(deviceMs: 0, relayAheadMs: relayAheadMs).isRelayFollowed, relayAheadMs > 0 {
            return ClockOffset(relayAheadMs: relayAheadMs).deviceBehind
        }
        return DeviceError(.untrustedLog, Text(
            fr: "le serveur a envoyé un enregistrement du registre signé daté en avance à la fois sur sa propre horloge et sur celle "
                + "de cet appareil : refusé, rien n'a été gardé ; signalez-le au secrétariat",
            en: "the relay sent a membership record dated ahead of both its own clock and this device's (\(error.message)): "
                + "refused, nothing kept; tell the secretariat"))
    }

    /// The date of this device's next membership record (`CouncilClock.signing(after:)`), the
    /// relay's clock measured first if no answer told it yet; throws `relayClockBehind` when the
    /// relay's clock is further behind this device's than HuisClos follows (it would refuse it).
    func nextRecordInstant() async throws -> Instant {
        if context.relayAheadMs == nil { context.measure(relayMs: try await client.measureRelayClock()) }
        if let ahead = context.relayAheadMs, ahead < 0, !context.clock.isRelayFollowed { throw ClockOffset(relayAheadMs: ahead).relayBehind }
        return context.signingInstant
    }

    /// Destroys the replica when the verified log orders this device wiped.
    func checkWipe() throws {
        if context.membership.isWipeOrdered(for: certificate.signingKey) { try wipe() }
    }

    /// Verifies a wipe order received with a 401: carried out only when the order extends this
    /// device's verified log — the records sent before it (`preceding`, oldest first; those this
    /// device holds already are skipped), then the order, each checked as any record pulled (hash
    /// chain, date, signer's authority judged by the log from the pinned root) — and that log then
    /// orders this device wiped. A signed order that is not in the log (from a revoked secretariat
    /// device's key, backdated, or replayed by the relay) is ignored: the device stays locked out.
    func handleRevocation(_ order: [UInt8]?, after preceding: [[UInt8]] = []) throws {
        guard let order else { return }
        var log = context.log
        let instant = context.instant
        do {
            for bytes in preceding + [order] {
                let record = try MembershipRecord(verifying: bytes)
                if record.index <= log.state.headIndex { continue }
                try log.receive(bytes, now: instant)
            }
        } catch {
            return
        }
        if log.state.isWipeOrdered(for: certificate.signingKey) { try wipe() }
    }

    /// Cryptographic erase of the replica (its wrapped key first), then the folder.
    func wipe() throws -> Never {
        try? replica.close()
        try Replica.destroy(at: folder)
        try? FileManager.default.removeItem(at: folder)
        throw DeviceError(.wiped, DeviceError.Code.wiped.text)
    }

    /// Once certified, signs the member's acceptance of the undertaking and charter chosen at enrolment.
    func acceptUndertakingIfDue() async throws {
        // Decided inside the gate: two syncs at once would each find it due and sign it twice.
        try await serially {
            let state = context.membership
            let instant = context.readingInstant
            guard state.isDeviceValid(certificate.signingKey, at: instant), !state.hasAcceptedUndertaking(member, at: instant) else { return }
            try await append(.acceptUndertaking(member: member, device: certificate.signingKey, charterDigest: profile.charterDigest),
                             signer: identity.signing)
        }
    }

    /// Signing attempts for one record (an event, or a key epoch): when another device appended to
    /// the log first (members syncing at once), the relay refuses the record as not following its
    /// head (or as racing another append: `fork`); the device then pulls the newer records and
    /// signs again on the new head. Each device appends at most a couple of records per sync, so
    /// even a whole council enrolling at once settles well within this many attempts.
    static let membershipAppendAttemptsMax = 10

    /// Signs `event` as the next record, has the relay keep it, then keeps it locally; signs it
    /// again on a newer head if another device's record got there first. `beforeSending` runs
    /// once, after the first signature and before the first send.
    func append(_ event: MembershipEvent, signer: SigningKeyPair, beforeSending: @Sendable () throws -> Void = {}) async throws {
        try await serially {
            _ = try await beforeSigning { try await settleOutbound() }
            for attempt in 1...Self.membershipAppendAttemptsMax {
                let instant = try await beforeSigning { try await nextRecordInstant() }
                let signed = try withStandingWrites(event)
                var next = context.log
                let record: MembershipRecord
                do throws(TrustError) { record = try next.append(signed, signedBy: signer, at: instant) } catch {
                    throw DeviceError(.notAuthorised, Text(fr: "le registre signé refuse cet enregistrement : \(error.text.french)",
                                                              en: "the membership log refuses this record: \(error.text.english)"))
                }
                if attempt == 1 { try beforeSending() }
                if try await relay(record, attempt: attempt) {
                    try await relayed([record])
                    return
                }
            }
        }
    }

    /// Has the relay keep `record` (`send`): true when kept; false when the relay refused it
    /// because the log moved on (newer records now pulled, or records given back to a restored relay),
    /// so it is to be signed again. Any other refusal, or one on the last attempt, is thrown.
    func relay(_ record: MembershipRecord, attempt: Int) async throws -> Bool {
        let refusal: APIError
        do {
            try await send([record])
            return true
        } catch let error as APIError {
            refusal = error
        }
        guard attempt < Self.membershipAppendAttemptsMax, refusal.code != .unreachable else { throw refusal }
        let restoredBefore = membershipRecordsRestored
        let pulled = try await pullMembership()
        // A duplicate of this request got there first: the refusal was for the copy.
        if context.log.records.indices.contains(Int(record.index)), context.log.records[Int(record.index)].encoded == record.encoded { return true }
        // Only a log that moved on justifies signing again; any other refusal stands.
        if pulled > 0 || membershipRecordsRestored > restoredBefore { return false }
        throw refusal
    }

    /// Keeps records the relay accepted (those the log holds already are skipped), and forgets
    /// them as outbound.
    func relayed(_ records: [MembershipRecord]) async throws {
        let instant = context.instant
        let received = try context.update { log, keyring in
            let fresh = records.filter { $0.index >= UInt64(log.records.count) }
            for record in fresh { try log.receive(record.encoded, now: instant) }
            keyring.observe(log.state)
            return fresh
        }
        try await database.write { db in
            try DeviceVault.append(records: received, in: db)
            try DeviceVault.forgetOutbound(in: db)
        }
    }

    /// Pulls this device's sealed keys; keeps what verifies, then follows the log's chain links
    /// down from them.
    func pullKeys(into report: inout DeviceSyncReport) async throws {
        let sealed = try await client.pullKeys()
        let instant = context.readingInstant
        var kept: [[UInt8]] = []
        let (refused, recovered): ([String], Int) = try context.update { log, keyring in
            var refused: [String] = []
            for bytes in sealed {
                do {
                    let key = try SealedScopeKey(decoding: bytes)
                    if keyring.heldEpochs(of: key.scope).contains(key.epoch) { continue }
                    try keyring.accept(key, membership: log.state, at: instant)
                    kept.append(bytes)
                } catch { refused.append("\(error)") }
            }
            return (refused, keyring.observe(log.state))
        }
        let keptKeys = kept
        report.keysAccepted = keptKeys.count + recovered
        report.keysRefused = refused
        let acceptedAt = instant.unixSeconds
        try await database.write { db in
            for bytes in keptKeys { try DeviceVault.keep(sealedKey: bytes, acceptedAt: acceptedAt, in: db) }
        }
    }
}

extension Device {
    /// Syncs, then keeps the relay's watch socket open and syncs at every poke, reconnecting
    /// (`Reconnection`) when the server restarts or is unreachable, until the task is cancelled or
    /// another error (revoked, wiped…); `onSync` is told each sync's report (and may do more work,
    /// such as fetching dossier content, before the next poke is handled).
    public func watch(progress: @escaping @Sendable (SyncProgress) -> Void = { _ in },
                      reconnection: Reconnection = Reconnection(),
                      onSync: @escaping @Sendable (DeviceSyncReport) async throws -> Void) async throws -> Never {
        try await reconnection.run({
            try await onSync(try await sync(progress: progress))
            try await client.watch { _ in try await onSync(try await self.sync(progress: progress)) }
        }, transient: { error in
            // A record of `onSync`'s work (a hearing closed) cut on its way is noted and sent again.
            (error as? APIError)?.code == .unreachable || [.signedNotSent, .notSigned].contains((error as? DeviceError)?.code)
        })
    }
}

extension Device {
    /// Erases, with secure delete, every scope the verified log no longer lets this device read —
    /// its records (dossier titles, file names, sizes, séances, notes), batches, arrival times and
    /// pull cursor (a scope where this device still has writes to push waits for them: `ChangeStore.forget`) —
    /// so a resigned member or one removed from a group keeps nothing of it, not only no content.
    /// The public scope is kept (it is public). A scope regained later is pulled again from its start.
    func forgetLostScopes() async throws -> [ScopeID] {
        let kept = context.membership.readableScopes(of: certificate.signingKey, at: context.readingInstant).union([.public])
        let lost = try store.forget(scopesOutside: kept)
        guard !lost.isEmpty else { return [] }
        try await database.write { db in
            for scope in lost {
                try db.execute(sql: "DELETE FROM device_cursor WHERE scope = ?", arguments: [scope.rawValue])
                try db.execute(sql: "DELETE FROM device_batch_arrival WHERE scope = ?", arguments: [scope.rawValue])
            }
        }
        return lost
    }
}
