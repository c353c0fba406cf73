import HuisClosL10n

/// The name of a scope: the unit of access, encryption key and server log.
///
/// Lowercase ASCII letters, digits and `:-_.`, 1…64 bytes: "council", "public", "group:budget",
/// "hearing:2026-03-dupont", "member:<hex device-owner id>". Validated so it can be used safely as
/// a key, a log name and a URL path component.
public struct ScopeID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Validates `rawValue`; throws `.malformed` for anything outside the allowed alphabet or length.
    public init(_ rawValue: String) throws(WireError) {
        let utf8 = Array(rawValue.utf8)
        guard (1...WireLimits.scopeBytesMax).contains(utf8.count),
              utf8.allSatisfy({ ScopeID.allowed($0) })
        else {
            throw WireError(.malformed, Text(fr: "la portée « \(rawValue.prefix(80)) » doit compter de 1 à \(WireLimits.scopeBytesMax) caractères parmi a–z, 0–9, ':', '-', '_', '.'",
                en: "scope \"\(rawValue.prefix(80))\" must be 1–\(WireLimits.scopeBytesMax) characters of a–z, 0–9, ':', '-', '_', '.'"))
        }
        self.rawValue = rawValue
    }

    /// The council scope: first-circle members and the secretariat.
    public static let council = try! ScopeID("council")
    /// The public scope: published material, never encrypted.
    public static let `public` = try! ScopeID("public")

    public var description: String { rawValue }

    public static func < (lhs: ScopeID, rhs: ScopeID) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func allowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: ":"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            return true
        default:
            return false
        }
    }
}
