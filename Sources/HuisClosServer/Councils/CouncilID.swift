import Foundation
import HuisClosL10n
public import HuisClosWire

/// The name of a council hosted beside the default one on a deployment: its URL segment
/// (`/councils/<id>/v1/…`, `/councils/<id>/public/`), its folder (`<data>/councils/<id>/`) and, on
/// PostgreSQL, its schema and notification channel.
///
/// 1 to 46 characters of `[a-z0-9-]`, starting with a letter or digit and not ending with `-`: safe
/// unquoted in a URL, a file name and (with `-` written `_`) a PostgreSQL identifier, and one
/// spelling per council (no upper case, no dots, no `..`).
public struct CouncilID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// PostgreSQL's longest identifier (NAMEDATALEN − 1): it silently truncates a longer one, so two
    /// names alike in their first 63 bytes would be one schema.
    public static let postgresIdentifierBytesMax = 63
    /// The prefix of a hosted council's PostgreSQL schema (the longest of its PostgreSQL names).
    public static let schemaPrefix = "huisclos_council_"
    /// The prefix of its LISTEN/NOTIFY channel.
    public static let channelPrefix = "huisclos_relay_"

    /// Longest identifier: its schema and channel names must fit PostgreSQL's identifier whole
    /// (46 bytes; earlier versions allowed 48, and two such councils could share a schema).
    public static let bytesMax = postgresIdentifierBytesMax - max(schemaPrefix.utf8.count, channelPrefix.utf8.count)

    /// The identifier as written in URLs and folder names.
    public let rawValue: String

    /// Validates `text`; throws `malformed` saying what an identifier may hold.
    public init(_ text: String) throws(APIError) {
        let bytes = Array(text.utf8)
        let allowed = bytes.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
        guard !bytes.isEmpty, bytes.count <= Self.bytesMax, allowed, bytes.first != 0x2D, bytes.last != 0x2D else {
            throw APIError(.malformed, Text(
                fr: "un identifiant de conseil fait de 1 à \(Self.bytesMax) caractères parmi a-z, 0-9 et '-', "
                    + "sans commencer ni finir par '-' (par exemple cese-93), et non « \(text.prefix(64)) »",
                en: "a council identifier is 1 to \(Self.bytesMax) characters among a-z, 0-9 and '-', "
                    + "neither starting nor ending with '-' (e.g. cese-93), not '\(text.prefix(64))'"))
        }
        rawValue = text
    }

    public var description: String { rawValue }

    public static func < (lhs: CouncilID, rhs: CouncilID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Its path prefix on the relay: `/councils/<id>` (the default council has none).
    public var pathPrefix: String { "\(CouncilDirectory.pathSegment)/\(rawValue)" }

    /// Its name inside PostgreSQL names: `-` written `_`, which an identifier never holds, so two
    /// councils never share one.
    var sqlName: String { rawValue.replacingOccurrences(of: "-", with: "_") }

    /// Its PostgreSQL schema, whole (at most `postgresIdentifierBytesMax` bytes).
    public var schemaName: String { Self.schemaPrefix + sqlName }

    /// Its PostgreSQL notification channel, whole.
    public var channelName: String { Self.channelPrefix + sqlName }
}
