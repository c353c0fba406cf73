import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosTrust

/// The batch authorizer of a device: the verified membership log decides who writes where.
///
/// Each operation is checked at its own clock reading: the author device must be valid then
/// (certified, not revoked, its member in mandate) and allowed to write the scope (`mayWrite`, or
/// `mayWritePublic` for `public`: the president's or the secretariat's devices only); in the council scope, its member's role must also allow the
/// record (`CouncilWriteRules`: agenda by the president or secretariat, answers by the member
/// themself, attendance by the secretariat…). A batch from a device the log does not know — one a
/// server added on its own — or from a tampered client writing beyond its role is refused on
/// every replica.
struct MembershipAuthorizer: BatchAuthorizer {
    let context: TrustContext

    func authorize(_ operations: [ChangeOperation], by device: SigningPublicKey, in scope: ScopeID) throws(ChangeError) {
        let membership = context.membership
        guard membership.certificate(of: device) != nil else {
            throw ChangeError(.unauthorized, "the author device is not certified in the membership log: refused")
        }
        for operation in operations {
            let instant = Instant(unixSeconds: Int64(clamping: operation.hlc.physicalMs / 1000))
            let allowed = scope == .public
                ? membership.mayWritePublic(device: device, at: instant)
                : membership.mayWrite(device: device, scope: scope, at: instant)
            guard allowed else {
                throw ChangeError(.unauthorized, "the membership log does not let the author write in \(scope) at \(instant): refused",
                                  cause: scope == .public ? CouncilWriteRules.publishes : nil)
            }
            if scope == CouncilRecords.scope {
                do { try CouncilWriteRules.check(operation.change, device: device, membership: membership, at: instant) } catch {
                    throw ChangeError(.unauthorized, "\(operation.change.record): \(error.text.english) Refused.", cause: error)
                }
            }
        }
    }
}
