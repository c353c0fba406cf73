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
}
