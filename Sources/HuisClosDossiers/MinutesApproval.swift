import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosTrust

/// What the president's device signs and the time-stamping authority stamps for an approved
/// procès-verbal, and how every device judges a PV's signature (Protocol/DOSSIERS.md, "Minutes").
extension Minutes.Record {
    /// The approval statement (UTF-8 lines `name: value`, LF-terminated) the president's device
    /// signs: the council, the séance, where and how it was approved, and the approved text's SHA-256.
    /// Nil before approval.
    public func approvalStatement(council: String) -> String? {
        guard let approval else { return nil }
        let vote = approval.vote
        return ["HuisClos minutes approval v1", "council: \(council)", "seance: \(seance)", "approved-at: \(approval.seance)",
                "approved-on: \(approval.day.iso)", "present: \(vote.present)", "for: \(vote.inFavour)", "against: \(vote.against)",
                "abstaining: \(vote.abstaining)", "text-sha256: \(approval.textHash)"].map { $0 + "\n" }.joined()
    }

    /// The text time-stamped: the approval statement and the signature over it (base64), so the
    /// token proves the signed PV existed at its time. Nil before the signature.
    public func stampedText(council: String) -> String? {
        guard let statement = approvalStatement(council: council), let signature else { return nil }
        return statement + "signature: \(Data(signature).base64EncodedString())\n"
    }

    /// How this PV stands for a device holding `membership`: a draft; approved, signed by a device
    /// whose member was president when the signature was written and unchanged since (`.signed`, with the signing member); or refused
    /// with why (`unsigned`, `forgedSignature`, `changedAfterApproval`).
    public func standing(council: String, membership: MembershipState) -> Minutes.Standing {
        guard status == .approved else { return .draft }
        guard let approval, let statement = approvalStatement(council: council),
              conflicts.isEmpty, SHA2.sha256(Array(text.utf8)).hex == approval.textHash else { return .refused(.changedAfterApproval) }
        guard let signer, let signature, let signedAtMs else { return .refused(.unsigned) }
        // The signing device must be certified and its member the president when the signature was
        // written (the write rule held the writing device to the same role at that time).
        guard let key = try? SigningPublicKey(bytes: signer), let member = membership.certificate(of: key)?.member,
              membership.role(of: member, at: Instant(unixSeconds: Int64(signedAtMs / 1000))) == .president,
              (try? key.verify(signature, of: Array(statement.utf8))) != nil else { return .refused(.forgedSignature) }
        return .signed(member: member.hex)
    }
}

extension Minutes {
    /// A PV's standing on a device (`Record.standing`).
    public enum Standing: Sendable, Equatable {
        case draft
        /// Approved, signed by the president's device (`member`), the text unchanged since.
        case signed(member: String)
        /// Approved but not to be relied on: why.
        case refused(MinutesError.Code)
    }
}
