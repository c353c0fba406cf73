import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Synchronization

/// A wall clock tests move by hand.
final class ManualClock: WallClock {
    private let now: Mutex<UInt64>

    init(_ ms: UInt64) { now = Mutex(ms) }

    func nowMs() -> UInt64 { now.withLock { $0 } }

    func advance(by ms: UInt64) { now.withLock { $0 += ms } }
}

/// Stores over in-memory or temporary on-disk databases, for one test.
enum StoreFixtures {
    static let start: UInt64 = 1_764_000_000_000

    static func device(_ number: UInt8) throws -> SigningKeyPair {
        try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: number, count: 32)))
    }

    /// A store for `device` over `database` (a new in-memory one by default), allowing `devices`.
    static func store(_ device: SigningKeyPair, devices: [SigningKeyPair], clock: ManualClock,
                      database: (any DatabaseWriter)? = nil) throws -> ChangeStore {
        try ChangeStore(database: database ?? DatabaseQueue(), device: device,
                        authorizer: KnownDevicesAuthorizer(devices: Set(devices.map(\.publicKey))), wallClock: clock)
    }

    static func record(_ id: String = "d1") throws -> RecordKey {
        try RecordKey(kind: "document", id: id)
    }

    /// A new in-memory database with the store's tables already created (copied from a template
    /// migrated once: creating the tables is most of a small test's cost).
    static func migratedMemoryDatabase() throws -> DatabaseQueue {
        let database = try DatabaseQueue()
        try template.backup(to: database)
        return database
    }

    private static let template: DatabaseQueue = {
        do {
            let database = try DatabaseQueue()
            _ = try ChangeStore(database: database, device: try device(0), authorizer: KnownDevicesAuthorizer(devices: []),
                                wallClock: ManualClock(start))
            return database
        } catch {
            preconditionFailure("an in-memory database can always be migrated: \(error)")
        }
    }()

    /// Every batch merged into `store`, canonical bytes, in log order.
    static func log(of store: ChangeStore) throws -> [[UInt8]] {
        // unsafeRead: no read-only pragmas around a single query (they dominate small tests).
        try store.database.unsafeRead { db in
            try Data.fetchAll(db.cachedStatement(sql: "SELECT bytes FROM batches ORDER BY device, scope, sequence")).map { [UInt8]($0) }
        }
    }

    /// The (device, scope, sequence) of canonical batch bytes, read at their fixed offsets
    /// (BATCHES.md) without checking the signature: to pick what a replica lacks.
    static func chainPosition(of bytes: [UInt8]) -> (chain: [UInt8], sequence: UInt64) {
        let scopeEnd = 37 + Int(bytes[36])
        let sequence = bytes[(scopeEnd + 4)..<(scopeEnd + 12)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return (Array(bytes[4..<scopeEnd]), sequence)
    }

    /// The text of a field, read with SQL as the domain would.
    static func text(_ store: ChangeStore, _ record: RecordKey, _ field: String) throws -> String? {
        try store.database.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM fields WHERE scope = 'council' AND kind = ? AND id = ? AND name = ?",
                                arguments: [record.kind, record.id, field])
        }
    }
}

/// A temporary folder under TMPDIR, deleted when the test ends.
final class TemporaryFolder: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("huisclos-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
