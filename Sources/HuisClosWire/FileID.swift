import HuisClosL10n
import HuisClosProtocol

/// A file's id: chosen by the uploading client, safe as a URL path component and a storage key.
public struct FileID: Hashable, Sendable, CustomStringConvertible {
    /// 1…`WireLimits.fileIDBytesMax` characters of `[0-9a-f-]`.
    public let rawValue: String

    /// Validates `rawValue`; untrusted input gives `malformed`, never a trap.
    public init(_ rawValue: String) throws(APIError) {
        let utf8 = rawValue.utf8
        guard (1...WireLimits.fileIDBytesMax).contains(utf8.count),
              utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) || $0 == 0x2d })
        else {
            throw APIError(.malformed, Text(fr: "un identifiant de fichier fait de 1 à \(WireLimits.fileIDBytesMax) caractères parmi 0-9, a-f et '-'",
                                            en: "a file id is 1–\(WireLimits.fileIDBytesMax) characters of 0-9, a-f and '-'"))
        }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }
}
