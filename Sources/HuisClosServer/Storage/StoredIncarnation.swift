import GRDB
import HuisClosCrypto
import HuisClosL10n
import HuisClosWire

/// The relay's incarnation (`HuisClos-Incarnation`, PROTOCOL.md) as its storage keeps it: one row
/// of `relay_incarnation`, drawn when the storage is created and drawn again by every restore, so
/// devices learn that the relay may have lost what they gave it since the backup.
public enum StoredIncarnation {
    /// The table both backends keep it in (outside the numbered migrations, like
    /// `CouncilIdentity`'s: an older binary of a rolling upgrade ignores it).
    public static let tableName = "relay_incarnation"

    /// A fresh incarnation: 16 random bytes in lowercase hex.
    public static func draw() throws(StorageError) -> String {
        do {
            return Hex.encode(try Sodium.randomBytes(16))
        } catch {
            throw StorageError(.unavailable, Text(fr: "impossible de tirer l'incarnation du relais au hasard : vérifiez que /dev/urandom se lit",
                                                  en: "cannot draw the relay's incarnation: \(error.message)"))
        }
    }

    /// The incarnation `db` records, recording a fresh one when it has none (a new database, or
    /// one written by a binary older than incarnations).
    static func claim(_ db: Database) throws -> String {
        try db.execute(sql: "CREATE TABLE IF NOT EXISTS \(tableName) (value TEXT NOT NULL)")
        if let found = try String.fetchOne(db, sql: "SELECT value FROM \(tableName)") { return found }
        let fresh = try draw()
        try db.execute(sql: "INSERT INTO \(tableName) (value) VALUES (?)", arguments: [fresh])
        return fresh
    }

    /// Gives `db` a fresh incarnation: what a restore does to the copy it puts in place.
    static func renew(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE IF EXISTS \(tableName)")
        _ = try claim(db)
    }
}
