import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosClient
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

/// Parses an expiry (`ClientSession.expiry(parsing:)`): a day or an ISO 8601 instant.
func parseExpiry(_ text: String, option: String) throws -> Instant {
    guard let expiry = ClientSession.expiry(parsing: text) else {
        throw UsageError(option, text, accepts: Text(fr: "AAAA-MM-JJ ou AAAA-MM-JJTHH:MM:SSZ", en: "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"))
    }
    return expiry
}
