public import HuisClosCouncil
import HuisClosL10n

/// The annual activity report to the departmental president: séances held, attendance per
/// member, avis adopted, referrals, working groups and hearings, for one calendar year.
///
/// Its inputs are plain values (read from the council's records by the caller), so the figures
/// can be checked against a known scenario.
public struct ActivityReport: Sendable, Equatable {
    /// A séance held, with who attended.
    public struct SeanceHeld: Sendable, Equatable {
        /// Identifier of the séance.
        public let id: String
        /// The day it was held.
        public let day: Day
        /// Members expected (in office that day), by display name.
        public let expected: [String]
        /// Members present, by display name (a subset of `expected`).
        public let present: [String]
        /// Members absent with an excuse, by display name.
        public let excused: [String]

        /// A séance record.
        public init(id: String, day: Day, expected: [String], present: [String], excused: [String] = []) {
            self.id = id
            self.day = day
            self.expected = expected
            self.present = present
            self.excused = excused
        }
    }

    /// A referral (saisine) and where it stands.
    public struct Referral: Sendable, Equatable {
        /// Who referred the matter.
        public enum Origin: String, Sendable, Equatable {
            /// The departmental president.
            case departmentalPresident
            /// The council itself (self-referral, auto-saisine).
            case selfReferral
        }
        /// Identifier.
        public let id: String
        /// Subject.
        public let subject: String
        /// Who referred it.
        public let origin: Origin
        /// Day received.
        public let received: Day
        /// The avis answering it, once adopted.
        public let answeredBy: String?

        /// A referral.
        public init(id: String, subject: String, origin: Origin, received: Day, answeredBy: String?) {
            self.id = id
            self.subject = subject
            self.origin = origin
            self.received = received
            self.answeredBy = answeredBy
        }
    }

    /// A working group active during the year.
    public struct Group: Sendable, Equatable {
        /// Its name.
        public let name: String
        /// Number of members.
        public let members: Int
        /// Number of supplementary members.
        public let supplementaryMembers: Int
        /// Number of dossiers shared in the group; nil when the device establishing the report
        /// does not read the group (it would count none).
        public let dossiers: Int?

        /// A group summary.
        public init(name: String, members: Int, supplementaryMembers: Int, dossiers: Int?) {
            self.name = name
            self.members = members
            self.supplementaryMembers = supplementaryMembers
            self.dossiers = dossiers
        }
    }

    /// A hearing of a qualified person.
    public struct Hearing: Sendable, Equatable {
        /// The person heard (name and quality).
        public let guest: String
        /// Day of the hearing.
        public let day: Day
        /// The dossier the guest was given access to.
        public let dossier: String

        /// A hearing summary.
        public init(guest: String, day: Day, dossier: String) {
            self.guest = guest
            self.day = day
            self.dossier = dossier
        }
    }

    /// Attendance of one member over the year's séances.
    public struct Attendance: Sendable, Equatable {
        /// Display name.
        public let member: String
        /// Séances the member was expected at.
        public let expected: Int
        /// Séances attended.
        public let present: Int
        /// Absences excused.
        public let excused: Int
        /// Attendance in whole percent (0 when nothing was expected), rounded to the nearest, halves
        /// up, as a person rounds: 2 of 3 is 67 %.
        public var percent: Int { expected == 0 ? 0 : (present * 200 + expected) / (2 * expected) }
    }

    /// The year reported on.
    public let year: Int
    /// Séances held in `year`, by day.
    public let seances: [SeanceHeld]
    /// Texts adopted in `year` (avis, recommendations, programme).
    public let adopted: [PublishedText]
    /// Referrals received in `year`.
    public let referrals: [Referral]
    /// Working groups.
    public let groups: [Group]
    /// Hearings held in `year`.
    public let hearings: [Hearing]
    /// Identifiers of the adopted texts already published (served at the public URL).
    public let published: Set<String>

    /// The report for `year`; inputs dated in other years are left out. `published` names the
    /// adopted texts already published.
    public init(year: Int, seances: [SeanceHeld], adopted: [PublishedText], referrals: [Referral],
                groups: [Group], hearings: [Hearing], published: Set<String> = []) {
        self.year = year
        self.seances = seances.filter { $0.day.year == year }.sorted { $0.day < $1.day }
        self.adopted = adopted.filter { $0.adoptedOn.year == year }.sorted { ($0.adoptedOn, $0.id) < ($1.adoptedOn, $1.id) }
        self.referrals = referrals.filter { $0.received.year == year }.sorted { ($0.received, $0.id) < ($1.received, $1.id) }
        self.groups = groups.sorted { FrenchCollation.precedes($0.name, $1.name) }
        self.hearings = hearings.filter { $0.day.year == year }.sorted { $0.day < $1.day }
        self.published = published.intersection(self.adopted.map(\.id))
    }

    /// Attendance per member over the séances held, by name in French order.
    public var attendance: [Attendance] {
        var expected: [String: Int] = [:], present: [String: Int] = [:], excused: [String: Int] = [:]
        for seance in seances {
            let attending = Set(seance.present)
            for member in Set(seance.expected) {
                expected[member, default: 0] += 1
                if attending.contains(member) { present[member, default: 0] += 1 }
            }
            for member in Set(seance.excused).subtracting(attending) where seance.expected.contains(member) {
                excused[member, default: 0] += 1
            }
        }
        return expected.keys.sorted(by: FrenchCollation.precedes).map {
            Attendance(member: $0, expected: expected[$0] ?? 0, present: present[$0] ?? 0, excused: excused[$0] ?? 0)
        }
    }

    /// Avis adopted (kind `.avis`) in the year.
    public var avisAdopted: Int { adopted.filter { $0.kind == .avis }.count }
    /// Referrals answered by an avis.
    public var referralsAnswered: Int { referrals.filter { $0.answeredBy != nil }.count }
}
