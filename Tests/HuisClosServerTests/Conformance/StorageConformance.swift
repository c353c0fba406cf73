import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosServer
import HuisClosWire
import Testing

/// The `ServerStorage` contract as generic checks over `any ServerStorage`: every backend
/// (SQLite today, PostgreSQL later) runs exactly these, each on a fresh, empty storage.
enum StorageConformance {
    /// Every check, by name, so a backend's suite runs them all.
    static let checks: [(name: String, run: @Sendable (any ServerStorage) async throws -> Void)] = [
        ("enrolment codes are single use", enrolmentCodesAreSingleUse),
        ("expired codes do not enrol", expiredCodesDoNotEnrol),
        ("an enrolled key cannot enrol twice and keeps the code", enrolledKeyCannotEnrolTwice),
        ("revocation is recorded once", revocationIsRecordedOnce),
        ("challenges are single use and expire", challengesAreSingleUseAndExpire),
        ("tokens are found by hash", tokensAreFoundByHash),
        ("push places batches by chain position", pushPlacesBatchesByChainPosition),
        ("pull pages by count and bytes", pullPagesByCountAndBytes),
        ("pull returns each batch's first arrival time", pullReturnsFirstArrivalTimes),
        ("logs are per scope", logsArePerScope),
        ("files: declare once, chunks dedup", filesDeclareOnceChunksDedup),
        ("membership records append only at the head", membershipRecordsAppendOnlyAtTheHead),
        ("sealed keys are filed per recipient", mailboxFilesKeys),
        ("a sound storage reports no damage", soundStorageReportsNoDamage),
        ("contributions are kept per consultation, in order, up to a cap", contributionsArePerConsultationInOrderUpToACap),
        ("stored bytes grow with batches and chunks", storedBytesGrowWithBatchesAndChunks),
        ("stored bytes grow with contributions", storedBytesGrowWithContributions),
    ]

    static let device = try! SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: 3, count: 32)))
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let access = DeviceAccess(readable: [.council, .public], writable: [.council])

    static func batches(_ count: Int, scope: ScopeID = .council, body: Int = 10) throws -> [BatchEnvelope] {
        var previous = BatchEnvelope.genesisHash
        return try (1...count).map { sequence in
            let batch = try BatchEnvelope.sign(device: device, scope: scope, epoch: 1, sequence: UInt64(sequence),
                                               previousHash: previous, bodyKind: .sealed, body: [UInt8](repeating: 1, count: body))
            previous = batch.hash
            return batch
        }
    }

    /// What the council quota counts: random bytes (PostgreSQL's TOAST compresses repeats), so a
    /// backend that measured nothing, or compressed, would fall short. Pages and free space reused
    /// make the growth a little less than the bytes stored: 90 % of them is asked.
    static func storedBytesGrowWithBatchesAndChunks(_ storage: any ServerStorage) async throws {
        let empty = try await storage.storedBytes()
        var previous = BatchEnvelope.genesisHash
        let pushed = try (1...8).map { sequence in
            let batch = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: UInt64(sequence), previousHash: previous,
                                               bodyKind: .sealed, body: (0..<100_000).map { _ in UInt8.random(in: 0...255) })
            previous = batch.hash
            return batch
        }
        _ = try await storage.push(pushed, receivedAt: now)
        let withBatches = try await storage.storedBytes()
        #expect(withBatches >= empty + 720_000, "\(empty) then \(withBatches)")
        let chunk = (0..<500_000).map { _ in UInt8.random(in: 0...255) }
        try await storage.storeChunk(hash: Hash.blake2b(chunk), bytes: chunk, scope: .council, device: device.publicKey)
        let withChunk = try await storage.storedBytes()
        #expect(withChunk >= withBatches + 450_000, "\(withBatches) then \(withChunk)")
    }

    /// Contributions count too (the quota bounds a flood of them): 40 sealed boxes of 16,000 random
    /// bytes; their own figure (their share of the quota) is exactly their sealed bytes.
    static func storedBytesGrowWithContributions(_ storage: any ServerStorage) async throws {
        let empty = try await storage.storedBytes()
        let contributed = try await storage.storedContributionBytes()
        for _ in 1...40 {
            _ = try await storage.storeContribution((0..<16_000).map { _ in UInt8.random(in: 0...255) }, consultation: "c-flot", receivedAt: now, max: 100)
        }
        let withContributions = try await storage.storedBytes()
        #expect(withContributions >= empty + 576_000, "\(empty) then \(withContributions)")
        #expect(try await storage.storedContributionBytes() == contributed + 640_000)
    }

    static func enrolmentCodesAreSingleUse(_ storage: any ServerStorage) async throws {
        try await storage.createEnrolmentCode(hash: [1], access: access, expiresAt: now.addingTimeInterval(60))
        #expect(try await storage.enrol(codeHash: [1], device: device.publicKey, agreementKey: [], now: now) == .enrolled(access))
        let other = try SigningKeyPair.generate().publicKey
        #expect(try await storage.enrol(codeHash: [1], device: other, agreementKey: [], now: now) == .codeInvalid)
        #expect(try await storage.device(device.publicKey) == DeviceRecord(key: device.publicKey, access: access, revokedAt: nil))
        #expect(try await storage.device(other) == nil)
    }

    static func expiredCodesDoNotEnrol(_ storage: any ServerStorage) async throws {
        try await storage.createEnrolmentCode(hash: [2], access: access, expiresAt: now)
        #expect(try await storage.enrol(codeHash: [2], device: device.publicKey, agreementKey: [], now: now) == .codeInvalid)
    }

    static func enrolledKeyCannotEnrolTwice(_ storage: any ServerStorage) async throws {
        try await storage.createEnrolmentCode(hash: [3], access: access, expiresAt: now.addingTimeInterval(60))
        try await storage.createEnrolmentCode(hash: [4], access: access, expiresAt: now.addingTimeInterval(60))
        _ = try await storage.enrol(codeHash: [3], device: device.publicKey, agreementKey: [], now: now)
        #expect(try await storage.enrol(codeHash: [4], device: device.publicKey, agreementKey: [], now: now) == .alreadyEnrolled)
        let other = try SigningKeyPair.generate().publicKey
        #expect(try await storage.enrol(codeHash: [4], device: other, agreementKey: [], now: now) == .enrolled(access))
    }

    static func revocationIsRecordedOnce(_ storage: any ServerStorage) async throws {
        try await storage.createEnrolmentCode(hash: [5], access: access, expiresAt: now.addingTimeInterval(60))
        _ = try await storage.enrol(codeHash: [5], device: device.publicKey, agreementKey: [], now: now)
        #expect(try await storage.revoke(device.publicKey, at: now))
        #expect(try await storage.revoke(device.publicKey, at: now) == false)
        #expect(try await storage.device(device.publicKey)?.revokedAt != nil)
    }

    static func challengesAreSingleUseAndExpire(_ storage: any ServerStorage) async throws {
        try await storage.saveChallenge(nonce: [1], device: device.publicKey, expiresAt: now.addingTimeInterval(60))
        try await storage.saveChallenge(nonce: [2], device: device.publicKey, expiresAt: now.addingTimeInterval(60))
        let other = try SigningKeyPair.generate().publicKey
        #expect(try await storage.consumeChallenge(nonce: [1], device: other, now: now) == false)
        #expect(try await storage.consumeChallenge(nonce: [1], device: device.publicKey, now: now))
        #expect(try await storage.consumeChallenge(nonce: [1], device: device.publicKey, now: now) == false)
        #expect(try await storage.consumeChallenge(nonce: [2], device: device.publicKey, now: now.addingTimeInterval(61)) == false)
    }

    static func tokensAreFoundByHash(_ storage: any ServerStorage) async throws {
        try await storage.saveToken(hash: [7, 7], device: device.publicKey, expiresAt: now)
        #expect(try await storage.token(hash: [7, 7]) == TokenRecord(device: device.publicKey, expiresAt: now))
        #expect(try await storage.token(hash: [7]) == nil)
    }

    static func pushPlacesBatchesByChainPosition(_ storage: any ServerStorage) async throws {
        let chain = try batches(3)
        #expect(try await storage.push([chain[0], chain[2]], receivedAt: now) == [.accepted(cursor: 1), .gap(expected: 2)])
        #expect(try await storage.push([chain[1], chain[2], chain[0]], receivedAt: now) == [.accepted(cursor: 2), .accepted(cursor: 3), .duplicate(cursor: 1)])
        let fork = try BatchEnvelope.sign(device: device, scope: .council, epoch: 1, sequence: 2, previousHash: chain[0].hash,
                                          bodyKind: .sealed, body: [42])
        #expect(try await storage.push([fork], receivedAt: now) == [.fork])
        #expect(try await storage.heads(of: [.council, .public]) == [.council: 3, .public: 0])
    }

    static func pullPagesByCountAndBytes(_ storage: any ServerStorage) async throws {
        let chain = try batches(5, body: 100)
        _ = try await storage.push(chain, receivedAt: now)
        let size = chain[0].encoded.count
        let page = try await storage.pull(scope: .council, after: 1, maxBatches: 2, maxBytes: 1_000_000)
        #expect(page.batches == [chain[1].encoded, chain[2].encoded] && page.cursor == 3 && page.head == 5 && !page.caughtUp)
        let bytes = try await storage.pull(scope: .council, after: 0, maxBatches: 10, maxBytes: size * 2 + 1)
        #expect(bytes.batches.count == 2)
        let rest = try await storage.pull(scope: .council, after: 3, maxBatches: 10, maxBytes: 1)
        #expect(rest.batches.count == 1 && rest.cursor == 4)
        let end = try await storage.pull(scope: .council, after: 5, maxBatches: 10, maxBytes: 10)
        #expect(end.batches.isEmpty && end.cursor == 5 && end.caughtUp)
    }

    static func pullReturnsFirstArrivalTimes(_ storage: any ServerStorage) async throws {
        let chain = try batches(3)
        let later = now.addingTimeInterval(90.5)
        _ = try await storage.push([chain[0]], receivedAt: now)
        _ = try await storage.push([chain[0], chain[1], chain[2]], receivedAt: later)
        let page = try await storage.pull(scope: .council, after: 0, maxBatches: 10, maxBytes: 100_000)
        let (first, second) = (UInt64(now.timeIntervalSince1970 * 1000), UInt64(later.timeIntervalSince1970 * 1000))
        #expect(page.receivedAtMs == [first, second, second])
        #expect(try await storage.pull(scope: .council, after: 2, maxBatches: 10, maxBytes: 100_000).receivedAtMs == [second])
    }

    static func logsArePerScope(_ storage: any ServerStorage) async throws {
        _ = try await storage.push(try batches(2, scope: .council), receivedAt: now)
        #expect(try await storage.push(try batches(1, scope: .public), receivedAt: now) == [.accepted(cursor: 1)])
        #expect(try await storage.pull(scope: .public, after: 0, maxBatches: 10, maxBytes: 10_000).batches.count == 1)
    }

    static func filesDeclareOnceChunksDedup(_ storage: any ServerStorage) async throws {
        let a = Hash.blake2b([UInt8]([1])), b = Hash.blake2b([UInt8]([2]))
        let device = try SigningKeyPair.generate().publicKey, other = try SigningKeyPair.generate().publicKey
        let manifest = FileManifestRecord(id: try FileID("f1"), scope: .council, chunkHashes: [a, b, a], totalSize: 3)
        #expect(try await storage.declare(manifest, by: device) == manifest)
        let second = FileManifestRecord(id: try FileID("f1"), scope: .council, chunkHashes: [b], totalSize: 1)
        #expect(try await storage.declare(second, by: other) == manifest, "the first manifest stays")
        #expect(try await storage.filesDeclared(by: device) == 1)
        #expect(try await storage.filesDeclared(by: other) == 0)
        #expect(try await storage.manifest(try FileID("f1")) == manifest)
        #expect(try await storage.manifest(try FileID("f2")) == nil)
        #expect(try await storage.missingChunks(manifest.chunkHashes, in: .council) == [a, b])
        try await storage.storeChunk(hash: a, bytes: [1], scope: .council, device: device)
        try await storage.storeChunk(hash: a, bytes: [1], scope: .council, device: device)
        #expect(try await storage.missingChunks(manifest.chunkHashes, in: .council) == [b])
        #expect(try await storage.chunkBytesStored(by: device) == 1, "a chunk stored twice in one scope counts once")
        #expect(try await storage.chunk(hash: a, in: .council) == [1])
        #expect(try await storage.chunk(hash: a, in: .public) == nil, "a chunk is served only from the scope it was uploaded to")
        #expect(try await storage.missingChunks([a], in: .public) == [a])
        #expect(try await storage.chunk(hash: b, in: .council) == nil)
        #expect(try await storage.chunk(hash: a) == [1])
    }
}

extension StorageConformance {
    static func membershipRecordsAppendOnlyAtTheHead(_ storage: any ServerStorage) async throws {
        #expect(try await storage.appendMembershipRecords([[1], [2]], at: 0))
        #expect(try await storage.appendMembershipRecords([[9]], at: 1) == false, "a stale append changes nothing")
        #expect(try await storage.appendMembershipRecords([[3]], at: 2))
        #expect(try await storage.membershipRecords(from: 0) == [[1], [2], [3]])
        #expect(try await storage.membershipRecords(from: 2) == [[3]])
        #expect(try await storage.membershipRecords(from: 7).isEmpty)
    }

    static func soundStorageReportsNoDamage(_ storage: any ServerStorage) async throws {
        _ = try await storage.push(try batches(3), receivedAt: now)
        #expect(try await storage.integrityProblems() == [])
    }

    static func mailboxFilesKeys(_ storage: any ServerStorage) async throws {
        let other = try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: 4, count: 32))).publicKey
        let key = MailboxKey(recipient: device.publicKey, scope: .council, epoch: 1, issuer: other, bytes: [7])
        try await storage.storeSealedKeys([key, key, MailboxKey(recipient: other, scope: .council, epoch: 1, issuer: other, bytes: [8])])
        #expect(try await storage.sealedKeys(for: device.publicKey) == [[7]])
    }
}

extension StorageConformance {
    static func contributionsArePerConsultationInOrderUpToACap(_ storage: any ServerStorage) async throws {
        #expect(try await storage.storeContribution([1], consultation: "c-a", receivedAt: now, max: 3) == 1)
        #expect(try await storage.storeContribution([2], consultation: "c-b", receivedAt: now, max: 3) == 1, "positions count per consultation")
        #expect(try await storage.storeContribution([3], consultation: "c-a", receivedAt: now.addingTimeInterval(1), max: 3) == 2)
        #expect(try await storage.storeContribution([4], consultation: "c-a", receivedAt: now, max: 3) == 3)
        #expect(try await storage.storeContribution([5], consultation: "c-a", receivedAt: now, max: 3) == nil, "over the cap changes nothing")
        let all = try await storage.contributions(of: "c-a", after: 0, maxCount: 10)
        #expect(all.map(\.sealed) == [[1], [3], [4]] && all.map(\.position) == [1, 2, 3])
        #expect(all[1].receivedAtMs == UInt64(now.timeIntervalSince1970 * 1000) + 1000)
        #expect(try await storage.contributions(of: "c-a", after: 1, maxCount: 1).map(\.sealed) == [[3]])
        #expect(try await storage.contributions(of: "c-z", after: 0, maxCount: 10).isEmpty)
    }
}
