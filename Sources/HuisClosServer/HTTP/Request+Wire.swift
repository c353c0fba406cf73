import HTTPTypes
import Hummingbird
import HuisClosWire
import NIOCore
import SwiftProtobuf

extension HTTPField.Name {
    /// `HuisClos-Protocol`: the protocol version of a request or answer.
    static let huisClosProtocol = HTTPField.Name(ProtocolVersion.headerName)!
}

extension Request {
    /// The body, read up to `limit` bytes; `tooLarge` beyond — at once, before reading anything,
    /// when `Content-Length` already announces more.
    mutating func bytes(limit: Int) async throws(APIError) -> [UInt8] {
        if let announced = headers[.contentLength].flatMap(Int.init), announced > limit {
            throw APIError(.tooLarge, "the request body announces \(announced) bytes, over its limit of \(limit): send less per request")
        }
        do {
            let buffer = try await collectBody(upTo: limit)
            return Array(buffer.readableBytesView)
        } catch {
            throw APIError(.tooLarge, "the request body is over \(limit) bytes: send less per request")
        }
    }

    /// The body decoded as `M`, read up to `limit` bytes.
    mutating func message<M: SwiftProtobuf.Message>(_ type: M.Type, limit: Int) async throws(APIError) -> M {
        try M(wire: try await bytes(limit: limit), limit: limit)
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

    /// An error answer: the code's status and the JSON body.
    static func error(_ error: APIError) -> Response {
        Response(status: HTTPResponse.Status(code: error.httpStatus),
                 headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: error.jsonBody())))
    }
}
