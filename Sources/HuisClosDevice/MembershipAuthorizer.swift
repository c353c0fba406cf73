import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust

/// The batch authorizer of a device: the verified membership log decides who writes where.
///
/// A batch names the log position its author had verified (`BatchEnvelope.logPosition`); the
/// author chooses its operations' clock readings but not the log. So: a position beyond this
/// replica's log head holds the batch until the log catches up (`.logBehind`); a record after the
/// position that took the author's right away (revocation, mandate change, removal from the
/// scope: `MembershipState.lostWriteRight`) refuses it — except a batch its author's revocation
/// lets stand (`StandingWrites`), judged as of just before the revocation; and each operation is checked at the later
/// of its own clock reading and the issue time of the record at that position, so the author
/// cannot date writes before the log it names. At that instant the author device must be valid
/// (certified, approved, not revoked, its member in mandate) and allowed to write the scope
/// (`mayWrite`, or `mayWritePublic` for `public`: the president's or the secretariat's devices
/// only); in the council scope, its member's role must also allow the record
/// (`CouncilWriteRules`: agenda by the president or secretariat, answers by the member
/// themself, attendance by the secretariat…). A batch from a device the log does not know — one a
/// server added on its own — or from a tampered client writing beyond its role is refused on
/// every replica.
struct MembershipAuthorizer: BatchAuthorizer {
    let context: TrustContext

    var logPosition: UInt64 { context.membership.headIndex }

    func authorize(_ operations: [ChangeOperation], by device: SigningPublicKey, in scope: ScopeID,
                   logPosition position: UInt64, sequence: UInt64) throws(ChangeError) {
        let log = context.log
        let membership = log.state
        guard membership.certificate(of: device) != nil else {
            throw ChangeError(.unauthorized, Text(fr: "l'appareil auteur n'est pas certifié dans le registre des membres : refusé",
                                                  en: "the author device is not certified in the membership log: refused"))
        }
        guard position <= membership.headIndex else {
            throw ChangeError(.logBehind, Text(
                fr: "le lot a été écrit sous l'enregistrement \(position) du registre des membres, et cet appareil ne l'a vérifié "
                    + "que jusqu'à l'enregistrement \(membership.headIndex) : gardé en attente jusqu'à ce que la prochaine synchronisation apporte le registre",
                en: "the batch was written under membership record \(position), and this device has verified "
                    + "only up to record \(membership.headIndex): held until the next sync brings the log"))
        }
        guard !membership.lostWriteRight(of: device, to: scope, after: position, sequence: sequence) else {
            throw ChangeError(.unauthorized, Text(
                fr: "le lot a été écrit sous l'enregistrement \(position) du registre des membres, et un enregistrement plus récent a retiré "
                    + "à son auteur le droit d'écrire dans \(scope) (révocation, fin de mandat ou retrait) : refusé",
                en: "the batch was written under membership record \(position), and a later record took "
                    + "the author's right to write in \(scope) away (revocation, end of mandate or removal): refused"))
        }
        let anchor = log.records[Int(position)].issuedAt
        let kept = membership.revocationKeeps(device, scope: scope, sequence: sequence, position: position)
        for operation in operations {
            let stamped = max(anchor, Instant(unixSeconds: Int64(clamping: operation.hlc.physicalMs / 1000)))
            let instant = membership.writeInstant(of: device, at: stamped, kept: kept)
            let allowed = scope == .public
                ? membership.mayWritePublic(device: device, at: instant)
                : membership.mayWrite(device: device, scope: scope, at: instant)
            guard allowed else {
                throw ChangeError(.unauthorized, Text(fr: "le registre des membres ne permet pas à l'auteur d'écrire dans \(scope) au \(instant) : refusé",
                                                      en: "the membership log does not let the author write in \(scope) at \(instant): refused"),
                                  cause: scope == .public ? CouncilWriteRules.publishes : nil)
            }
            if scope == CouncilRecords.scope {
                do { try CouncilWriteRules.check(operation.change, device: device, membership: membership, at: instant) } catch {
                    throw ChangeError(.unauthorized, Text(fr: "\(operation.change.record) : \(error.text.french) Refusé.",
                                                          en: "\(operation.change.record): \(error.text.english) Refused."), cause: error)
                }
            }
        }
    }
}
