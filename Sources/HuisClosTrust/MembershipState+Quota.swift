import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// The per-device daily quotas and the log's reserved room: no certified device, a guest's
/// included, can fill the log, and a flood never stops the secretariat or the root from revoking.
extension MembershipState {
    /// Counts `record` against its signer's quota for the UTC day of its `issuedAt`; throws
    /// `.quotaExceeded` when the signer already signed its day's records, or when the log's room
    /// left is reserved for signers above it (the secretariat, then the root). The root has no
    /// daily quota. Deterministic: every replica and the relay fold the same records the same way.
    mutating func countAgainstQuota(_ record: MembershipRecord) throws(TrustError) {
        guard record.signer != root.publicKey else { return }
        // Authorisation passed, so the signer is a valid device certified under its member's role.
        let role = devices[record.signer]?.role
        let held = Int(headIndex) + 1
        let reserve = role == .secretariat ? TrustLimits.membershipRecordsRootReserve : TrustLimits.membershipRecordsSecretariatReserve
        guard held < TrustLimits.membershipRecordsMax - reserve else {
            throw TrustError(.quotaExceeded, Text(
                fr: "enregistrement \(record.index) refusé : le registre des membres en compte \(held) et ses \(reserve) derniers sont gardés "
                    + "pour \(role == .secretariat ? "la racine de confiance" : "le secrétariat et la racine de confiance"), pour qu'une révocation trouve toujours place",
                en: "record \(record.index) refused: the membership log holds \(held) records and its last \(reserve) "
                    + "are kept for \(role == .secretariat ? "the trust root" : "the secretariat and the trust root"), so a revocation always fits"))
        }
        let perDay = switch role {
        case .secretariat: TrustLimits.secretariatRecordsPerDeviceDayMax
        case .president: TrustLimits.presidentRecordsPerDeviceDayMax
        default: TrustLimits.memberRecordsPerDeviceDayMax
        }
        let day = record.issuedAt.unixSeconds / Self.secondsPerDay
        var signed = signerDays[record.signer].flatMap { $0.day == day ? $0 : nil } ?? SignerDay(day: day, count: 0)
        guard signed.count < perDay else {
            throw TrustError(.quotaExceeded, Text(
                fr: "enregistrement \(record.index) refusé : cet appareil a déjà signé \(signed.count) enregistrements du registre des membres "
                    + "ce jour (UTC), sa limite ; réessayez demain, ou prévenez le secrétariat si ce n'est pas vous",
                en: "record \(record.index) refused: this device already signed \(signed.count) membership records "
                    + "on this UTC day, its limit; try again tomorrow, or ask the secretariat if this is not you"))
        }
        signed.count += 1
        signerDays[record.signer] = signed
    }

    /// Seconds in a UTC day (Unix time has no leap seconds).
    static let secondsPerDay: Int64 = 86_400
}
