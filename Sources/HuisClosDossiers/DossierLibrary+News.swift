import GRDB
public import HuisClosL10n
import HuisClosProtocol
import HuisClosStore

/// New versions as notifications: a version another device recorded is "new" on this replica
/// until the member marks it seen. The seen marks are local (a table in the encrypted replica,
/// not synced): each device tells its own member.
extension DossierLibrary {
    /// Versions of this scope's dossiers not yet marked seen on this replica, oldest first.
    /// Reads only, so listing works on a device that cannot write.
    public func unseenVersions() throws -> [DossierVersion] {
        let seen = try store.database.read { db in
            try Set(SeenVersion.filter(SeenVersion.Columns.scope == scope.rawValue).fetchAll(db))
        }
        return try list().flatMap(\.versions).filter { !seen.contains(SeenVersion(scope: scope.rawValue, dossier: $0.dossier, version: $0.number)) }
    }

    /// Marks `versions` seen when this device can write; never throws, so a read that succeeded
    /// is not reported as failed: returns nil when marked, otherwise why not (the versions stay
    /// "new" and the next read marks them).
    public func markSeenWhenPossible(_ versions: [DossierVersion]) -> Text? {
        do {
            try markSeen(versions)
            return nil
        } catch {
            let why = Text(explaining: error)
            return Text(fr: "Lu, mais pas marqué comme vu sur cet appareil (\(why.french)) : la version reste « nouveau » jusqu'à une prochaine lecture. Vérifiez la place libre.",
                        en: "Read, but not marked seen on this device (\(why.english)): the version stays 'new' until it is read again. Check free space.")
        }
    }

    /// Marks `versions` seen on this replica.
    public func markSeen(_ versions: [DossierVersion]) throws {
        try store.database.write { db in
            for version in versions {
                try SeenVersion(scope: scope.rawValue, dossier: version.dossier, version: version.number).insert(db, onConflict: .ignore)
            }
        }
    }

    /// Drops the seen marks of every scope outside `scopes` (a scope the device lost: its dossier
    /// ids leave the device with its records), zeroing the freed pages.
    static func retainSeen(scopes: Set<ScopeID>, in database: any DatabaseWriter) throws {
        try database.writeWithoutTransaction { db in
            let lost = try String.fetchAll(db, sql: "SELECT DISTINCT scope FROM dossier_seen").filter { scope in !scopes.contains { $0.rawValue == scope } }
            guard !lost.isEmpty else { return }
            try db.execute(sql: "PRAGMA secure_delete = ON")
            defer { try? db.execute(sql: "PRAGMA secure_delete = OFF") }
            for scope in lost { try SeenVersion.filter(SeenVersion.Columns.scope == scope).deleteAll(db) }
        }
    }
}

/// A version marked seen on this replica: a row of `dossier_seen` (the table comes from `DossierSchema`).
struct SeenVersion: Hashable, Codable, FetchableRecord, PersistableRecord {
    let scope: String
    let dossier: String
    let version: Int

    static let databaseTableName = "dossier_seen"

    enum Columns {
        static let scope = Column(CodingKeys.scope)
    }
}
