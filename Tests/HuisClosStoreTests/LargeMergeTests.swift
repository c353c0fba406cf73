import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosTestSupport
import Testing

/// Merges large enough to be applied on several cores give the state of small ones.
@Suite struct LargeMergeTests {
    @Test func aMergeAppliedOnEveryCoreEqualsTheSameBatchesMergedOneByOne() throws {
        let alice = try StoreFixtures.device(1), bob = try StoreFixtures.device(2), carol = try StoreFixtures.device(3)
        let devices = [alice, bob, carol]
        let clock = ManualClock(StoreFixtures.start)
        let author = try StoreFixtures.store(alice, devices: devices, clock: clock)
        var random = SeededRandom(seed: 7_361)
        var batches: [BatchEnvelope] = []
        for _ in 0..<4 {
            var changes: [Change] = []
            for _ in 0..<1_000 {
                let record = try RecordKey(kind: "item", id: "r\(Int.random(in: 0..<60, using: &random))")
                switch Int.random(in: 0..<100, using: &random) {
                case 0..<80: changes.append(.set(record, field: "f\(Int.random(in: 0..<5, using: &random))", value: .integer(Int64.random(in: 0...9, using: &random))))
                case 80..<97: changes.append(.add(record, set: "tags", element: .integer(Int64.random(in: 0...3, using: &random))))
                default: changes.append(.delete(record))
                }
            }
            batches.append(try author.commitLocal(changes, scope: .council))
            clock.advance(by: 1_000)
        }
        let allAtOnce = try StoreFixtures.store(bob, devices: devices, clock: clock)
        #expect(try allAtOnce.apply(batches.map(\.encoded)).applied.count == 4)
        let oneByOne = try StoreFixtures.store(carol, devices: devices, clock: clock)
        for batch in batches + batches { _ = try oneByOne.apply([batch.encoded]) }
        #expect(try allAtOnce.digest() == author.digest())
        #expect(try oneByOne.digest() == author.digest())
    }
}
