import GRDB
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTrust
import HuisClosWire

extension Device {
    /// True while a command signs its own records (`sign`, `changeMembership`): only then does a
    /// relay out of reach say what became of them (`signedNotSent`, `notSigned`). A sync's own
    /// records (an undertaking, a key epoch) keep the transport's error, which `watch` retries.
    @TaskLocal static var signsForACommand = false

    /// Has the relay keep `records`, signed by this device, after noting them in the vault: until
    /// this device knows their fate it never signs other records at their place (`settleOutbound`).
    /// With the relay unreachable they stay noted and leave at the next sync: for a command the
    /// error says so (`signedNotSent`), so that nobody runs it again to sign them a second time.
    func send(_ records: [MembershipRecord]) async throws {
        try await database.write { db in try DeviceVault.keep(outbound: records, in: db) }
        do {
            try await client.appendMembership(records.map(\.encoded))
        } catch {
            guard error.code == .unreachable, Self.signsForACommand else { throw error }
            throw DeviceError(.signedNotSent, error.happened(then: DeviceError.Code.signedNotSent.text))
        }
    }

    /// Runs `step`, which reaches the relay before a record is signed: with the relay unreachable,
    /// the error says that nothing was signed (`notSigned`), unlike one after the signature
    /// (`signedNotSent`), so the person knows whether to run the command again.
    func beforeSigning<T>(_ step: () async throws -> T) async throws -> T {
        do {
            return try await step()
        } catch let error as APIError where error.code == .unreachable && Self.signsForACommand {
            throw DeviceError(.notSigned, error.happened(then: DeviceError.Code.notSigned.text))
        }
    }

    /// Settles, before a workflow checks what it will sign, the records this device signed without
    /// hearing the relay keep them (`settleOutbound`): a command run again after a lost answer must
    /// see its first run's records, or it signs them a second time. Reaches the relay only when
    /// such records are noted; returns how many records the log gained.
    public func settlePendingRecords() async throws -> Int {
        guard try await database.read({ db in try DeviceVault.hasOutbound(in: db) }) else { return 0 }
        return try await pullMembership()
    }

    /// Settles the records this device sent without hearing the relay keep them (a lost answer, a
    /// crash, a relay restored from a backup since), one by one against the verified log: those it
    /// holds byte for byte are kept (an epoch record carries its key sealed to this device); the
    /// rest are sent again, byte for byte, while their place is free; all are forgotten once another
    /// record holds the place of one (each chains to the one before). Signing new records at a free
    /// place instead would fork the log for every device that pulled these meanwhile: that was
    /// simulation seed 4131. Returns how many records the log gained.
    func settleOutbound() async throws -> Int {
        let bytes = try await database.read { db in try DeviceVault.outbound(in: db) }
        guard !bytes.isEmpty else { return 0 }
        var records: [MembershipRecord] = []
        for record in bytes { records.append(try MembershipRecord(verifying: record)) }
        guard let rest = unsettled(records), let first = rest.first, first.index == UInt64(context.log.records.count) else {
            try await database.write { db in try DeviceVault.forgetOutbound(in: db) }
            return 0
        }
        if let refusal = await refusal(of: rest.map(\.encoded)) {
            guard refusal.code != .unreachable else { throw refusal }
            // The relay may hold records at their place now (these, their answer lost, or others).
            let pulled = try await pullRelayedRecords()
            // Still free: forgotten only when this device, judging them itself on its log, finds
            // them void (a signature, a size, an authority): what the relay says of them is not
            // enough, or a relay that kept them and hides them would get two records signed at one
            // place (the attacker's reviews). Any other case may pass later: they stay noted, and
            // nothing else is signed at their place meanwhile.
            if let still = unsettled(records), !still.isEmpty, !isVoid(still) {
                let why = Text(explaining: refusal)
                throw DeviceError(.recordPending, Text(
                    fr: "\(DeviceError.Code.recordPending.text.french) (le serveur a répondu : \(why.french))",
                    en: "\(DeviceError.Code.recordPending.text.english) (the server answered: \(why.english))"))
            }
            try await database.write { db in try DeviceVault.forgetOutbound(in: db) }
            return pulled
        }
        try await relayed(rest)
        return rest.count
    }

    /// The noted `records` the verified log does not hold yet; nil when another record holds the
    /// place of one of them.
    private func unsettled(_ records: [MembershipRecord]) -> [MembershipRecord]? {
        let log = context.log.records
        var rest: [MembershipRecord] = []
        for record in records {
            guard Int(record.index) < log.count else {
                rest.append(record)
                continue
            }
            guard log[Int(record.index)].encoded == record.encoded else { return nil }
        }
        return rest
    }

    /// True when the log, as this device verified it, refuses `records` for what they are (more
    /// than one request carries, a signature, a size, an authority): they can never be kept.
    private func isVoid(_ records: [MembershipRecord]) -> Bool {
        guard records.count <= WireLimits.pushBatchesMax else { return true }
        var log = context.log
        let instant = context.readingInstant
        for record in records {
            do throws(TrustError) {
                try log.receive(record.encoded, now: instant)
            } catch {
                return [.badSignature, .tooLarge, .notAuthorised, .quotaExceeded].contains(error.code)
            }
        }
        return false
    }

    /// The relay's refusal to append `records`, nil when it kept them.
    private func refusal(of records: [[UInt8]]) async -> APIError? {
        do {
            try await client.appendMembership(records)
            return nil
        } catch {
            return error
        }
    }
}
