public import Foundation
public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
public import HuisClosServer
public import HuisClosWire
import NIOCore
import PostgresNIO

extension PostgresServerStorage {
    public func createEnrolmentCode(hash: [UInt8], access: DeviceAccess, expiresAt: Date) async throws(StorageError) {
        let grants = bytea(StoredGrants.encode(access))
        try await write("creating an enrolment code") { connection in
            try await connection.run("""
                INSERT INTO enrolment_code (hash, grants, expires_at) VALUES (\(bytea(hash)), \(grants), \(expiresAt.unixMilliseconds))
                """, logger)
        }
    }

    public func enrolmentCodeIsLive(hash: [UInt8], now: Date) async throws(StorageError) -> Bool {
        try await read("reading an enrolment code") { connection in
            try await !connection.rows("""
                SELECT 1 FROM enrolment_code WHERE hash = \(bytea(hash)) AND used_at IS NULL AND expires_at > \(now.unixMilliseconds)
                """, logger).isEmpty
        }
    }

    public func enrol(codeHash: [UInt8], device: SigningPublicKey, agreementKey: [UInt8], now: Date)
        async throws(StorageError) -> EnrolmentOutcome
    {
        let nowMs = now.unixMilliseconds
        enum Redeemed: Sendable { case invalid, alreadyEnrolled, grants([UInt8]) }
        let redeemed = try await write("enrolling a device") { connection -> Redeemed in
            // FOR UPDATE: a second instance redeeming the same code waits, then finds it used.
            guard let grants = try await connection.value(ByteBuffer.self, """
                SELECT grants FROM enrolment_code WHERE hash = \(bytea(codeHash)) AND used_at IS NULL AND expires_at > \(nowMs)
                FOR UPDATE
                """, logger)
            else { return .invalid }
            let inserted = try await connection.rows("""
                INSERT INTO device (key, agreement_key, grants, enrolled_at)
                VALUES (\(bytea(device.bytes)), \(bytea(agreementKey)), \(grants), \(nowMs))
                ON CONFLICT (key) DO NOTHING RETURNING 1
                """, logger)
            guard !inserted.isEmpty else { return .alreadyEnrolled }
            try await connection.run("UPDATE enrolment_code SET used_at = \(nowMs) WHERE hash = \(bytea(codeHash))", logger)
            return .grants(grants.bytes)
        }
        switch redeemed {
        case .invalid: return .codeInvalid
        case .alreadyEnrolled: return .alreadyEnrolled
        case .grants(let grants): return .enrolled(try StoredGrants.decode(grants))
        }
    }

    public func device(_ key: SigningPublicKey) async throws(StorageError) -> DeviceRecord? {
        let row = try await read("reading a device") { connection -> (grants: [UInt8], revokedAt: Int64?)? in
            guard let row = try await connection.rows("SELECT grants, revoked_at FROM device WHERE key = \(bytea(key.bytes))", logger).first
            else { return nil }
            let (grants, revokedAt) = try row.decode((ByteBuffer, Int64?).self)
            return (grants.bytes, revokedAt)
        }
        guard let row else { return nil }
        return DeviceRecord(key: key, access: try StoredGrants.decode(row.grants), revokedAt: row.revokedAt.map(Date.init(unixMilliseconds:)))
    }

    public func revoke(_ key: SigningPublicKey, at time: Date) async throws(StorageError) -> Bool {
        try await write("revoking a device") { connection in
            try await !connection.rows("""
                UPDATE device SET revoked_at = \(time.unixMilliseconds) WHERE key = \(bytea(key.bytes)) AND revoked_at IS NULL RETURNING 1
                """, logger).isEmpty
        }
    }

    public func saveChallenge(nonce: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError) {
        try await write("saving a login challenge") { connection in
            try await connection.run("""
                INSERT INTO challenge (nonce, device, expires_at) VALUES (\(bytea(nonce)), \(bytea(device.bytes)), \(expiresAt.unixMilliseconds))
                """, logger)
        }
    }

    public func consumeChallenge(nonce: [UInt8], device: SigningPublicKey, now: Date) async throws(StorageError) -> Bool {
        let nowMs = now.unixMilliseconds
        return try await write("consuming a login challenge") { connection in
            try await connection.run("DELETE FROM challenge WHERE expires_at <= \(nowMs)", logger)
            return try await connection.rows("""
                DELETE FROM challenge WHERE nonce = \(bytea(nonce)) AND device = \(bytea(device.bytes)) RETURNING 1
                """, logger).count == 1
        }
    }

    public func saveToken(hash: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError) {
        try await write("saving a session token") { connection in
            try await connection.run("""
                INSERT INTO token (hash, device, expires_at) VALUES (\(bytea(hash)), \(bytea(device.bytes)), \(expiresAt.unixMilliseconds))
                """, logger)
        }
    }

    public func token(hash: [UInt8]) async throws(StorageError) -> TokenRecord? {
        let row = try await read("reading a session token") { connection -> (device: [UInt8], expiresAt: Int64)? in
            guard let row = try await connection.rows("SELECT device, expires_at FROM token WHERE hash = \(bytea(hash))", logger).first
            else { return nil }
            let (device, expiresAt) = try row.decode((ByteBuffer, Int64).self)
            return (device.bytes, expiresAt)
        }
        guard let row else { return nil }
        guard let device = try? SigningPublicKey(bytes: row.device) else {
            throw StorageError(.corrupt, Text(fr: "un jeton enregistré nomme une clé d'appareil de \(row.device.count) octets",
                                            en: "a stored token names a device key of \(row.device.count) bytes"))
        }
        return TokenRecord(device: device, expiresAt: Date(unixMilliseconds: row.expiresAt))
    }
}
