import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import Testing

/// One test per rule of Protocol/MERGE-RULES.md, on the pure record state.
@Suite struct MergeRuleTests {
    let alice: DeviceID
    let bob: DeviceID
    let key: RecordKey

    init() throws {
        alice = try EngineFixtures.deviceID(1)
        bob = try EngineFixtures.deviceID(2)
        key = try EngineFixtures.record()
    }

    /// Applies `operations` (each with its author) in order to a new record.
    func merged(_ operations: [(ChangeOperation, DeviceID)]) -> RecordState {
        var state = RecordState(new: RecordAddress(scope: .council, key: key))
        for (operation, device) in operations { state.apply(operation, by: device) }
        return state
    }

    func set(_ ms: UInt64, _ text: String, field: String = "title") -> ChangeOperation {
        EngineFixtures.op(ms, 0, .set(key, field: field, value: .text(text)))
    }

    @Test func concurrentSetsTheGreaterTimestampWinsInAnyOrder() {
        let early = (set(1_000, "early"), alice), late = (set(2_000, "late"), bob)
        #expect(merged([early, late]).field("title")?.value == .text("late"))
        #expect(merged([late, early]).field("title")?.value == .text("late"))
    }

    @Test func equalTimestampsTieBreakByDevice() {
        let winner = max(alice, bob), loser = min(alice, bob)
        let fromWinner = (set(1_000, "winner"), winner), fromLoser = (set(1_000, "loser"), loser)
        #expect(merged([fromWinner, fromLoser]).field("title")?.value == .text("winner"))
        #expect(merged([fromLoser, fromWinner]).field("title")?.value == .text("winner"))
    }

    @Test func applyingAnOperationTwiceChangesNothing() {
        let once = merged([(set(1_000, "a"), alice)])
        let twice = merged([(set(1_000, "a"), alice), (set(1_000, "a"), alice)])
        #expect(once.fields == twice.fields)
        #expect(once.written == twice.written)
    }

    @Test func deleteHidesEverySetAtOrBeforeIt() {
        let delete = (EngineFixtures.op(2_000, 0, .delete(key)), alice)
        for order in [[(set(1_000, "old"), bob), delete], [delete, (set(1_000, "old"), bob)]] {
            let state = merged(order)
            #expect(state.field("title") == nil)
            #expect(!state.isLive)
        }
    }

    @Test func writeAfterDeleteRevivesTheRecordWithOnlyLaterWrites() {
        let operations = [(set(1_000, "before", field: "summary"), bob), (EngineFixtures.op(2_000, 0, .delete(key)), alice),
                          (set(3_000, "after"), bob)]
        for order in [operations, operations.reversed()] {
            let state = merged(order)
            #expect(state.isLive)
            #expect(state.field("title")?.value == .text("after"))
            #expect(state.field("summary") == nil, "a field written before the delete stays hidden")
        }
    }

    @Test func deleteHidesAddsAtOrBeforeIt() {
        let add = (EngineFixtures.op(1_000, 0, .add(key, set: "members", element: .text("ana"))), bob)
        let delete = (EngineFixtures.op(2_000, 0, .delete(key)), alice)
        #expect(merged([add, delete]).elements.isEmpty)
        #expect(merged([delete, add]).elements.isEmpty)
    }

    @Test func concurrentAddSurvivesARemoveThatDidNotObserveIt() {
        let element = Value.text("ana")
        let firstAdd = EngineFixtures.op(1_000, 0, .add(key, set: "members", element: element))
        let observed = Timestamp(hlc: firstAdd.hlc, device: alice)
        let remove = EngineFixtures.op(3_000, 0, .remove(key, set: "members", element: element, observed: [observed]))
        let concurrentAdd = EngineFixtures.op(2_000, 0, .add(key, set: "members", element: element))
        let operations = [(firstAdd, alice), (remove, bob), (concurrentAdd, alice)]
        for order in [operations, operations.reversed(), [operations[1], operations[0], operations[2]]] {
            let state = merged(order)
            #expect(state.elements.count == 1, "add wins over a concurrent remove")
            #expect(state.elements.keys.first?.tag == Timestamp(hlc: concurrentAdd.hlc, device: alice))
        }
    }

    @Test func removeOnlyRemovesObservedAdds() {
        let element = Value.integer(42)
        let addA = EngineFixtures.op(1_000, 0, .add(key, set: "tags", element: element))
        let addB = EngineFixtures.op(1_000, 0, .add(key, set: "tags", element: element))
        let remove = EngineFixtures.op(2_000, 0, .remove(key, set: "tags", element: element,
                                                          observed: [Timestamp(hlc: addA.hlc, device: alice)]))
        let state = merged([(addA, alice), (addB, bob), (remove, alice)])
        #expect(state.elements.keys.map(\.tag) == [Timestamp(hlc: addB.hlc, device: bob)])
    }

    @Test func removeArrivingBeforeItsAddStillRemovesIt() {
        let element = Value.bool(true)
        let add = EngineFixtures.op(1_000, 0, .add(key, set: "flags", element: element))
        let remove = EngineFixtures.op(2_000, 0, .remove(key, set: "flags", element: element,
                                                          observed: [Timestamp(hlc: add.hlc, device: alice)]))
        let state = merged([(remove, bob), (add, alice)])
        #expect(state.elements.isEmpty)
        #expect(state.removals.count == 1, "the remove is remembered as a tombstone until its add arrives")
    }

    @Test func laterDeleteWinsOverEarlierDelete() {
        let early = (EngineFixtures.op(1_000, 0, .delete(key)), alice), late = (EngineFixtures.op(5_000, 0, .delete(key)), bob)
        #expect(merged([early, late]).deleted == merged([late, early]).deleted)
        #expect(merged([early, late]).deleted?.hlc.physicalMs == 5_000)
    }
}
