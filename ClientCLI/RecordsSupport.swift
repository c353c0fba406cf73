import ArgumentParser
import Foundation
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

/// Runs a command over council and dossier records (groups, hearings, avis adoption, referrals,
/// the annual report): council and publication refusals exit 65, membership-log refusals 77, each
/// with its text (which says what to do); dossier failures and the rest as `runDossier`.
func runRecords(_ body: () async throws -> Void) async throws {
    try await runDossier {
        do {
            try await body()
        } catch let error as CouncilError {
            try fail(error.text, .dataRefused)
        } catch let error as CouncilStoreError {
            try fail(error.text, .dataRefused)
        } catch let error as PublicationError {
            try fail(Text(fr: "Données refusées : \(error.text.french)", en: "Data refused: \(error.text.english)"), .dataRefused)
        } catch let error as TrustError {
            try fail(Text(fr: "Refusé par le registre signé : \(error.message)", en: "Refused by the signed log: \(error.message)"), .notAllowed)
        }
    }
}

/// Prints `text` on standard error and exits with `status`.
private func fail(_ text: Text, _ status: ExitStatus) throws -> Never {
    Console.error(text.in(language) + "\n")
    throw ExitCode(status.rawValue)
}

/// Parses member ids given in hex on the command line (`option` names the option in the error).
func parseMembers(_ hexes: [String], option: String) throws -> [MemberID] {
    try hexes.map { hex in
        guard let bytes = Hex.decode(hex), let member = try? MemberID(bytes: bytes) else {
            throw ValidationError(Text(fr: "\(option) : identifiant de membre en hexadécimal (32 chiffres), voir huisclos membres liste",
                                       en: "\(option): member id in hex (32 digits), see huisclos membres liste").in(language))
        }
        return member
    }
}

/// Parses an expiry (`ClientSession.expiry(parsing:)`): a day or an ISO 8601 instant.
func parseExpiry(_ text: String, option: String) throws -> Instant {
    guard let expiry = ClientSession.expiry(parsing: text) else {
        throw ValidationError("\(option): YYYY-MM-DD " + Text(fr: "ou", en: "or").in(language) + " YYYY-MM-DDTHH:MM:SSZ")
    }
    return expiry
}
