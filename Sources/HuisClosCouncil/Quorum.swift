public import HuisClosL10n

/// Whether enough members are present for the council to sit: at least half the first-circle
/// members in office on the séance's date (present × 2 ≥ in office).
public struct Quorum: Sendable, Equatable, Codable {
    public let inOffice: Int
    public let present: Int

    /// Counts present first-circle members in office at `seance.date`.
    public init(seance: Seance, register: Register) {
        let members = register.firstCircle(on: seance.date)
        inOffice = members.count
        present = members.filter { seance.attendance(of: $0.id) == .present }.count
    }

    /// Half of the members in office, rounded up: the smallest number present that reaches quorum.
    public var required: Int { (inOffice + 1) / 2 }

    public var isReached: Bool { present * 2 >= inOffice && inOffice > 0 }

    /// Refuses (`CouncilError.quorumNotReached`) what `refused` names (« Adoption refusée »,
    /// "Adoption refused") at `seance` when it sat without quorum; `remedy` says what to do instead.
    public static func require(at seance: Seance, register: Register, refused: Text, remedy: Text) throws(CouncilError) {
        let quorum = Quorum(seance: seance, register: register)
        guard !quorum.isReached else { return }
        throw CouncilError(.quorumNotReached, Text(
            fr: "\(refused.french) : la séance \(seance.id) du \(seance.date.french) s'est tenue sans quorum (\(quorum.present) présent(s) sur \(quorum.inOffice) en fonction, \(quorum.required) requis). \(CouncilRules.Quote.quorum.french) \(remedy.french)",
            en: "\(refused.english): séance \(seance.id) of \(seance.date.iso) was held without quorum (\(quorum.present) present of \(quorum.inOffice) in office, \(quorum.required) required). \(CouncilRules.Quote.quorum.english) \(remedy.english)"))
    }
}
