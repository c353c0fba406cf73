import GRDB
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTrust
import HuisClosWire

extension Device {
    /// Has the relay keep `records`, signed by this device, after noting them in the vault: until
    /// this device knows their fate it never signs other records at their place (`settleOutbound`).
    func send(_ records: [MembershipRecord]) async throws {
        try await database.write { db in try DeviceVault.keep(outbound: records, in: db) }
        try await client.appendMembership(records.map(\.encoded))
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
    /// crash, a relay restored from a backup since): kept when the verified log now holds them (an
    /// epoch record carries its key sealed to this device); sent again, byte for byte, when the
    /// relay holds nothing at their place; forgotten when other records took it. Signing new records
    /// there instead would fork the log for every device that pulled these meanwhile: that was
    /// simulation seed 4131. Returns how many records the log gained.
    func settleOutbound() async throws -> Int {
        let bytes = try await database.read { db in try DeviceVault.outbound(in: db) }
        guard let first = bytes.first else { return 0 }
        guard let index = try? MembershipRecord(verifying: first).index, index == UInt64(context.log.records.count) else {
            // Pulled back with the log (the relay kept them), or other records took their place.
            try await database.write { db in try DeviceVault.forgetOutbound(in: db) }
            return 0
        }
        if let refusal = await refusal(of: bytes) {
            guard refusal.code != .unreachable else { throw refusal }
            // The relay may hold records at their place now (these, their answer lost, or others:
            // whatever those did is decided again by whoever decides it).
            let pulled = try await pullRelayedRecords()
            // Still free, and refused for what they are (a signature, a size, an authority the relay
            // judges otherwise): they will never be kept. Any other refusal (a storage error, a
            // rate limit, a relay clock behind their date) may pass later: they stay noted, and
            // nothing else is signed at their place meanwhile. A `fork` while the pull shows
            // nothing at their place is such a refusal too: an honest relay refuses as a fork only
            // once another record is stored there, which the pull then shows; a relay that kept
            // these and hides them would otherwise get two records signed at one place.
            guard index < UInt64(context.log.records.count) || [.badSignature, .tooLarge, .forbidden].contains(refusal.code) else {
                let why = Text(explaining: refusal)
                throw DeviceError(.recordPending, Text(
                    fr: "\(DeviceError.Code.recordPending.text.french) (le serveur a répondu : \(why.french))",
                    en: "\(DeviceError.Code.recordPending.text.english) (the server answered: \(why.english))"))
            }
            try await database.write { db in try DeviceVault.forgetOutbound(in: db) }
            return pulled
        }
        var records: [MembershipRecord] = []
        for record in bytes { records.append(try MembershipRecord(verifying: record)) }
        try await relayed(records)
        return records.count
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
