public import HuisClosCouncil
public import HuisClosTrust

/// The register as the CLI shows it, derived from the **verified membership log** (who holds which
/// mandate, in which role, from which order, until when) and the council scope's profiles (names,
/// categories, genders: kept encrypted, never in the log the relay stores), vice-president
/// proposals and vice-president appointments (a role on the running mandate, not a new mandate).
///
/// The fold replays each appointment and mandate end through `Register`, whose rules are the
/// ones the log itself enforced (`CouncilRules.checkFirstCircleAppointment`), so the two cannot
/// disagree on who sits.
public struct CouncilRegister: Sendable {
    /// The members, mandates, president and vice-presidents.
    public private(set) var register = Register()
    /// Secretariat accounts in office (not members), by member id (hex).
    public private(set) var secretariat: Set<String> = []
    /// Vice-presidents appointed (in the log, or by a record) without a proposal by the president
    /// recorded before: not shown as vice-presidents.
    public private(set) var vicePresidentsWithoutProposal: Set<String> = []
    /// Records of the verified log the register could not fold (an appointment or a mandate end
    /// its rules refuse), in log order: shown as a warning, never silently dropped. The log and the
    /// register share their rules (`CouncilRules`), so this stays empty unless a log was signed by
    /// software with other rules.
    public private(set) var unfolded: [Unfolded] = []

    /// A log record the register refused: whose, which order, and the rule that refused it.
    public struct Unfolded: Sendable, Equatable {
        /// The member concerned (hex).
        public let member: String
        /// The log record's index.
        public let recordIndex: UInt64
        /// The council's rule that refused it.
        public let refusal: CouncilError
    }

    /// Folds `log` with the council records' `profiles`, vice-president `proposals` and
    /// `appointments`. Proposals and appointments are replayed in day order between the log's
    /// records, so a vice-presidency holds on the mandate it was recorded on and ends with it.
    public init(log: MembershipLog, profiles: [String: CouncilStore.Profile], proposals: [String: Day],
                appointments: [String: CouncilStore.VicePresidentAppointment] = [:]) {
        var pending = (proposals.map { (day: $0.value, id: $0.key, appointment: false) }
            + appointments.map { (day: $0.value.day, id: $0.key, appointment: true) })
            .sorted { ($0.day, $0.appointment ? 1 : 0, $0.id) < ($1.day, $1.appointment ? 1 : 0, $1.id) }[...]
        for record in log.records {
            guard let day = Day(unixSeconds: record.issuedAt.unixSeconds) else { continue }
            while let next = pending.first, next.day < day {
                replay(next)
                pending.removeFirst()
            }
            switch record.event {
            case let .appointMember(appointment):
                do throws(CouncilError) {
                    try appoint(appointment, on: day, profile: profiles[appointment.member.hex])
                } catch {
                    unfolded.append(Unfolded(member: appointment.member.hex, recordIndex: record.index, refusal: error))
                }
            case let .endMandate(member, reason):
                if secretariat.remove(member.hex) != nil || register.members[member.hex]?.mandate(on: day) == nil { continue }
                do throws(CouncilError) {
                    try register.endMandate(of: member.hex, on: day, reason: Self.reason(reason))
                } catch {
                    unfolded.append(Unfolded(member: member.hex, recordIndex: record.index, refusal: error))
                }
            case let .recordPastMandate(past):
                guard let start = Day(unixSeconds: past.start.unixSeconds), let end = Day(unixSeconds: past.end.unixSeconds) else { continue }
                do throws(CouncilError) {
                    try register.recordPastMandate(of: past.member.hex, orderNumber: past.orderNumber, from: start, to: end, recordedOn: day)
                } catch {
                    unfolded.append(Unfolded(member: past.member.hex, recordIndex: record.index, refusal: error))
                }
            default:
                continue
            }
        }
        for next in pending { replay(next) }
    }

    /// Replays a recorded proposal or appointment; an appointment the rules refuse (no proposal
    /// before it) is listed in `vicePresidentsWithoutProposal`.
    private mutating func replay(_ event: (day: Day, id: String, appointment: Bool)) {
        let serving = register.vicePresidents.contains { $0.memberID == event.id && $0.appointedOn != nil }
        if !event.appointment {
            // A proposal already acted on (a vice-president appointed in the log) stays acted on.
            if !serving { try? register.proposeVicePresident(event.id, on: event.day) }
        } else if (try? register.appointVicePresident(event.id, on: event.day)) != nil {
            vicePresidentsWithoutProposal.remove(event.id)
        } else {
            vicePresidentsWithoutProposal.insert(event.id)
        }
    }

    private mutating func appoint(_ appointment: Appointment, on day: Day, profile: CouncilStore.Profile?) throws(CouncilError) {
        let id = appointment.member.hex
        let circle: Member.Circle
        switch appointment.role {
        case .secretariat:
            secretariat.insert(id)
            return
        case .guest, .vicePresident:
            // A guest holds no seat; the log refuses a vice-presidency as a mandate (it is a role
            // on a running mandate, replayed from the council records).
            return
        case .secondCircle:
            circle = .second
        case .president, .member:
            circle = .first
        }
        let start = Day(unixSeconds: appointment.orderDate.unixSeconds) ?? day
        try register.appoint(id: id, name: profile?.name ?? "membre \(id.prefix(8))", circle: circle,
                             category: profile?.category ?? .civilSociety, gender: profile?.gender,
                             orderNumber: appointment.orderNumber, on: start, recordedOn: day)
        if appointment.role == .president { try register.setPresident(id, on: day) }
    }

    private static func reason(_ reason: MandateEndReason) -> Mandate.EarlyEnd.Reason {
        switch reason {
        case .term: .ended
        case .resignation: .resignation
        case .exOfficio: .declaredResigned
        }
    }
}

extension MemberID {
    /// Parses the 32 hex digits shown in listings.
    public init(hex: String) throws(CouncilStoreError) {
        let digits = Array(hex.utf8)
        guard digits.count == MemberID.length * 2 else { throw .invalidMemberID(hex) }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = Self.nibble(digits[index]), let low = Self.nibble(digits[index + 1]) else { throw .invalidMemberID(hex) }
            bytes.append(high << 4 | low)
        }
        do { try self.init(bytes: bytes) } catch { throw .invalidMemberID(hex) }
    }

    private static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
