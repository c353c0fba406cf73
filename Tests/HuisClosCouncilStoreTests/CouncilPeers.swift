import GRDB
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosEngine
import HuisClosStore

/// Council replicas of several devices over in-memory databases, exchanging batches directly
/// (what the relay does, without a server): each peer merges the others' outboxes.
struct CouncilPeers {
    let keys: [SigningKeyPair]
    let stores: [CouncilStore]

    /// `count` devices, each allowed to write the council scope.
    init(_ count: Int) throws {
        keys = try (0..<count).map { _ in try SigningKeyPair.generate() }
        let allowed = Set(keys.map(\.publicKey))
        stores = try keys.map { key in
            CouncilStore(store: try ChangeStore(database: DatabaseQueue(), device: key,
                                                authorizer: KnownDevicesAuthorizer(devices: allowed)))
        }
    }

    subscript(_ index: Int) -> CouncilStore { stores[index] }

    /// Everyone merges everyone's batches (both ways), as after a full sync.
    func exchange() throws {
        let outboxes = try stores.map { try $0.store.outbox() }
        for (index, store) in stores.enumerated() {
            for (other, batches) in outboxes.enumerated() where other != index {
                _ = try store.store.apply(batches: batches)
            }
        }
    }

    /// `to` merges `from`'s batches only.
    func send(from: Int, to: Int) throws {
        _ = try stores[to].store.apply(batches: try stores[from].store.outbox())
    }
}
