public import HuisClosL10n

/// Why a procès-verbal operation was refused, or why a device does not hold a PV as signed.
public struct MinutesError: HuisClosError, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, ErrorCode {
        /// No PV of that séance on this device.
        case notFound
        /// A PV of that séance was drafted already.
        case alreadyDrafted
        /// The séance (of the PV, or of its approval) has not been held: its attendance is not closed.
        case seanceNotHeld
        /// A paragraph shows concurrent versions: the council approves one text.
        case conflict
        /// Approval at the séance itself or an earlier one.
        case approvalTooEarly
        /// More votes than members present at the approving séance.
        case votesExceedPresent
        /// The PV is approved: its text no longer changes.
        case approved
        /// The PV is not approved yet (signing, time-stamping).
        case notApproved
        /// Approved but not signed by the president's device.
        case unsigned
        /// The signature does not verify, or its device was not the president's on the approval day.
        case forgedSignature
        /// The text differs from the one approved and signed (edited after approval).
        case changedAfterApproval
        /// Signed by a device that is no longer the president's, or was revoked since: the public
        /// site judges the signature when it receives the publication, and would refuse it.
        case signerNoLongerPresident
        /// Signed by the president's device over the first (v1) statement, which does not name the
        /// séance's day: not relied on; the president signs again.
        case signedInAnEarlierFormat

        public static let domain = "minutes"

        public var text: Text {
            switch self {
            case .notFound:
                Text(fr: "aucun procès-verbal de cette séance sur cet appareil : rédigez-le (huisclos pv brouillon) ou synchronisez",
                     en: "no minutes of this séance on this device: draft them (huisclos pv brouillon) or sync")
            case .alreadyDrafted:
                Text(fr: "le procès-verbal de cette séance existe déjà : modifiez-le paragraphe par paragraphe (huisclos pv ecrire)",
                     en: "the minutes of this séance exist already: edit them paragraph by paragraph (huisclos pv ecrire)")
            case .seanceNotHeld:
                Text(fr: "la séance n'a pas été tenue (feuille de présence non close) : clôturez-la d'abord (huisclos presence clore)",
                     en: "the séance has not been held (attendance not closed): close it first (huisclos presence clore)")
            case .conflict:
                Text(fr: "un paragraphe a des versions concurrentes : réécrivez-le après les avoir lues (huisclos pv voir), puis approuvez",
                     en: "a paragraph has conflicting versions: rewrite it after reading them (huisclos pv voir), then approve")
            case .approvalTooEarly:
                Text(fr: "un procès-verbal est approuvé à une séance ultérieure, pas à la séance même ni à une séance antérieure",
                     en: "minutes are approved at a later séance, not at the séance itself nor an earlier one")
            case .votesExceedPresent:
                Text(fr: "plus de voix que de membres présents à la séance d'approbation : corrigez le décompte",
                     en: "more votes than members present at the approving séance: correct the count")
            case .approved:
                Text(fr: "le procès-verbal est approuvé : son texte ne se modifie plus",
                     en: "the minutes are approved: their text no longer changes")
            case .notApproved:
                Text(fr: "le procès-verbal n'est pas encore approuvé : faites-le approuver à une séance ultérieure (huisclos pv approuver)",
                     en: "the minutes are not approved yet: have them approved at a later séance (huisclos pv approuver)")
            case .unsigned:
                Text(fr: "le procès-verbal approuvé n'est pas signé par la présidence : demandez-lui de le signer (huisclos pv signer)",
                     en: "the approved minutes are not signed by the president: ask them to sign (huisclos pv signer)")
            case .forgedSignature:
                Text(fr: "la signature du procès-verbal ne vient pas d'un appareil de la présidence ou ne correspond pas au texte approuvé : ne vous y fiez pas, prévenez le secrétariat",
                     en: "the minutes' signature is not from the president's device or does not match the approved text: do not rely on it, tell the secretariat")
            case .changedAfterApproval:
                Text(fr: "le texte du procès-verbal a été modifié après son approbation : il ne correspond plus au texte approuvé et signé ; prévenez le secrétariat",
                     en: "the minutes were edited after approval: the text no longer matches the one approved and signed; tell the secretariat")
            case .signedInAnEarlierFormat:
                Text(fr: "le procès-verbal a été signé dans un format antérieur, qui ne couvre pas le jour de la séance : il n'est pas tenu pour signé ; faites-le signer de nouveau par la présidence (huisclos pv signer), synchronisez, puis publiez",
                     en: "the minutes were signed in an earlier format, which does not cover the séance's day: they are not taken as signed; have the president sign them again (huisclos pv signer), sync, then publish")
            case .signerNoLongerPresident:
                Text(fr: "le procès-verbal a été signé par un appareil qui n'est plus celui de la présidence (fin de mandat ou révocation) : le site public vérifie la signature au moment où il reçoit la publication et la refuserait ; faites-le signer par la présidence actuelle (huisclos pv signer), synchronisez, puis publiez",
                     en: "the minutes were signed by a device that is no longer the president's (mandate ended or revoked): the public site checks the signature when it receives the publication and would refuse it; have the current president sign them (huisclos pv signer), sync, then publish")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .notFound, .alreadyDrafted, .seanceNotHeld, .conflict, .approved, .notApproved: .usage
            case .approvalTooEarly, .votesExceedPresent, .unsigned, .forgedSignature, .changedAfterApproval, .signerNoLongerPresident,
                 .signedInAnEarlierFormat: .dataRefused
            }
        }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in French and English.
    public let text: Text

    /// An error with `code` and its own words (`code.text` when none are given).
    public init(_ code: Code, _ text: Text? = nil) {
        self.code = code
        self.text = text ?? code.text
    }
}
