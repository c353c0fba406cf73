import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosSync
import HuisClosL10n
import HuisClosMail
import HuisClosTerminal
import HuisClosTrust

extension CouncilSession {
    /// Unlocks the device, runs `body` on its council side, and locks it again whatever happens.
    @discardableResult
    static func with<Result: Sendable>(_ options: DeviceOptions, _ body: (CouncilSession) async throws -> Result) async throws -> Result {
        try await options.open().run { try await body(try await $0.councilSession()) }
    }
}

/// Parses a `YYYY-MM-DD` option.
func parseDay(_ text: String, option: String) throws -> Day {
    guard let day = Day(iso: text) else {
        throw UsageError(option, text, accepts: Text(fr: "une date réelle AAAA-MM-JJ, par exemple 2026-03-12",
                                                     en: "a real date YYYY-MM-DD, for example 2026-03-12"))
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

/// Parses an option among `choices` (the accepted words, shown as they are in both languages).
func parseChoice<Value>(_ text: String, option: String, _ choices: KeyValuePairs<String, Value>) throws -> Value {
    guard let value = choices.first(where: { $0.key == text })?.value else {
        let words = choices.map(\.key).joined(separator: ", ")
        throw UsageError(option, text, accepts: Text(fr: words, en: words))
    }
    return value
}

extension Text {
    /// Both languages' header, in the person's language.
    static func header(_ fr: String, _ en: String) -> String { Text(fr: fr, en: en).in(language) }
}
