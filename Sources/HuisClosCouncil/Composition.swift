/// The balance of the first circle on a day: members per category and per declared gender.
public struct Composition: Sendable, Equatable, Codable {
    public let day: Day
    public let total: Int
    public let byCategory: [Member.Category: Int]
    public let byGender: [Member.Gender: Int]
    /// Members who declared no gender (not counted in the parity ratio).
    public let undeclared: Int

    /// Computes the composition of `register`'s first circle on `day`.
    public init(of register: Register, on day: Day) {
        let members = register.firstCircle(on: day)
        self.day = day
        total = members.count
        byCategory = Dictionary(grouping: members, by: \.category).mapValues(\.count)
        byGender = Dictionary(grouping: members.compactMap(\.gender), by: { $0 }).mapValues(\.count)
        undeclared = members.filter { $0.gender == nil }.count
    }

    /// Women among members who declared a gender, 0…1; nil if nobody declared one.
    public var shareOfWomen: Double? {
        let declared = byGender.values.reduce(0, +)
        return declared == 0 ? nil : Double(byGender[.female, default: 0]) / Double(declared)
    }
}
