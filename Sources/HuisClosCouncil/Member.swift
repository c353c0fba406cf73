import Foundation
public import HuisClosL10n

/// Who sits on the council, and in what capacity.
public struct Member: Hashable, Sendable, Codable {
    /// A stable identifier chosen by the secretariat (e.g. "m-dupont-a").
    public let id: String
    public var name: String
    public var circle: Circle
    public var category: Category
    /// Optional, used only to report parity.
    public var gender: Gender?
    /// Every mandate this person has held or holds, oldest first.
    public var mandates: [Mandate]

    public init(id: String, name: String, circle: Circle, category: Category, gender: Gender?, mandates: [Mandate] = []) {
        self.id = id
        self.name = name
        self.circle = circle
        self.category = category
        self.gender = gender
        self.mandates = mandates
    }

    /// The mandate in force on `day`, if any.
    public func mandate(on day: Day) -> Mandate? {
        mandates.last { $0.isInForce(on: day) }
    }

    /// Whether this member holds a mandate on `day`.
    public func isInOffice(on day: Day) -> Bool { mandate(on: day) != nil }

    /// First circle (appointed, at most 30) or second circle (open, thematic support).
    public enum Circle: String, Sendable, Codable, CaseIterable { case first, second }

    /// The five worlds the first circle balances.
    public enum Category: String, Sendable, Codable, CaseIterable {
        case economic, education, research, publicPartners, civilSociety
    }

    /// Declared gender, for the parity report only.
    public enum Gender: String, Sendable, Codable, CaseIterable { case female, male, other }
}

/// One appointment by order of the departmental president, for three years.
public struct Mandate: Hashable, Sendable, Codable {
    /// The appointing order's number (e.g. "2026-117").
    public let orderNumber: String
    /// The order's date; the mandate runs from it.
    public let start: Day
    /// Start plus three years: the mandate ends at the start of that day.
    public let termEnd: Day
    /// Set when the mandate ended early.
    public var earlyEnd: EarlyEnd?

    /// `number` as a sentence names the order: « arrêté 2026-117 », or as typed when it says so
    /// already (« arrêté n° 2026-117 », not « arrêté arrêté n° 2026-117 »).
    public static func order(_ number: String) -> Text {
        let folded = number.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
        if folded.hasPrefix("arrete") || folded.hasPrefix("order") { return Text(fr: number, en: number) }
        return Text(fr: "arrêté \(number)", en: "order \(number)")
    }

    public init(orderNumber: String, start: Day) {
        self.orderNumber = orderNumber
        self.start = start
        self.termEnd = CouncilRules.mandateEnd(from: start)
    }

    /// The first day the member is no longer in office.
    public var end: Day { earlyEnd.map { min($0.day, termEnd) } ?? termEnd }

    /// In force from `start` (inclusive) to `end` (exclusive).
    public func isInForce(on day: Day) -> Bool { start <= day && day < end }

    /// A mandate cut short: resignation, or resignation declared ex officio.
    public struct EarlyEnd: Hashable, Sendable, Codable {
        public let day: Day
        public let reason: Reason

        public init(day: Day, reason: Reason) {
            self.day = day
            self.reason = reason
        }

        public enum Reason: String, Sendable, Codable {
            /// Ended by the secretariat (at term, or administratively).
            case ended
            case resignation
            /// Declared by the president after three consecutive absences.
            case declaredResigned
        }
    }
}
