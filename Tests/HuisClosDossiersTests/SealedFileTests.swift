import Foundation
import HuisClosCrypto
@testable import HuisClosDossiers
import HuisClosProtocol
import Testing

/// The one file-sealing path: streamed chunk by chunk, each chunk within the wire limit, the
/// last one final, whatever the size falls on.
@Suite struct SealedFileTests {
    @Test(arguments: [0, 1, DossierLimits.plainChunkBytes - 1, DossierLimits.plainChunkBytes, DossierLimits.plainChunkBytes + 1,
                      2 * DossierLimits.plainChunkBytes])
    func aFileOfAnySizeSealsIntoBoundedChunksAndOpensToTheSameBytes(size: Int) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sealed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plain = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = folder.appendingPathComponent("f.bin")
        try Data(plain).write(to: path)
        var chunks: [[UInt8]] = []
        let (key, plainSize) = try DossierSource.file(path).reading { read in try SealedFile.seal(read: read) { chunks.append($0) } }
        #expect(plainSize == Int64(size))
        #expect(chunks.count == max(1, (size + DossierLimits.plainChunkBytes - 1) / DossierLimits.plainChunkBytes))
        #expect(chunks.allSatisfy { $0.count <= WireLimits.chunkBytesMax })
        var opened: [UInt8] = []
        try await SealedFile.open(count: chunks.count, key: key, fetch: { chunks[$0] }, sink: { opened += $0 })
        #expect(opened == plain)
        if chunks.count > 1 {
            await #expect(throws: CryptoError(.streamIncomplete, CryptoError.Code.streamIncomplete.text), "dropping the final chunk is detected") {
                try await SealedFile.open(count: chunks.count - 1, key: key, fetch: { chunks[$0] }, sink: { _ in })
            }
        }
    }

    @Test func anUnreadableSourceIsAnInvalidArgument() throws {
        let missing = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString)")
        let error = #expect(throws: DossierError.self) {
            _ = try DossierSource.file(missing).reading { read in try SealedFile.seal(read: read) { _ in } }
        }
        #expect(error?.code == .invalidArgument)
    }
}
