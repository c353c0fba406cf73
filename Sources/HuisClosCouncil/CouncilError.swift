import HuisClosL10n

/// An action the council's rules refuse: which rule, and what to do instead, in French and English.
public struct CouncilError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable codes for scripts (`--json`) and tests; new codes may be added.
    public enum Code: String, Sendable {
        case firstCircleFull
        case thirdMandateRefused
        case alreadyInOffice
        case notInOffice
        case unknownMember
        case proxyRefused
        case notAFirstCircleMember
        case attendanceClosed
        case attendanceNotClosed
        case notReportedForAbsences
        case invalidDate
        case notProposedByPresident
        case unknownSeance
        /// The author's role does not allow this record (`CouncilWriteRules` says who may).
        case roleRequired
        /// Fewer than half the members in office were present: the séance cannot adopt a text.
        case quorumNotReached
        /// A count given for a séance differs from what its attendance sheet records.
        case countMismatch
        /// The séance was cancelled: nothing more is recorded for it.
        case seanceCancelled
        /// Convened with fewer clear days than the council's minimum, without stating urgency.
        case convocationTooLate
    }

    public let code: Code
    /// What happened and what to do, for a person.
    public let text: Text

    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    public var description: String { "\(code.rawValue): \(text.english)" }

    public static func == (a: CouncilError, b: CouncilError) -> Bool { a.code == b.code }
}
