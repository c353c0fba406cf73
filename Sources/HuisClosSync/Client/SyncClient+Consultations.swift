import HuisClosProtocol
public import HuisClosWire
import NIOHTTP1

/// A consultation's mailbox on the relay (PROTOCOL.md, "Consultations").
extension SyncClient {
    /// Sends a contribution already sealed to the consultation's public key (a second-circle device).
    public func contribute(sealed: [UInt8], to consultation: String) async throws(APIError) {
        _ = try await withToken { token throws(APIError) in
            try await send(.POST, Endpoint.contributions(consultation), body: sealed, contentType: ProtocolVersion.chunkContentType,
                           token: token, limit: 4096)
        }
    }

    /// The sealed contributions of `consultation` after position `after` (one page; empty when none is left).
    public func contributions(of consultation: String, after: UInt64) async throws(APIError) -> ContributionPage {
        let bytes = try await withToken { token throws(APIError) in
            try await send(.GET, Endpoint.contributions(consultation) + "?after=\(after)", body: nil, contentType: "", token: token,
                           limit: WireLimits.pullBytesMax)
        }
        return try ContributionPage(decoding: bytes)
    }
}
