import Foundation
import HTTPTypes
import HuisClosL10n
import HuisClosWire
import Hummingbird
import NIOCore
import SwiftProtobuf

extension HTTPField.Name {
    /// `HuisClos-Protocol`: the protocol version of a request or answer.
    static let huisClosProtocol = HTTPField.Name(ProtocolVersion.headerName)!
    /// `HuisClos-Time`: the relay's clock on every answer, in milliseconds since the Unix epoch.
    static let huisClosTime = HTTPField.Name(RelayTime.headerName)!
    /// `HuisClos-Incarnation`: the relay's incarnation on every answer (`StoredIncarnation`).
    static let huisClosIncarnation = HTTPField.Name(RelayIncarnation.headerName)!
}

extension Request {
    /// The body, read up to `limit` bytes; `tooLarge` beyond — at once, before reading anything,
    /// when `Content-Length` already announces more. `unsupportedMediaType` first when the body is
    /// declared as another type than `contentType`.
    mutating func bytes(limit: Int, contentType: String) async throws(APIError) -> [UInt8] {
        try Self.check(declared: headers[.contentType], expected: contentType)
        if let announced = headers[.contentLength].flatMap(Int.init), announced > limit {
            throw APIError(.tooLarge, Text(fr: "le corps de la requête annonce \(announced) octets, au-delà de sa limite de \(limit) : envoyez moins par requête",
                                           en: "the request body announces \(announced) bytes, over its limit of \(limit): send less per request"))
        }
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(.tooLarge, Text(fr: "le corps de la requête dépasse \(limit) octets : envoyez moins par requête",
                                           en: "the request body is over \(limit) bytes: send less per request"))
        }
    }

    /// The body decoded as `M`, read up to `limit` bytes.
    mutating func message<M: SwiftProtobuf.Message>(_ type: M.Type, limit: Int) async throws(APIError) -> M {
        try M(wire: try await bytes(limit: limit, contentType: ProtocolVersion.contentType), limit: limit)
    }

    /// Throws `unsupportedMediaType` unless the `declared` media type is `expected`, compared as
    /// HTTP says (case-insensitively, parameters such as `; charset=` aside). A body declared
    /// with no type is read as `expected` (RFC 9110, 8.3 lets a recipient assume it): it is
    /// decoded strictly anyway, and what is refused is a body that says it is something else.
    static func check(declared: String?, expected: String) throws(APIError) {
        guard let declared else { return }
        guard declared.prefix(while: { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased() == expected else {
            throw APIError(.unsupportedMediaType, Text(fr: "ce point d'accès prend des corps \(expected) et la requête a déclaré \(declared.prefix(64)) : envoyez le corps en \(expected)",
                                                       en: "this endpoint takes \(expected) bodies and the request declared \(declared.prefix(64)): send the body as \(expected)"))
        }
    }
}

extension Response {
    /// A 200 answer carrying a protobuf message.
    static func wire(_ message: some SwiftProtobuf.Message) -> Response {
        bytes(message.wireBytes(), contentType: ProtocolVersion.contentType)
    }

    /// A 200 answer carrying raw bytes.
    static func bytes(_ bytes: [UInt8], contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
