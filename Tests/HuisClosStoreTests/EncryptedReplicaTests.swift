import Foundation
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosReplica
import HuisClosStore
import Testing

/// The store over the real encrypted replica, closed and reopened from its passphrase.
@Suite struct EncryptedReplicaTests {
    /// Argon2id at its minimum: these tests are about the store, not the passphrase.
    let limits = PasswordKey.Limits(opsLimit: 1, memLimitBytes: 8 * 1024)

    @Test func mergedStateOutboxAndClockSurviveClosingAndReopeningTheEncryptedReplica() throws {
        let folder = try TemporaryFolder()
        let alice = try StoreFixtures.device(1), bob = try StoreFixtures.device(2)
        let clock = ManualClock(StoreFixtures.start)
        let record = try StoreFixtures.record()
        let peer = try StoreFixtures.store(bob, devices: [alice, bob], clock: clock)
        let remote = try peer.commitLocal([.set(record, field: "summary", value: .text("relevé de décisions"))], scope: .council)

        let replica = try Replica.create(at: folder.url, passphrase: "secret du conseil", limits: limits)
        let store = try StoreFixtures.store(alice, devices: [alice, bob], clock: clock, database: replica.database)
        let local = try store.commitLocal([.add(record, set: "members", element: .text("ana"))], scope: .council)
        #expect(try store.apply([remote.encoded]).applied == [remote.id])
        let digest = try store.digest()
        let lastReading = try store.clock()
        try replica.close()

        let reopened = try Replica.open(at: folder.url, passphrase: "secret du conseil")
        defer { try? reopened.close() }
        let again = try StoreFixtures.store(alice, devices: [alice, bob], clock: clock, database: reopened.database)
        #expect(try again.digest() == digest)
        #expect(try again.outbox() == [local])
        #expect(try again.clock() == lastReading)
        #expect(try again.apply([remote.encoded]).duplicates == [remote.id])
        #expect(try StoreFixtures.text(again, record, "summary") == "relevé de décisions")
    }
}
