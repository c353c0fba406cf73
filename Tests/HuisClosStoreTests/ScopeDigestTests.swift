import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Testing

/// Issue 15: a state digest per scope, so two members (or a test) can check they hold the same
/// thing in a scope they share, whatever else each holds.
@Suite struct ScopeDigestTests {
    @Test func twoReplicasAgreeOnTheScopeTheyShareAndDifferOnlyWhereTheyDiffer() throws {
        let clock = ManualClock(StoreFixtures.start)
        let devices = try [StoreFixtures.device(1), StoreFixtures.device(2)]
        let first = try StoreFixtures.store(devices[0], devices: devices, clock: clock)
        let second = try StoreFixtures.store(devices[1], devices: devices, clock: clock)
        try first.commitLocal([.set(try StoreFixtures.record(), field: "title", value: .text("Budget"))], scope: .council)
        _ = try second.apply(batches: try first.outbox())
        #expect(try first.scopeDigests() == second.scopeDigests())
        #expect(try first.scopeDigests().keys.sorted() == [.council])

        clock.advance(by: 1)
        try second.commitLocal([.set(try StoreFixtures.record(), field: "title", value: .text("Note"))], scope: .public)
        let (mine, theirs) = (try first.scopeDigests(), try second.scopeDigests())
        #expect(mine[.council] == theirs[.council], "the council scope is still the same on both")
        #expect(mine[.public] == nil && theirs[.public] != nil)
        #expect(try first.digest() != second.digest(), "the whole-replica digest tells them apart")
        #expect(try first.digest(of: .council) != first.digest(of: .public))
    }
}
