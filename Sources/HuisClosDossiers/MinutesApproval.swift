import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
public import HuisClosPublication
import HuisClosStore
public import HuisClosTrust

extension Minutes {
    /// Records the approval of `seance`'s PV at the later, held séance `approving` with `vote`,
    /// fixing the text by its SHA-256. Refused while a paragraph conflicts, at the séance itself or an
    /// earlier one, before the approving séance was held, when it was held without quorum (`Quorum`,
    /// counted on `register` as for the adoption of an avis: `CouncilError.quorumNotReached`), or with
    /// more votes than members present. Nothing is written when refused.
    public func approve(_ seance: Seance, at approving: Seance, register: Register, vote: Vote) throws {
        let record = try minutes(seance.id)
        guard record.status == .draft else { throw MinutesError(.approved) }
        guard record.conflicts.isEmpty else {
            throw MinutesError(.conflict, Text(
                fr: "Approbation refusée : le procès-verbal de la séance \(seance.id) a des versions concurrentes du ou des paragraphes \(record.conflicts.map(\.id).joined(separator: ", ")). Réécrivez-les (huisclos pv ecrire \(seance.id) N …) après les avoir lues (huisclos pv voir \(seance.id)), synchronisez, puis approuvez.",
                en: "Approval refused: the minutes of séance \(seance.id) have conflicting versions of paragraph(s) \(record.conflicts.map(\.id).joined(separator: ", ")). Rewrite them (huisclos pv ecrire \(seance.id) N …) after reading them (huisclos pv voir \(seance.id)), sync, then approve."))
        }
        guard approving.id != seance.id, approving.date > seance.date else {
            throw MinutesError(.approvalTooEarly, Text(
                fr: "Approbation refusée : le procès-verbal de la séance \(seance.id) du \(seance.date.french) s'approuve à une séance ultérieure, pas à la séance \(approving.id) du \(approving.date.french).",
                en: "Approval refused: the minutes of séance \(seance.id) of \(seance.date.iso) are approved at a later séance, not at séance \(approving.id) of \(approving.date.iso)."))
        }
        guard approving.attendanceClosed else {
            throw MinutesError(.seanceNotHeld, Text(
                fr: "la séance \(approving.id) n'a pas été tenue (feuille de présence non close) : clôturez-la d'abord (huisclos presence clore \(approving.id))",
                en: "séance \(approving.id) has not been held (attendance not closed): close it first (huisclos presence clore \(approving.id))"))
        }
        try Quorum.require(
            at: approving, register: register, refused: Text(fr: "Approbation refusée", en: "Approval refused"),
            remedy: Text(fr: "Faites approuver le procès-verbal à une prochaine séance tenue avec son quorum (huisclos pv approuver \(seance.id) --seance <séance>).",
                         en: "Have the minutes approved at a later séance held with its quorum (huisclos pv approuver \(seance.id) --seance <séance>)."))
        let cast = vote.inFavour + vote.against + vote.abstaining
        guard [vote.inFavour, vote.against, vote.abstaining].allSatisfy({ $0 >= 0 }), cast <= approving.present.count else {
            throw MinutesError(.votesExceedPresent, Text(
                fr: "Approbation refusée : \(cast) voix (pour, contre, abstention) mais \(approving.present.count) présents à la séance \(approving.id) : corrigez le décompte.",
                en: "Approval refused: \(cast) votes (for, against, abstaining) but \(approving.present.count) present at séance \(approving.id): correct the count."))
        }
        let key = try RecordKey(kind: DossierRecords.Kind.minutes, id: seance.id)
        try store.commitLocal([
            .set(key, field: Field.status, value: .text(Status.approved.rawValue)),
            .set(key, field: Field.approvedAt, value: .text(approving.id)), .set(key, field: Field.approvedOn, value: .text(approving.date.iso)),
            .set(key, field: Field.present, value: .integer(Int64(approving.present.count))),
            .set(key, field: Field.inFavour, value: .integer(Int64(vote.inFavour))),
            .set(key, field: Field.against, value: .integer(Int64(vote.against))),
            .set(key, field: Field.abstaining, value: .integer(Int64(vote.abstaining))),
            .set(key, field: Field.textHash, value: .text(SHA2.sha256(Array(record.text.utf8)).hex)),
        ], scope: scope)
    }
}

/// What the president's device signs and the time-stamping authority stamps for an approved
/// procès-verbal, and how every device judges a PV's signature (Protocol/DOSSIERS.md, "Minutes").
extension Minutes.Record {
    /// The approval statement (UTF-8 lines `name: value`, LF-terminated) the president's device
    /// signs: the council, the séance held on `day`, where and how it was approved, and the approved
    /// text's SHA-256 (`PublishedMinutes.approvalStatement`). Nil before approval.
    public func approvalStatement(council: String, heldOn day: Day) -> String? {
        guard let approval else { return nil }
        return PublishedMinutes.approvalStatement(council: council, seance: seance, heldOn: day, approval: approval.published,
                                                  textSHA256: approval.textHash)
    }

    /// The text time-stamped: the approval statement and the signature over it (base64), so the
    /// token proves the signed PV existed at its time. Nil before the signature.
    public func stampedText(council: String, heldOn day: Day) -> String? {
        guard let statement = approvalStatement(council: council, heldOn: day), let signature else { return nil }
        return statement + "signature: \(Data(signature).base64EncodedString())\n"
    }

    /// The signature as published with the minutes (`PublishedMinutes.signature`), once signed.
    public var publishedSignature: MinutesSignature? {
        guard let signer, let signature, let signedAtMs else { return nil }
        return MinutesSignature(signer: signer, signature: signature, signedAtMs: signedAtMs, token: token)
    }

    /// How this PV of the séance held on `day` stands for a device holding `membership`: a draft;
    /// approved, signed by a device whose member was president when the signature was written and
    /// unchanged since (`.signed`, with the signing member); or refused with why (`unsigned`,
    /// `forgedSignature`, `changedAfterApproval`).
    public func standing(council: String, heldOn day: Day, membership: MembershipState) -> Minutes.Standing {
        guard status == .approved else { return .draft }
        guard let approval, let statement = approvalStatement(council: council, heldOn: day),
              conflicts.isEmpty, SHA2.sha256(Array(text.utf8)).hex == approval.textHash else { return .refused(.changedAfterApproval) }
        guard let published = publishedSignature else { return .refused(.unsigned) }
        // The signing device must be certified, not revoked, and its member the president when the
        // signature was written (the write rule held the writing device to the same role at that time).
        guard let member = published.signingMember(of: statement, membership: membership, at: published.signedAt) else {
            let first = PublishedMinutes.firstApprovalStatement(council: council, seance: seance, approval: approval.published,
                                                                textSHA256: approval.textHash)
            let signedOverFirst = published.signingMember(of: first, membership: membership, at: published.signedAt) != nil
            return .refused(signedOverFirst ? .signedInAnEarlierFormat : .forgedSignature)
        }
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
