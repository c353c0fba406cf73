import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCrypto
import HuisClosDossiers
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore

/// A wall clock fixed at a known instant (tests merge without waiting).
struct FixedWallClock: WallClock {
    let ms: UInt64
    func nowMs() -> UInt64 { ms }
}

/// Stores for several devices of one council, over in-memory databases.
enum Council {
    static let start: UInt64 = 1_780_000_000_000

    static func device(_ number: UInt8) throws -> SigningKeyPair {
        try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: number, count: 32)))
    }

    /// `count` stores (devices 1…count) that accept each other's batches.
    static func stores(_ count: Int) throws -> [ChangeStore] {
        let devices = try (1...count).map { try device(UInt8($0)) }
        let authorizer = KnownDevicesAuthorizer(devices: Set(devices.map(\.publicKey)))
        return try devices.map {
            let database = try DatabaseQueue()
            // The dossier tables, as a device's replica gets them when it opens.
            try DossierSchema.migrate(database)
            return try ChangeStore(database: database, device: $0, authorizer: authorizer, wallClock: FixedWallClock(ms: start))
        }
    }

    /// Delivers every batch each store holds to every other store (a full sync round).
    static func sync(_ stores: [ChangeStore]) throws {
        let logs = try stores.map { store in
            try store.database.read { db in
                try Data.fetchAll(db, sql: "SELECT bytes FROM batches ORDER BY device, scope, sequence").map { [UInt8]($0) }
            }
        }
        for (index, store) in stores.enumerated() {
            for (other, log) in logs.enumerated() where other != index {
                _ = try store.apply(log)
            }
        }
    }
}

func day(_ iso: String) -> Day { Day(iso: iso)! }
