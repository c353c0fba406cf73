import Foundation
import HuisClosL10n

/// One e-mail as HuisClos sends it: plain UTF-8 text and, optionally, attachments, rendered as an
/// RFC 5322 / MIME message (base64 bodies, RFC 2047 subject), so any mail server carries it intact.
public struct MailMessage: Sendable, Equatable {
    public struct Attachment: Sendable, Equatable {
        public let filename: String
        /// The MIME type with its parameters, e.g. `text/calendar; charset=utf-8; method=PUBLISH`.
        public let contentType: String
        public let bytes: [UInt8]

        public init(filename: String, contentType: String, bytes: [UInt8]) {
            self.filename = filename
            self.contentType = contentType
            self.bytes = bytes
        }
    }

    public let from: MailAddress
    public let fromName: String
    public let to: MailAddress
    public let subject: String
    public let body: String
    public let attachments: [Attachment]
    /// The Message-ID without its angle brackets: derived from what the message notifies, so a
    /// message sent twice (a retry after a lost answer) carries the same id and can be recognised.
    public let messageID: String
    /// When the message was composed, in Unix seconds (the injected clock's).
    public let dateUnixSeconds: Int64

    public init(from: MailAddress, fromName: String, to: MailAddress, subject: String, body: String,
                attachments: [Attachment] = [], messageID: String, dateUnixSeconds: Int64) {
        self.from = from
        self.fromName = fromName
        self.to = to
        self.subject = subject
        self.body = body
        self.attachments = attachments
        self.messageID = messageID
        self.dateUnixSeconds = dateUnixSeconds
    }

    /// The message's bytes, lines ending in CRLF (not yet dot-stuffed: `SMTPClient` does that).
    public var rendered: String {
        var lines = ["From: \(Self.encodedWord(fromName)) <\(from.text)>",
                     "To: <\(to.text)>",
                     "Subject: \(Self.encodedWord(subject))",
                     "Date: \(Self.date(dateUnixSeconds))",
                     "Message-ID: <\(messageID)>",
                     "MIME-Version: 1.0",
                     "Auto-Submitted: auto-generated"]
        let text = ["Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: base64", "",
                    Self.base64(Array(HiddenCharacters.replaced(in: body).utf8))]
        if attachments.isEmpty {
            lines += text
        } else {
            lines += ["Content-Type: multipart/mixed; boundary=\"\(Self.boundary)\"", "", "--\(Self.boundary)"] + text
            for attachment in attachments {
                let name = attachment.filename.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && !$0.isNewline }
                lines += ["--\(Self.boundary)",
                          "Content-Type: \(attachment.contentType); name=\"\(name)\"",
                          "Content-Disposition: attachment; filename=\"\(name)\"",
                          "Content-Transfer-Encoding: base64", "", Self.base64(attachment.bytes)]
            }
            lines.append("--\(Self.boundary)--")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The MIME boundary: `-` never occurs in base64, so no part's content can contain it.
    static let boundary = "huisclos-part-boundary"

    /// Base64 in lines of 76 characters (RFC 2045), CRLF-separated.
    static func base64(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed]) }

    /// A header text as an RFC 2047 encoded word when it is not plain ASCII.
    static func encodedWord(_ text: String) -> String {
        let clean = HiddenCharacters.replaced(in: String(text.filter { !$0.isNewline }))
        guard clean.contains(where: { !$0.isASCII }) else { return clean }
        return "=?UTF-8?B?\(Data(clean.utf8).base64EncodedString())?="
    }

    /// An RFC 5322 date in UTC.
    static func date(_ unixSeconds: Int64) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(unixSeconds)))
    }
}

/// An e-mail address as SMTP carries it: `local@domain`, ASCII, no space, quote, angle bracket or
/// line break (nothing that could inject a command or a header), at most 254 characters.
public struct MailAddress: Sendable, Hashable, Codable, CustomStringConvertible {
    public let text: String

    /// Decodes a stored address, checked again.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let address = MailAddress(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an e-mail address"))
        }
        self = address
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public init?(_ text: String) {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.count <= 254, parts.count == 2, !parts[0].isEmpty, parts[0].count <= 64, parts[1].contains("."),
              !parts[1].hasPrefix("."), !parts[1].hasSuffix("."),
              text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F && !"<>()[]\\,;:\"".unicodeScalars.contains($0) })
        else { return nil }
        self.text = text
    }

    public var description: String { text }
}
