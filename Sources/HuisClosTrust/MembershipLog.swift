public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// A membership log held by a client: the verified records and their fold.
///
/// Every way in verifies: `init(verifying:root:)` checks a whole log from the pinned root,
/// `receive` checks one more record from the relay, `append` signs a new record and checks it the
/// same way before keeping it. A record refused leaves the log unchanged.
public struct MembershipLog: Sendable {
    /// The verified records, from genesis.
    public private(set) var records: [MembershipRecord]
    /// What the records establish.
    public private(set) var state: MembershipState

    /// Verifies a whole log (canonical bytes of each record, in order) from `root`, at `now` by
    /// this device's clock.
    public init(verifying encodedRecords: [[UInt8]], root: TrustRoot, now: Instant) throws(TrustError) {
        guard let first = encodedRecords.first else { throw TrustError(.untrustedRoot, Text(fr: "un registre vide n'a pas d'enregistrement fondateur",
                                                                                            en: "an empty log has no genesis record")) }
        guard encodedRecords.count <= TrustLimits.membershipRecordsMax else {
            throw TrustError(.tooLarge, Text(fr: "le registre compte \(encodedRecords.count) enregistrements ; la limite est \(TrustLimits.membershipRecordsMax)",
                                        en: "the log has \(encodedRecords.count) records; the limit is \(TrustLimits.membershipRecordsMax)"))
        }
        let genesis = try MembershipRecord(verifying: first)
        records = [genesis]
        records.reserveCapacity(encodedRecords.count)
        state = try MembershipState(genesis: genesis, root: root, now: now)
        for bytes in encodedRecords.dropFirst() { try receive(bytes, now: now) }
    }

    /// Verifies and applies the next record received from the relay at `now` (this device's clock);
    /// the relay passes its tighter `TrustLimits.relayClockSkewSecondsMax` as `clockSkewSecondsMax`.
    public mutating func receive(_ encoded: [UInt8], now: Instant,
                                 clockSkewSecondsMax: Int64 = TrustLimits.recordClockSkewSecondsMax) throws(TrustError) {
        try accept(try MembershipRecord(verifying: encoded), now: now, clockSkewSecondsMax: clockSkewSecondsMax)
    }

    /// Signs `event` as the next record with `signer` (the root or this device) and applies it;
    /// throws, keeping nothing, if the log does not allow it. Send `encoded` of the result to the relay.
    ///
    /// The record is dated `instant` (a device passes `CouncilClock.signing(after:)`: the earlier of
    /// its clock and the relay's) or the log's head, whichever is later: a head dated a little
    /// ahead (a device whose clock runs fast) never makes an honest record "dated before the
    /// previous one". The relay bounds how far ahead a head can be.
    @discardableResult
    public mutating func append(_ event: MembershipEvent, signedBy signer: SigningKeyPair, at instant: Instant)
        throws(TrustError) -> MembershipRecord {
        let record = try MembershipRecord.sign(event, index: state.headIndex + 1, previousHash: state.headHash,
                                               issuedAt: max(instant, state.headTime), signer: signer)
        try accept(record, now: instant, clockSkewSecondsMax: TrustLimits.recordClockSkewSecondsMax)
        return record
    }

    private mutating func accept(_ record: MembershipRecord, now: Instant, clockSkewSecondsMax: Int64) throws(TrustError) {
        guard records.count < TrustLimits.membershipRecordsMax else {
            throw TrustError(.tooLarge, Text(fr: "le registre compte déjà \(TrustLimits.membershipRecordsMax) enregistrements, sa limite",
                                        en: "the log already holds \(TrustLimits.membershipRecordsMax) records, its limit"))
        }
        try state.apply(record, now: now, clockSkewSecondsMax: clockSkewSecondsMax)
        records.append(record)
    }
}
