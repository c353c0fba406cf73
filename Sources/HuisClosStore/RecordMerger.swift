import Dispatch
import HuisClosEngine
import HuisClosProtocol
import Synchronization

/// The in-memory side of a merge: the records a group of batches touches, split into shards, and
/// the checked batches whose operations are applied to them at the end — one shard per core,
/// while the writer thread stores the operation log.
///
/// Sharding is sound because records are independent: each operation changes exactly one
/// record, and the merge rules are commutative, so applying each record's operations on one
/// thread, in any order relative to other records, gives the same states.
final class RecordMerger {
    /// Shards, one per core of the target machines.
    static let shardCount = 2
    /// Operations below which applying on the writer thread is cheaper than dispatching.
    static let parallelOperationsMin = 2_000

    /// Where a record's state is: its shard and its index in that shard.
    struct Slot: Sendable {
        let shard: Int
        let index: Int
    }

    /// A checked batch waiting to be applied, with the slot of each operation's record.
    struct Accepted: Sendable {
        let operations: [ChangeOperation]
        let device: DeviceID
        let slots: [Slot]
    }

    private var shards: [[RecordState]] = Array(repeating: [], count: shardCount)
    private var slots: [RecordAddress: Slot] = [:]
    private var accepted: [Accepted] = []
    private var operationCount = 0
    private var loadedCount = 0

    /// Registers a checked batch's operations; `load` is called once per record not seen yet.
    func add(_ operations: [ChangeOperation], in scope: ScopeID, by device: DeviceID,
             load: (RecordAddress) throws -> RecordState) rethrows {
        var batchSlots: [Slot] = []
        batchSlots.reserveCapacity(operations.count)
        for operation in operations {
            let address = RecordAddress(scope: scope, key: operation.change.record)
            if let slot = slots[address] {
                batchSlots.append(slot)
                continue
            }
            let shard = loadedCount % Self.shardCount
            let slot = Slot(shard: shard, index: shards[shard].count)
            shards[shard].append(try load(address))
            slots[address] = slot
            loadedCount += 1
            batchSlots.append(slot)
        }
        accepted.append(Accepted(operations: operations, device: device, slots: batchSlots))
        operationCount += operations.count
    }

    /// Applies every registered operation to its record — in parallel for large merges — while
    /// `meanwhile` runs on this thread.
    func applyAll(meanwhile: () throws -> Void) throws {
        let work = ShardWork(accepted: accepted, shards: shards)
        // Hand the states over, so each shard's array is uniquely owned and mutated in place.
        shards = []
        accepted = []
        defer { shards = work.shards.withLock { $0 } }
        guard operationCount >= Self.parallelOperationsMin else {
            for shard in 0..<Self.shardCount { work.run(shard) }
            return try meanwhile()
        }
        let group = DispatchGroup()
        for shard in 0..<Self.shardCount {
            DispatchQueue.global().async(group: group) { work.run(shard) }
        }
        defer { group.wait() }
        try meanwhile()
    }

    /// Every touched record's state.
    var records: [RecordState] { shards.flatMap { $0 } }
}

/// One merge's shards and operations, shared with the threads that apply them.
private final class ShardWork: Sendable {
    let accepted: [RecordMerger.Accepted]
    let shards: Mutex<[[RecordState]]>

    init(accepted: [RecordMerger.Accepted], shards: [[RecordState]]) {
        self.accepted = accepted
        self.shards = Mutex(shards)
    }

    /// Applies the operations of `shard`'s records, in their batches' order.
    func run(_ shard: Int) {
        var states = shards.withLock { all in
            defer { all[shard] = [] }
            return all[shard]
        }
        for batch in accepted {
            for position in batch.operations.indices where batch.slots[position].shard == shard {
                states[batch.slots[position].index].apply(batch.operations[position], by: batch.device)
            }
        }
        shards.withLock { $0[shard] = states }
    }
}
