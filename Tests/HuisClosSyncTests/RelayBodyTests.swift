import AsyncHTTPClient
import HuisClosCrypto
@testable import HuisClosSync
import NIOCore
import NIOHTTP1
import Testing

/// The relay's answer read into one array as it arrives (`HTTPRelayTransport.body`), and a chunk
/// checked once against its hash (`VerifiedChunk`): same bytes, same limit, same refusals as
/// collecting the whole body first and hashing it at each holder.
struct RelayBodyTests {
    /// 1 MiB and 3 bytes in fragments of 64 KiB, as the event loop hands them over.
    static let body = (0..<1_048_579).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    static func response(_ bytes: [UInt8], contentLength: Int?) -> HTTPClientResponse {
        let fragments = stride(from: 0, to: bytes.count, by: 65_536).map { ByteBuffer(bytes: bytes[$0..<min($0 + 65_536, bytes.count)]) }
        var headers = HTTPHeaders()
        if let contentLength { headers.add(name: "Content-Length", value: String(contentLength)) }
        let stream = AsyncStream<ByteBuffer> { continuation in
            for fragment in fragments { continuation.yield(fragment) }
            continuation.finish()
        }
        return HTTPClientResponse(headers: headers, body: .stream(stream))
    }

    @Test(arguments: [Self.body.count, nil, 12])
    func fragmentsAreJoinedWhateverTheDeclaredLength(contentLength: Int?) async throws {
        let bytes = try await HTTPRelayTransport.body(of: Self.response(Self.body, contentLength: contentLength), limit: 2_000_000)
        #expect(bytes == Self.body)
    }

    @Test(arguments: [Self.body.count, nil, 12])
    func aBodyOverTheLimitIsRefusedEvenWhenItsDeclaredLengthIsSmaller(contentLength: Int?) async throws {
        await #expect(throws: NIOTooManyBytesError(maxBytes: Self.body.count - 1)) {
            _ = try await HTTPRelayTransport.body(of: Self.response(Self.body, contentLength: contentLength), limit: Self.body.count - 1)
        }
        let exact = try await HTTPRelayTransport.body(of: Self.response(Self.body, contentLength: contentLength), limit: Self.body.count)
        #expect(exact.count == Self.body.count)
    }

    @Test func aChunkIsVerifiedOnlyWhenItsBytesHashToItsHash() {
        let hash = Hash.blake2b(Self.body)
        #expect(VerifiedChunk(bytes: Self.body, hash: hash)?.bytes == Self.body)
        var altered = Self.body
        altered[500_000] ^= 1
        #expect(VerifiedChunk(bytes: altered, hash: hash) == nil)
        #expect(VerifiedChunk(bytes: Self.body, hash: Array(hash.dropLast())) == nil, "a truncated hash matches nothing")
    }
}
