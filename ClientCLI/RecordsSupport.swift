import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosProtocol
import HuisClosPublication
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// Parses member ids given in hex on the command line (`option` names the option in the error).
func parseMembers(_ hexes: [String], option: String) throws -> [MemberID] {
    try hexes.map { hex in
        guard let bytes = Hex.decode(hex), let member = try? MemberID(bytes: bytes) else {
            throw UsageError(invalid: Text(fr: "\(option) : identifiant de membre en hexadécimal (32 chiffres), voir huisclos membres liste",
                                           en: "\(option): member id in hex (32 digits), see huisclos membres liste"))
        }
        return member
    }
}

/// Parses an expiry: `YYYY-MM-DD` (access until the end of that day, UTC) or an ISO 8601 instant
/// (`2026-12-01T17:30:00Z`).
func parseExpiry(_ text: String, option: String) throws -> Instant {
    if let day = Day(iso: text), let start = ISO8601DateFormatter().date(from: "\(day.iso)T00:00:00Z") {
        return Instant(unixSeconds: Int64(start.timeIntervalSince1970) + 86_400)
    }
    guard let date = ISO8601DateFormatter().date(from: text) else {
        throw UsageError(option, text, accepts: Text(fr: "AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SSZ", en: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"))
    }
    return Instant(unixSeconds: Int64(date.timeIntervalSince1970))
}
