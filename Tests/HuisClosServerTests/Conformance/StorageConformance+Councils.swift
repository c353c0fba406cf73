import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosWire
import Testing

extension StorageConformance {
    /// Two councils' storages of one deployment (SQLite: two files; PostgreSQL: two schemas of one
    /// database) share nothing: a code, device, token, challenge, batch, file, chunk, membership
    /// record or sealed key written in `one` is unknown to `other`, and the same names (scope
    /// `council`, a file id, a code hash) are independent in each.
    static func councilsShareNothing(_ one: any ServerStorage, _ other: any ServerStorage) async throws {
        try await one.createEnrolmentCode(hash: [7], access: access, expiresAt: now.addingTimeInterval(60))
        #expect(try await other.enrol(codeHash: [7], device: device.publicKey, agreementKey: [], now: now) == .codeInvalid,
                "a code of one council enrols nothing in the other")
        #expect(try await one.enrol(codeHash: [7], device: device.publicKey, agreementKey: [], now: now) == .enrolled(access))
        #expect(try await other.device(device.publicKey) == nil, "the device is unknown to the other council")

        try await one.saveToken(hash: [8], device: device.publicKey, expiresAt: now.addingTimeInterval(60))
        #expect(try await other.token(hash: [8]) == nil, "a session of one council is no session in the other")
        try await one.saveChallenge(nonce: [9], device: device.publicKey, expiresAt: now.addingTimeInterval(60))
        #expect(try await other.consumeChallenge(nonce: [9], device: device.publicKey, now: now) == false)

        let batches = try batches(3)
        _ = try await one.push(batches, receivedAt: now)
        #expect(try await other.heads(of: [.council])[.council] ?? 0 == 0, "the other council's scope of the same name is empty")
        #expect(try await other.pull(scope: .council, after: 0, maxBatches: 10, maxBytes: 100_000).batches.isEmpty)
        // The same chain pushed to the other council starts its own log there (no duplicate of the first's).
        #expect(try await other.push([batches[0]], receivedAt: now) == [.accepted(cursor: 1)])

        // Each council's size is its own (its storage quota counts nothing of the other's).
        let otherSize = try await other.storedBytes(), oneSize = try await one.storedBytes()
        let large = (0..<300_000).map { _ in UInt8.random(in: 0...255) }
        try await one.storeChunk(hash: Hash.blake2b(large), bytes: large, scope: .council, device: device.publicKey)
        #expect(try await one.storedBytes() >= oneSize + 270_000)
        #expect(try await other.storedBytes() == otherSize, "the other council's size did not grow")

        let id = try FileID("5a4ed-0001")
        let hash = Hash.blake2b([UInt8]([1, 2, 3]))
        _ = try await one.declare(FileManifestRecord(id: id, scope: .council, chunkHashes: [hash], totalSize: 3), by: device.publicKey)
        try await one.storeChunk(hash: hash, bytes: [1, 2, 3], scope: .council, device: device.publicKey)
        #expect(try await other.manifest(id) == nil)
        #expect(try await other.chunk(hash: hash, in: .council) == nil)
        #expect(try await other.chunk(hash: hash) == nil, "not even the benchmark's raw read finds it")
        #expect(try await other.missingChunks([hash], in: .council) == [hash])
        #expect(try await other.filesDeclared(by: device.publicKey) == 0)
        #expect(try await other.chunkBytesStored(by: device.publicKey) == 0)

        #expect(try await one.appendMembershipRecords([[1]], at: 0))
        #expect(try await other.membershipRecords(from: 0).isEmpty)
        try await one.storeSealedKeys([MailboxKey(recipient: device.publicKey, scope: .council, epoch: 1, issuer: device.publicKey, bytes: [4])])
        #expect(try await other.sealedKeys(for: device.publicKey).isEmpty)
        #expect(try await one.revoke(device.publicKey, at: now))
        #expect(try await other.revoke(device.publicKey, at: now) == false)
    }
}
