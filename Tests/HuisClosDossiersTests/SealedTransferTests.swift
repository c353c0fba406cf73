import Foundation
import HuisClosCrypto
@testable import HuisClosDossiers
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Dossier files sealed end to end and moved through a real relay on loopback.
@Suite struct SealedTransferTests {
    /// 2.5 MiB of varied bytes: three sealed chunks.
    static let content: [UInt8] = (0..<(5 * 524_288)).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }

    static func collect(_ transfer: SealedFileTransfer, _ id: FileID, _ sealed: SealedFile) async throws -> [UInt8] {
        var out: [UInt8] = []
        try await transfer.download(id, key: sealed.key, fingerprint: SealedFile.fingerprint(chunkHashes: sealed.chunkHashes)) { out += $0 }
        return out
    }

    @Test func sealedFileRoundTripsThroughTheRelayAndAResumedUploadSendsNothingTwice() async throws {
        try await TestServer.with("dossier-roundtrip") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let transfer = SealedFileTransfer(client: device.client)
            let sealed = try SealedFile.seal(Self.content)
            #expect(sealed.chunks.count == 3)
            #expect(sealed.chunks.allSatisfy { $0.count <= WireLimits.chunkBytesMax })
            let id = try FileID("d0551e70-0000-4000-8000-000000000001")
            #expect(try await transfer.upload(sealed, id: id, scope: .council) == 3)
            #expect(try await transfer.upload(sealed, id: id, scope: .council) == 0, "stored chunks are not sent again")
            #expect(try await Self.collect(transfer, id, sealed) == Self.content)
            let stored = try await server.storage.manifest(id)
            #expect(stored != nil)
        }
    }

    @Test func alteredChunkIsRejectedEvenWhenTheRelayRecomputesItsHash() async throws {
        try await TestServer.with("dossier-tamper") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let transfer = SealedFileTransfer(client: device.client)
            let original = try SealedFile.seal(Self.content)
            var chunks = original.chunks
            chunks[1][100] ^= 0x01
            let tampered = SealedFile(key: original.key, chunks: chunks, plainSize: original.plainSize)
            let id = try FileID("d0551e70-0000-4000-8000-000000000002")
            try await transfer.upload(tampered, id: id, scope: .council)
            await #expect(throws: CryptoError(.authenticationFailed, "")) { _ = try await Self.collect(transfer, id, tampered) }
            await #expect(throws: DossierError.self, "a manifest other than the recorded one is refused before decryption") {
                _ = try await Self.collect(transfer, id, original)
            }
        }
    }

    @Test func fileCutShortIsRejectedAsIncomplete() async throws {
        try await TestServer.with("dossier-truncated") { server in
            let device = try await TestDevice.enrolled(on: server.url)
            let transfer = SealedFileTransfer(client: device.client)
            let original = try SealedFile.seal(Self.content)
            let truncated = SealedFile(key: original.key, chunks: Array(original.chunks.prefix(2)), plainSize: original.plainSize)
            let id = try FileID("d0551e70-0000-4000-8000-000000000003")
            try await transfer.upload(truncated, id: id, scope: .council)
            await #expect(throws: CryptoError(.streamIncomplete, "")) { _ = try await Self.collect(transfer, id, truncated) }
        }
    }

    @Test func workingGroupDossierIsNeverDeliveredOutsideTheGroup() async throws {
        try await TestServer.with("dossier-group") { server in
            let group = try DossierScopes.group("budget")
            let member = try await TestDevice.enrolled(on: server.url,
                access: HuisClosWire.ScopeAccess(readable: [.council, group], writable: [.council, group]))
            let outsider = try await TestDevice.enrolled(on: server.url,
                access: HuisClosWire.ScopeAccess(readable: [.council], writable: [.council]))
            let sealed = try SealedFile.seal(Array("Note budgétaire confidentielle".utf8))
            let id = try FileID("d0551e70-0000-4000-8000-000000000004")
            try await SealedFileTransfer(client: member.client).upload(sealed, id: id, scope: group)
            #expect(try await Self.collect(SealedFileTransfer(client: member.client), id, sealed) == Array("Note budgétaire confidentielle".utf8))

            await #expect(throws: APIError(.forbidden, "")) { _ = try await outsider.client.fileStatus(id) }
            await #expect(throws: APIError(.forbidden, "")) {
                _ = try await outsider.client.download(chunk: sealed.chunkHashes[0], file: id)
            }
            await #expect(throws: APIError(.forbidden, "")) { _ = try await outsider.client.pull(scope: group, after: 0) }
            // Even holding the ciphertext, another key cannot open it.
            let wrongKey = try SealedFile.seal([0])
            await #expect(throws: CryptoError(.authenticationFailed, "")) {
                try await SealedFile.open(count: sealed.chunks.count, key: wrongKey.key, fetch: { sealed.chunks[$0] }, sink: { _ in })
            }
        }
    }

    @Test func privateNoteScopeIsNotDeliveredToTheSecretariatsDevice() async throws {
        try await TestServer.with("dossier-private") { server in
            let alice = DossierScopes.member(try MemberID.generate())
            let secretariat = try await TestDevice.enrolled(on: server.url,
                access: HuisClosWire.ScopeAccess(readable: [.council, .public], writable: [.council, .public]))
            await #expect(throws: APIError(.forbidden, "")) { _ = try await secretariat.client.pull(scope: alice, after: 0) }
        }
    }
}
