import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Testing

/// The clock rules seen from a replica: batches from the future, restarts.
@Suite struct ClockRuleTests {
    @Test func clockAheadIsHeldAndReportedThenAppliedOnceNoLongerAhead() throws {
        let alice = try StoreFixtures.device(1), bob = try StoreFixtures.device(2)
        // Alice's clock is ten minutes ahead of Bob's; the allowed drift is five.
        let aliceClock = ManualClock(StoreFixtures.start + 600_000), bobClock = ManualClock(StoreFixtures.start)
        let author = try StoreFixtures.store(alice, devices: [alice, bob], clock: aliceClock)
        let receiver = try StoreFixtures.store(bob, devices: [alice, bob], clock: bobClock)
        let record = try StoreFixtures.record()
        let batch = try author.commitLocal([.set(record, field: "title", value: .text("from the future"))], scope: .council)
        let before = try receiver.digest()

        let report = try receiver.apply([batch.encoded])
        #expect(report.held.map(\.reason) == [ChangeError(.clockAhead, ChangeError.Code.clockAhead.text)])
        #expect(try receiver.heldBatches().map(\.id) == [batch.id])
        #expect(try receiver.digest() == before)
        #expect(try receiver.clock() < HLC(physicalMs: StoreFixtures.start + 600_000, counter: 0), "a held batch is not observed")

        bobClock.advance(by: 200_000)
        #expect(try receiver.retryHeld().applied.isEmpty, "still more than five minutes ahead")
        bobClock.advance(by: 100_000)
        #expect(try receiver.retryHeld().applied == [batch.id])
        #expect(try StoreFixtures.text(receiver, record, "title") == "from the future")
        #expect(try receiver.heldBatches().isEmpty)
    }

    @Test func clockStateSurvivesARestartSoReadingsKeepIncreasing() throws {
        let alice = try StoreFixtures.device(1)
        let clock = ManualClock(StoreFixtures.start)
        let database = try DatabaseQueue()
        let record = try StoreFixtures.record()
        let first = try StoreFixtures.store(alice, devices: [alice], clock: clock, database: database)
        try first.commitLocal([.set(record, field: "a", value: .integer(1)), .set(record, field: "b", value: .integer(2))], scope: .council)
        let last = try first.clock()
        // Restart with the wall clock set back by an hour: the persisted clock still wins.
        let restartedClock = ManualClock(StoreFixtures.start - 3_600_000)
        let restarted = try StoreFixtures.store(alice, devices: [alice], clock: restartedClock, database: database)
        #expect(try restarted.clock() == last)
        #expect(throws: ChangeError(.clockAhead, ChangeError.Code.clockAhead.text)) {
            try restarted.commitLocal([.set(record, field: "a", value: .integer(3))], scope: .council)
        }
        restartedClock.advance(by: 3_600_000)
        try restarted.commitLocal([.set(record, field: "a", value: .integer(3))], scope: .council)
        #expect(try restarted.clock() > last)
    }
}
