import AsyncHTTPClient
import Foundation
import HuisClosL10n
public import NIOCore
import NIOHTTP1

/// Asks a time-stamping authority for a token over HTTP (RFC 3161 §3.4: a POST of
/// `application/timestamp-query`, answered with `application/timestamp-reply`). The answer is
/// checked to be for our request (hash and nonce); whether to believe it is `TimestampVerifier`'s.
public struct TimestampClient: Sendable {
    /// The authority's URL (http or https).
    public let url: String
    /// How long to wait for the answer.
    public let timeout: TimeAmount
    /// An answer larger than this is refused (tokens are a few kilobytes).
    static let maximumAnswerBytes = 1 << 20

    public init(url: String, timeout: TimeAmount = .seconds(30)) {
        self.url = url
        self.timeout = timeout
    }

    /// The token the authority issues for `request`.
    public func stamp(_ request: TimestampRequest) async throws -> TimestampToken {
        var http = HTTPClientRequest(url: url)
        http.method = .POST
        http.headers.add(name: "Content-Type", value: "application/timestamp-query")
        http.body = .bytes(ByteBuffer(bytes: try request.der()))
        let body: [UInt8]
        do {
            let response = try await HTTPClient.shared.execute(http, timeout: timeout)
            guard response.status == .ok else {
                throw TimestampError(.unreachable, detail: Text(fr: "\(url) a répondu HTTP \(response.status.code)", en: "\(url) answered HTTP \(response.status.code)"))
            }
            guard response.headers.first(name: "Content-Type")?.lowercased().hasPrefix("application/timestamp-reply") == true else {
                throw TimestampError(.unreachable, detail: Text(fr: "\(url) n'a pas répondu en application/timestamp-reply",
                    en: "\(url) did not answer application/timestamp-reply"))
            }
            body = Array(buffer: try await response.body.collect(upTo: Self.maximumAnswerBytes))
        } catch let error as TimestampError {
            throw error
        } catch {
            throw TimestampError(.unreachable, detail: Text(fr: "\(url) : échec de la connexion ou de la réponse",
                                                            en: "\(url): \(error)"))
        }
        let answer = try TimestampResponse(der: body)
        guard answer.status == 0 || answer.status == 1 else {
            throw TimestampError(.refused, detail: Text(fr: "statut \(answer.status) \(answer.statusText)", en: "status \(answer.status) \(answer.statusText)"))
        }
        guard let token = answer.token else { throw TimestampError.malformed(Text(fr: "accordé sans jeton", en: "granted without a token")) }
        guard token.info.imprint == request.imprint, token.info.digest == request.digest else { throw TimestampError.otherHash }
        guard token.info.nonce == request.nonce else { throw TimestampError.malformed(Text(fr: "le jeton ne porte pas notre nonce", en: "the token does not carry our nonce")) }
        return token
    }
}
