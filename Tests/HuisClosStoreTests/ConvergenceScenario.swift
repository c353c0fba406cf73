import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import HuisClosTestSupport

/// One generated convergence case: 3–8 replicas edit shared records offline with every kind of
/// operation, exchange batches in random subsets, orders and duplicates across partitions,
/// restart, and finally all exchange everything. Every replica must end with one digest.
struct ConvergenceScenario {
    let seed: UInt64
    private var random: SeededRandom
    private var replicas: [Replica] = []
    private let folder: TemporaryFolder?

    /// One device's replica; `database` survives restarts, `store` is reopened on it.
    struct Replica {
        let device: SigningKeyPair
        let clock: ManualClock
        var database: any DatabaseWriter
        var store: ChangeStore
        let path: String?
    }

    init(seed: UInt64, devices: [SigningKeyPair]) throws {
        self.seed = seed
        random = SeededRandom(seed: seed)
        let count = Int.random(in: 3...8, using: &random)
        // One case in ten runs on files, so restarts reopen the database itself.
        folder = random.chance(10) ? try TemporaryFolder() : nil
        let allowed = Array(devices[0..<count])
        for (index, device) in allowed.enumerated() {
            // Clocks skewed by up to ±2 s; sometimes one runs 6–9 minutes ahead (its batches are held).
            let skew = random.chance(10) ? Int64.random(in: 360_000...540_000, using: &random) : Int64.random(in: -2_000...2_000, using: &random)
            let clock = ManualClock(UInt64(Int64(StoreFixtures.start) + skew))
            let path = folder.map { $0.url.appendingPathComponent("replica-\(index).sqlite").path }
            let database: any DatabaseWriter = try path.map { try DatabaseQueue(path: $0) } ?? StoreFixtures.migratedMemoryDatabase()
            replicas.append(Replica(device: device, clock: clock, database: database,
                                    store: try StoreFixtures.store(device, devices: allowed, clock: clock, database: database), path: path))
        }
    }

    /// Runs the case; returns a failure description, or nil when every digest is equal.
    mutating func run() throws -> String? {
        var partition: Set<Int>? = nil
        for _ in 0..<Int.random(in: 6...14, using: &random) {
            let replica = Int.random(in: 0..<replicas.count, using: &random)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<45: try edit(replica)
            case 45..<85: try deliver(to: replica, partition: partition)
            case 85..<92: try restart(replica)
            default:
                partition = random.chance(50) ? Set((0..<replicas.count).filter { _ in random.chance(50) }) : nil
            }
            for other in replicas { other.clock.advance(by: UInt64.random(in: 0...1_500, using: &random)) }
        }
        // Heal: every clock passes the drift of the fastest, then everyone receives everything.
        for replica in replicas { replica.clock.advance(by: 900_000) }
        let everything = try replicas.flatMap { try StoreFixtures.log(of: $0.store) }
        for index in replicas.indices {
            // What this replica lacks (duplicates were exercised by the deliveries above).
            let heads = Dictionary(try replicas[index].store.heads().map { (Array($0.device.bytes) + [UInt8($0.scope.rawValue.utf8.count)] + Array($0.scope.rawValue.utf8), $0.sequence) },
                                   uniquingKeysWith: max)
            let missing = everything.filter { bytes in
                let position = StoreFixtures.chainPosition(of: bytes)
                return position.sequence > heads[position.chain, default: 0]
            }
            let report = try replicas[index].store.apply(missing.shuffled(using: &random))
            if let rejected = report.rejected.first { return "replica \(index) rejected an honest batch: \(rejected.error)" }
        }
        let digests = try replicas.map { try $0.store.digest() }
        if Set(digests).count != 1 { return "digests differ: \(digests.map { $0.prefix(4).map { String(format: "%02x", $0) }.joined() })" }
        if let held = try replicas.first(where: { try !$0.store.heldBatches().isEmpty }) { return "\(held.device.publicKey.bytes.prefix(2)) still holds batches" }
        return nil
    }

    private mutating func edit(_ index: Int) throws {
        let store = replicas[index].store
        var changes: [Change] = []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let record = try RecordKey(kind: random.chance(50) ? "document" : "group", id: "r\(Int.random(in: 0..<3, using: &random))")
            let set = "s\(Int.random(in: 0..<2, using: &random))"
            let element = try randomValue(small: true)
            switch Int.random(in: 0..<100, using: &random) {
            case 0..<45: changes.append(.set(record, field: "f\(Int.random(in: 0..<3, using: &random))", value: try randomValue(small: false)))
            case 45..<70: changes.append(.add(record, set: set, element: element))
            case 70..<90:
                let tags = try store.observedTags(of: element, in: set, of: record, scope: .council)
                if !tags.isEmpty { changes.append(.remove(record, set: set, element: element, observed: tags)) }
            default: changes.append(.delete(record))
            }
        }
        if !changes.isEmpty { try store.commitLocal(changes, scope: .council) }
    }

    /// A value of every kind (set elements: a few small ones, so adds and removes meet).
    private mutating func randomValue(small: Bool) throws -> Value {
        switch Int.random(in: 0..<(small ? 3 : 6), using: &random) {
        case 0: .integer(Int64.random(in: -2...2, using: &random))
        case 1: .text(["", "a", "é", "ordre du jour"][Int.random(in: 0..<4, using: &random)])
        case 2: .bool(random.chance(50))
        case 3: .null
        case 4: .bytes([UInt8](repeating: 7, count: Int.random(in: 0...3, using: &random)))
        default: .file(try FileReference(contentHash: [UInt8](repeating: UInt8.random(in: 0...1, using: &random), count: 32), size: 9))
        }
    }

    /// Sends a random subset of another replica's log, shuffled, with duplicates.
    private mutating func deliver(to index: Int, partition: Set<Int>?) throws {
        let source = Int.random(in: 0..<replicas.count, using: &random)
        guard source != index, partition.map({ $0.contains(source) == $0.contains(index) }) ?? true else { return }
        var batches = try StoreFixtures.log(of: replicas[source].store).filter { _ in random.chance(70) }
        batches += batches.filter { _ in random.chance(20) }
        _ = try replicas[index].store.apply(batches.shuffled(using: &random))
    }

    /// Drops the store and reopens it on its database (and the database itself when on disk).
    private mutating func restart(_ index: Int) throws {
        var replica = replicas[index]
        if let path = replica.path {
            replica.database = try DatabaseQueue(path: path)
        }
        replica.store = try StoreFixtures.store(replica.device, devices: replicas.map(\.device), clock: replica.clock,
                                                database: replica.database)
        replicas[index] = replica
    }
}
