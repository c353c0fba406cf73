import Foundation
import HuisClosProtocol

/// An error answer of the sync protocol: a stable code, its HTTP status and a message for a person.
///
/// Sent as JSON `{"code": "…", "message": "…"}` with the status of `code`, whatever the request's
/// format, so any client version can read it. Messages never hold tokens, keys or payloads.
public struct APIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Stable error codes (the strings are the contract; new codes may be added).
    public enum Code: String, Sendable, CaseIterable, Codable {
        /// Bytes that do not decode, break a format rule, or a bad parameter.
        case malformed
        /// A body or field over its limit in `WireLimits`.
        case tooLarge
        /// A body declared (`Content-Type`) as another media type than the endpoint takes.
        case unsupportedMediaType
        /// A batch of a format version this server does not read.
        case unsupportedVersion
        /// A signature that does not verify.
        case badSignature
        /// A missing or unknown `HuisClos-Protocol` version.
        case unsupportedProtocol
        /// No bearer token, or one the server does not know.
        case unauthenticated
        /// A bearer token past its expiry: log in again.
        case tokenExpired
        /// The device was revoked by the secretariat.
        case deviceRevoked
        /// An admin endpoint called without the admin token.
        case adminRequired
        /// The device may not do this in this scope.
        case forbidden
        /// An enrolment code that is unknown, used or expired.
        case enrolmentCodeInvalid
        /// A signing key that is already registered.
        case alreadyEnrolled
        /// A login for a device the server does not know.
        case unknownDevice
        /// A login nonce that is unknown, used, expired, or a signature that does not match it.
        case challengeInvalid
        /// No such route, file or chunk.
        case notFound
        /// A file id already declared with another manifest.
        case fileConflict
        /// Chunk bytes whose hash is not the one in the path.
        case chunkHashMismatch
        /// A chunk that is not part of the file it is uploaded to or read from.
        case chunkNotInFile
        /// A batch whose sequence leaves a hole in its device's chain (push result only).
        case gap
        /// A batch that contradicts its device's stored chain (push result only).
        case fork
        /// The server failed; nothing the client sent caused it. Retry later.
        case `internal`
        /// A client-side failure to reach the server (never sent by the server).
        case unreachable
        /// A per-device quota (files declared, chunk bytes stored) is used up: ask the secretariat.
        case quotaExceeded
        /// Too many attempts in a short time (login challenges, failed proofs or enrolments): wait a minute.
        case rateLimited
    }

    /// What went wrong, stable.
    public let code: Code
    /// What happened and what to do, for a person.
    public let message: String
    /// With `deviceRevoked`: the canonical bytes of the membership record revoking the device,
    /// signed by the secretariat. When it orders a wipe, the device checks the signature and
    /// erases its replica (the server cannot forge it). Nil otherwise.
    public var wipeOrder: [UInt8]?
    /// With `wipeOrder`: the membership records just before it, oldest first (as many as fit the
    /// relay's bound), so a device whose log is a little behind can verify the order as the
    /// continuation of its own log. Empty otherwise.
    public var wipeLog: [[UInt8]] = []
    /// With `unreachable` raised by the client: why the relay could not be reached, so the client
    /// says it in the person's language (`message` is English). Never sent on the wire.
    public var transportCause: TransportCause?

    /// Why a request never got an answer from the relay.
    public enum TransportCause: String, Sendable {
        /// Nothing listens at that address and port.
        case connectionRefused
        /// The server or a proxy reset the connection.
        case connectionReset
        /// No route to the network or host.
        case networkUnreachable
        /// No answer to the connection within the connect timeout.
        case connectTimeout
        /// The connection closed before the whole answer arrived.
        case closedEarly
        /// The answer did not arrive in time.
        case answerLate
        /// Another transport failure (its type is in `message`).
        case other
    }

    /// An error with its code and a message saying what to do.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Wraps a batch or field decoding failure under the same code.
    public init(_ error: WireError) {
        let code: Code = switch error.code {
        case .malformed: .malformed
        case .tooLarge: .tooLarge
        case .unsupportedVersion: .unsupportedVersion
        case .badSignature: .badSignature
        }
        self.init(code, error.message)
    }

    /// The HTTP status this code is sent with.
    public var httpStatus: Int {
        switch code {
        case .malformed, .unsupportedVersion, .badSignature: 400
        case .unauthenticated, .tokenExpired, .deviceRevoked, .adminRequired,
             .enrolmentCodeInvalid, .unknownDevice, .challengeInvalid: 401
        case .forbidden, .quotaExceeded: 403
        case .notFound: 404
        case .alreadyEnrolled, .fileConflict, .gap, .fork: 409
        case .tooLarge: 413
        case .unsupportedMediaType: 415
        case .rateLimited: 429
        case .chunkHashMismatch, .chunkNotInFile: 422
        case .unsupportedProtocol: 426
        case .internal: 500
        case .unreachable: 503
        }
    }

    public var description: String { "\(code.rawValue): \(message)" }

    public static func == (lhs: APIError, rhs: APIError) -> Bool { lhs.code == rhs.code }

    private struct Body: Codable {
        let code: Code
        let message: String
        /// Base64 of `wipeOrder`; absent unless the device is revoked.
        var wipeOrder: String?
        /// Base64 of each record of `wipeLog`; absent unless the device is revoked.
        var wipeLog: [String]?
    }

    /// The JSON error body.
    public func jsonBody() -> [UInt8] {
        // Encoding two strings cannot fail.
        Array((try? JSONEncoder().encode(Body(code: code, message: message, wipeOrder: wipeOrder.map { Data($0).base64EncodedString() },
                                                        wipeLog: wipeLog.isEmpty ? nil : wipeLog.map { Data($0).base64EncodedString() }))) ?? Data())
    }

    /// Reads an error body; nil if it is not one (an unexpected answer from something else).
    public init?(jsonBody bytes: [UInt8]) {
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else { return nil }
        self.init(body.code, body.message)
        wipeOrder = body.wipeOrder.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
        wipeLog = (body.wipeLog ?? []).compactMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }
}
