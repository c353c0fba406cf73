public import Foundation
import GRDB
public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
public import HuisClosWire

extension SQLiteServerStorage {
    public func createEnrolmentCode(hash: [UInt8], access: DeviceAccess, expiresAt: Date) async throws(StorageError) {
        let grants = Data(StoredGrants.encode(access))
        try await write("creating an enrolment code") { db in
            try db.execute(sql: "INSERT INTO enrolment_code (hash, grants, expires_at) VALUES (?, ?, ?)",
                           arguments: [Data(hash), grants, expiresAt.unixMilliseconds])
        }
    }

    public func enrolmentCodeIsLive(hash: [UInt8], now: Date) async throws(StorageError) -> Bool {
        try await read("reading an enrolment code") { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM enrolment_code WHERE hash = ? AND used_at IS NULL AND expires_at > ?",
                              arguments: [Data(hash), now.unixMilliseconds]) == true
        }
    }

    public func enrol(codeHash: [UInt8], device: SigningPublicKey, agreementKey: [UInt8], now: Date)
        async throws(StorageError) -> EnrolmentOutcome
    {
        let nowMs = now.unixMilliseconds
        enum Redeemed: Sendable { case invalid, alreadyEnrolled, grants(Data) }
        let redeemed = try await write("enrolling a device") { db -> Redeemed in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT grants FROM enrolment_code WHERE hash = ? AND used_at IS NULL AND expires_at > ?
                """, arguments: [Data(codeHash), nowMs])
            else { return .invalid }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM device WHERE key = ?", arguments: [Data(device.bytes)]) == true {
                return .alreadyEnrolled
            }
            let grants: Data = row["grants"]
            try db.execute(sql: "UPDATE enrolment_code SET used_at = ? WHERE hash = ?", arguments: [nowMs, Data(codeHash)])
            try db.execute(sql: """
                INSERT INTO device (key, agreement_key, grants, enrolled_at) VALUES (?, ?, ?, ?)
                """, arguments: [Data(device.bytes), Data(agreementKey), grants, nowMs])
            return .grants(grants)
        }
        switch redeemed {
        case .invalid: return .codeInvalid
        case .alreadyEnrolled: return .alreadyEnrolled
        case .grants(let grants): return .enrolled(try StoredGrants.decode(Array(grants)))
        }
    }

    public func device(_ key: SigningPublicKey) async throws(StorageError) -> DeviceRecord? {
        let row = try await read("reading a device") { db in
            try Row.fetchOne(db, sql: "SELECT grants, revoked_at FROM device WHERE key = ?", arguments: [Data(key.bytes)])
                .map { (grants: $0["grants"] as Data, revokedAt: $0["revoked_at"] as Int64?) }
        }
        guard let row else { return nil }
        return DeviceRecord(key: key, access: try StoredGrants.decode(Array(row.grants)), revokedAt: row.revokedAt.map(Date.init(unixMilliseconds:)))
    }

    public func revoke(_ key: SigningPublicKey, at time: Date) async throws(StorageError) -> Bool {
        try await write("revoking a device") { db in
            try db.execute(sql: "UPDATE device SET revoked_at = ? WHERE key = ? AND revoked_at IS NULL",
                           arguments: [time.unixMilliseconds, Data(key.bytes)])
            let changed = db.changesCount > 0
            return changed
        }
    }

    public func saveChallenge(nonce: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError) {
        try await write("saving a login challenge") { db in
            try db.execute(sql: "INSERT INTO challenge (nonce, device, expires_at) VALUES (?, ?, ?)",
                           arguments: [Data(nonce), Data(device.bytes), expiresAt.unixMilliseconds])
        }
    }

    public func consumeChallenge(nonce: [UInt8], device: SigningPublicKey, now: Date) async throws(StorageError) -> Bool {
        let nowMs = now.unixMilliseconds
        return try await write("consuming a login challenge") { db in
            try db.execute(sql: "DELETE FROM challenge WHERE expires_at <= ?", arguments: [nowMs])
            try db.execute(sql: "DELETE FROM challenge WHERE nonce = ? AND device = ?",
                           arguments: [Data(nonce), Data(device.bytes)])
            return db.changesCount == 1
        }
    }

    public func saveToken(hash: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError) {
        try await write("saving a session token") { db in
            try db.execute(sql: "INSERT INTO token (hash, device, expires_at) VALUES (?, ?, ?)",
                           arguments: [Data(hash), Data(device.bytes), expiresAt.unixMilliseconds])
        }
    }

    public func token(hash: [UInt8]) async throws(StorageError) -> TokenRecord? {
        let row = try await read("reading a session token") { db in
            try Row.fetchOne(db, sql: "SELECT device, expires_at FROM token WHERE hash = ?", arguments: [Data(hash)])
                .map { (device: $0["device"] as Data, expiresAt: $0["expires_at"] as Int64) }
        }
        guard let row else { return nil }
        guard let device = try? SigningPublicKey(bytes: Array(row.device)) else {
            throw StorageError(.corrupt, Text(fr: "un jeton enregistré nomme une clé d'appareil de \(row.device.count) octets",
                                            en: "a stored token names a device key of \(row.device.count) bytes"))
        }
        return TokenRecord(device: device, expiresAt: Date(unixMilliseconds: row.expiresAt))
    }
}
