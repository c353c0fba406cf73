@testable import HuisClosCouncil

func day(_ iso: String) -> Day { Day(iso: iso)! }

extension Register {
    /// Appoints `count` first-circle members "m1"… on `start`.
    mutating func appointMany(_ count: Int, on start: String, prefix: String = "m") throws {
        for index in 1...count {
            try appoint(id: "\(prefix)\(index)", name: "Membre \(prefix)\(index)", circle: .first,
                        category: Member.Category.allCases[index % 5], gender: index % 2 == 0 ? .female : .male,
                        orderNumber: "A-\(index)", on: day(start))
        }
    }
}

/// A closed séance on `date` where `present` came and `excused` sent excuses.
func closedSeance(_ id: String, _ date: String, present: [String], excused: [String] = []) throws -> Seance {
    var seance = Seance(id: id, date: day(date), place: "Bobigny")
    for member in excused { try seance.respond(member, .excused) }
    for member in present { try seance.markPresent(member) }
    seance.closeAttendance()
    return seance
}
