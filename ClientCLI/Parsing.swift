import HuisClosClient
import HuisClosCouncil
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// Parses a `YYYY-MM-DD` option.
func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(typed: text) else {
        throw UsageError(
            option, text,
            accepts: Text(
                fr: "une date réelle JJ/MM/AAAA ou AAAA-MM-JJ, par exemple 12/03/2026 ou 2026-03-12",
                en: "a real date YYYY-MM-DD or DD/MM/YYYY, for example 2026-03-12 or 12/03/2026"))
    }
    return day
}

/// Parses a time option (`14:30`, `14h30`, `14h`).
func parseTime(_ text: String, option: String) throws -> TimeOfDay {
    guard let time = TimeOfDay(text: text) else {
        throw UsageError(option, text, accepts: Text(fr: "une heure HH:MM ou 14h30, par exemple 14:00", en: "a time HH:MM or 14h30, for example 14:00"))
    }
    return time
}

/// Parses an option among `choices` (French words, read without regard to accents or case) or
/// `keywords` (English, exact); a refusal lists the French words, or the keywords in English.
func parseChoice<Value>(
    _ text: String, option: String, _ choices: KeyValuePairs<String, Value>, keywords: KeyValuePairs<String, Value> = [:]
) throws -> Value {
    let folded = FrenchCollation.folded(text)
    guard
        let value = choices.first(where: { FrenchCollation.folded($0.key) == folded })?.value
            ?? keywords.first(where: { $0.key == text })?.value
    else {
        let words = choices.map(\.key).joined(separator: ", ")
        throw UsageError(option, text, accepts: Text(fr: words, en: keywords.isEmpty ? words : keywords.map(\.key).joined(separator: ", ")))
    }
    return value
}

/// Parses a typed word (`TypedWord`: French, accents optional, or the English keyword); a
/// refusal lists the French words, or the keywords in English.
func parseTyped<Value: TypedWord>(_ text: String, option: String) throws -> Value {
    guard let value = Value(typed: text) else { throw UsageError(option, text, accepts: Value.accepted) }
    return value
}

/// Parses member ids given in hex on the command line (`option` names the option in the error).
func parseMembers(_ hexes: [String], option: String) throws -> [MemberID] {
    try hexes.map { hex in
        guard let bytes = Hex.decode(hex), let member = try? MemberID(bytes: bytes) else {
            throw UsageError(
                invalid: Text(
                    fr: "\(option) : identifiant de membre en hexadécimal (32 chiffres), voir huisclos membres liste",
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

/// Parses a scope option (`ScopeID(typed:)`: `conseil`, `groupe:<nom>`, `audition:<id>`, or the wire names).
func parseScope(_ name: String) throws -> ScopeID {
    guard let scope = ScopeID(typed: name) else {
        throw UsageError(
            invalid: Text(
                fr: "portée invalide « \(name) » : conseil, groupe:<nom> ou audition:<id> (ou council, group:<nom>, hearing:<id>)",
                en: "invalid scope '\(name)': council, group:<name> or hearing:<id>"))
    }
    return scope
}
