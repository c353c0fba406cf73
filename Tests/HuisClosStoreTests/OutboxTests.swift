import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Testing

/// What a sync client relies on: local batches wait in the outbox until acknowledged.
@Suite struct OutboxTests {
    @Test func localBatchesStayInTheOutboxUntilAcknowledged() throws {
        let alice = try StoreFixtures.device(1)
        let store = try StoreFixtures.store(alice, devices: [alice], clock: ManualClock(StoreFixtures.start))
        let record = try StoreFixtures.record()
        let batches = try (1...3).map { number in
            try store.commitLocal([.set(record, field: "n", value: .integer(Int64(number)))], scope: .council)
        }
        let publicBatch = try store.commitLocal([.add(record, set: "tags", element: .text("published"))], scope: .public)
        #expect(try store.outbox() == batches + [publicBatch])
        #expect(try store.pendingBatches(scope: .council, after: 1) == Array(batches[1...]))
        try store.acknowledge(scope: .council, upTo: 2)
        #expect(try store.outbox() == [batches[2], publicBatch])
        #expect(try store.batch(batches[0].id) == batches[0], "acknowledged batches stay in the log")
        #expect(try store.heads().map(\.sequence).sorted() == [1, 3])
    }

    @Test func commitLocalAppliesTheChangeAndSignsTheNextLinkOfTheChain() throws {
        let alice = try StoreFixtures.device(1)
        let store = try StoreFixtures.store(alice, devices: [alice], clock: ManualClock(StoreFixtures.start))
        let record = try StoreFixtures.record()
        let first = try store.commitLocal([.set(record, field: "title", value: .text("Ordre du jour"))], scope: .council)
        let second = try store.commitLocal([.set(record, field: "title", value: .text("Compte rendu"))], scope: .council)
        #expect(second.sequence == first.sequence + 1)
        #expect(second.previousHash == first.hash)
        #expect(try StoreFixtures.text(store, record, "title") == "Compte rendu")
    }

    @Test func removeWithTheObservedTagsOfAnElement() throws {
        let alice = try StoreFixtures.device(1)
        let store = try StoreFixtures.store(alice, devices: [alice], clock: ManualClock(StoreFixtures.start))
        let record = try StoreFixtures.record()
        try store.commitLocal([.add(record, set: "members", element: .text("ana")), .add(record, set: "members", element: .text("ana"))],
                              scope: .council)
        let tags = try store.observedTags(of: .text("ana"), in: "members", of: record, scope: .council)
        #expect(tags.count == 2)
        try store.commitLocal([.remove(record, set: "members", element: .text("ana"), observed: tags)], scope: .council)
        #expect(try store.observedTags(of: .text("ana"), in: "members", of: record, scope: .council).isEmpty)
    }

    @Test func anUnauthorizedLocalChangeIsRefusedAndNothingIsQueued() throws {
        let alice = try StoreFixtures.device(1), bob = try StoreFixtures.device(2)
        let store = try StoreFixtures.store(alice, devices: [bob], clock: ManualClock(StoreFixtures.start))
        #expect(throws: ChangeError(.unauthorized, ChangeError.Code.unauthorized.text)) {
            try store.commitLocal([.delete(try StoreFixtures.record())], scope: .council)
        }
        #expect(try store.outbox().isEmpty)
    }
}
