public import HTTPTypes
public import Hummingbird
public import HuisClosWire
import NIOCore

/// An `APIError` renders itself as the relay's answer (Hummingbird's `HTTPResponseError`): the
/// status its code is documented with and the JSON body `{"code": …, "message": …}`
/// (Protocol/PROTOCOL.md, Protocol/openapi.yaml), whatever route or middleware throws it.
extension APIError: HTTPResponseError {
    public var status: HTTPResponse.Status { HTTPResponse.Status(code: httpStatus) }

    public func response(from request: Request, context: some RequestContext) -> Response { response }

    /// The answer, for the places that have no request at hand (readiness).
    var response: Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: jsonBody())))
    }
}
