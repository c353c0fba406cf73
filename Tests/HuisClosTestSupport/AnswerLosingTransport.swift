import Foundation
public import HuisClosSync
public import HuisClosTrust
public import HuisClosWire
import SwiftProtobuf
import Synchronization

/// HTTP to the relay, except that the answer to one chosen membership append is lost on the way
/// back (the relay keeps the records, the device hears nothing: a cut connection, a timeout), and
/// that appends can be answered 503 before they reach it.
public final class AnswerLosingTransport: RelayTransport {
    private let http = HTTPRelayTransport()
    /// Chooses the append whose answer is lost, from its records; nil once it was lost.
    private let chooser = Mutex<(@Sendable ([MembershipRecord]) -> Bool)?>(nil)

    /// Appends answered without reaching the relay, and how: 503 with no body (a proxy in front of
    /// a failing relay) when no refusal is given.
    private let failing = Mutex<(count: Int, refusal: APIError?)>((0, nil))

    /// Requests that never reach the relay: the connection fails, as with the relay down.
    private let cut = Mutex(0)

    public init() {}

    /// Loses the answer to the next membership append whose records `choose` picks.
    public func loseAnswer(toTheAppendOf choose: @escaping @Sendable ([MembershipRecord]) -> Bool) {
        chooser.withLock { $0 = choose }
    }

    /// Answers the next `count` membership appends without passing them on: with `refusal` (as
    /// the relay words it), or 503 with no body.
    public func failAppends(_ count: Int, with refusal: APIError? = nil) { failing.withLock { $0 = (count, refusal) } }

    /// The next `count` requests, of any kind, never reach the relay (the device finds it unreachable).
    public func cutRequests(_ count: Int) { cut.withLock { $0 = count } }

    public func exchange(_ request: RelayRequest, server: String, timeoutSeconds: Int64, limit: Int) async throws -> RelayResponse {
        if cut.withLock({ left in left > 0 ? { left -= 1; return true }() : false }) {
            throw CancellationError()
        }
        if request.path == Endpoint.membership, let refusal = failing.withLock({ failing -> APIError?? in
            guard failing.count > 0 else { return nil }
            failing.count -= 1
            return .some(failing.refusal)
        }) {
            return RelayResponse(status: UInt(refusal?.code.httpStatus ?? 503), body: refusal?.jsonBody() ?? []) { _ in nil }
        }
        let response = try await http.exchange(request, server: server, timeoutSeconds: timeoutSeconds, limit: limit)
        guard request.path == Endpoint.membership, let body = request.body, response.status == 200,
              let append = try? Huisclos_V1_MembershipAppendRequest(serializedBytes: body) else { return response }
        let records = append.records.compactMap { try? MembershipRecord(verifying: [UInt8]($0)) }
        let lost = chooser.withLock { choose in
            guard let picked = choose, picked(records) else { return false }
            choose = nil
            return true
        }
        if lost { throw CancellationError() }
        return response
    }
}
