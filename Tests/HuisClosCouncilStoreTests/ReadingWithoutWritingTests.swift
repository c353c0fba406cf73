import GRDB
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
import HuisClosStore
import Synchronization
import Testing

/// Issue 15 item 4: listing and reading séances acknowledge them, but a device that cannot write
/// (a clock behind its last write, a read-only or full store) still reads; the acknowledgement is
/// queued with the time of reading and recorded when the device can write again.
@Suite struct ReadingWithoutWritingTests {
    /// A wall clock a test sets by hand.
    final class SettableClock: WallClock {
        let ms: Mutex<UInt64>
        init(_ ms: UInt64) { self.ms = Mutex(ms) }
        func nowMs() -> UInt64 { ms.withLock { $0 } }
        func set(_ value: UInt64) { ms.withLock { $0 = value } }
    }

    static let start: UInt64 = 1_780_000_000_000
    static let hourMs: UInt64 = 3_600_000

    /// The secretariat's store and a member's store whose clock the test sets, with séance s1 on both.
    static func council(memberClock: SettableClock) throws -> (secretariat: CouncilStore, member: ChangeStore) {
        let keys = try (0..<2).map { _ in try SigningKeyPair.generate() }
        let authorizer = KnownDevicesAuthorizer(devices: Set(keys.map(\.publicKey)))
        let secretariat = CouncilStore(store: try ChangeStore(database: DatabaseQueue(), device: keys[0], authorizer: authorizer,
                                                              wallClock: SettableClock(start)))
        let member = try ChangeStore(database: DatabaseQueue(), device: keys[1], authorizer: authorizer, wallClock: memberClock)
        try CouncilStoreSchema.migrate(member.database)  // as `Device` does when it opens
        try secretariat.convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        _ = try member.apply(batches: try secretariat.store.outbox())
        return (secretariat, member)
    }

    @Test func aDeviceClockBehindItsLastWriteStillReadsAndAcknowledgesLater() throws {
        let clock = SettableClock(Self.start + Self.hourMs)
        let (_, memberStore) = try Self.council(memberClock: clock)
        let writer = CouncilStore(store: memberStore, nowMs: { Int64(Self.start + Self.hourMs) })
        try writer.respond(seance: "s1", member: "m1", .willAttend)  // the last write, an hour ahead
        clock.set(Self.start)  // the clock now reads an hour behind that write

        let reader = CouncilStore(store: memberStore, nowMs: { Int64(Self.start) })
        #expect(throws: ChangeError.self, "the write itself is refused: this is what used to fail the reading") {
            try reader.acknowledgeReading(seance: "s1", member: "m1")
        }
        let warning = try #require(reader.acknowledgeWhenPossible(receipts: [], reading: "s1", member: "m1"))
        #expect(warning.english.contains("at the next sync or reading that can write") && warning.french.contains("prochaine synchronisation"))
        #expect(try reader.seance("s1").place == "Bobigny", "the séance is read all the same")
        #expect(try reader.acknowledgements(of: "s1").isEmpty)

        clock.set(Self.start + 2 * Self.hourMs)  // the clock is right again
        try CouncilStore(store: memberStore, nowMs: { Int64(Self.start + 2 * Self.hourMs) }).recordPendingAcknowledgements()
        let acknowledgement = try #require(try reader.acknowledgements(of: "s1").first)
        #expect(acknowledgement.receivedMs == Int64(Self.start) && acknowledgement.readMs == Int64(Self.start),
                "dated when the séance was read, not when it could be written")
        #expect(reader.acknowledgeWhenPossible(receipts: ["s1"], member: "m1") == nil, "nothing left queued, nothing to say")
    }

    @Test func aStoreThatCannotWriteStillListsTheSeances() throws {
        let (_, memberStore) = try Self.council(memberClock: SettableClock(Self.start))
        try Self.refuseNewBatches(memberStore)
        let reader = CouncilStore(store: memberStore, nowMs: { Int64(Self.start) })
        #expect(throws: DatabaseError.self, "the write itself fails") { try reader.acknowledgeReceipt(seance: "s1", member: "m1") }
        let warning = try #require(reader.acknowledgeWhenPossible(receipts: ["s1"], member: "m1"))
        #expect(warning.french.contains("pas encore enregistré"), "\(warning.french)")
        #expect(try reader.seances().map(\.id) == ["s1"])
    }

    /// Makes every new batch of `store` fail as a full disk does.
    static func refuseNewBatches(_ store: ChangeStore) throws {
        try store.database.writeWithoutTransaction { db in
            try db.execute(sql: "CREATE TEMP TRIGGER full_disk BEFORE INSERT ON main.batches BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
        }
    }
}
