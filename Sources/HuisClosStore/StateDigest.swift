import Foundation
import GRDB
import HuisClosCrypto
import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol

/// A BLAKE2b-256 digest of the materialised state: equal digests prove two replicas equal.
///
/// Input: for each materialised table in a fixed order, its name, then every row in primary-key
/// order (SQLite's BINARY collation: byte order), each column as a type byte and its content —
/// 0 NULL; 1 INTEGER (8 bytes big-endian); 2 TEXT and 3 BLOB (4-byte length, bytes). The merge
/// writes the same columns from the same operations, so equal states give equal bytes.
extension ChangeStore {
    /// The state digest (32 bytes): of the whole replica, or of one scope's rows only (every
    /// materialised table is keyed by scope first), so two members can compare a scope they share.
    public func digest(of scope: ScopeID? = nil) throws -> [UInt8] {
        try database.read { db in
            var hasher = Hash.Hasher()
            for (table, orderBy) in StoreSchema.materialised {
                hasher.update(Array("table \(table)\n".utf8))
                let filter = scope == nil ? "" : "WHERE scope = ?"
                let rows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT * FROM \(table) \(filter) ORDER BY \(orderBy)"),
                                               arguments: StatementArguments(scope.map { [$0.rawValue] } ?? []))
                while let row = try rows.next() {
                    var bytes: [UInt8] = []
                    for value in row.databaseValues { try Self.append(value, to: &bytes) }
                    hasher.update(bytes)
                }
            }
            return hasher.finalize()
        }
    }

    /// The digest of each scope this replica holds records of.
    public func scopeDigests() throws -> [ScopeID: [UInt8]] {
        let scopes = try database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT scope FROM records ORDER BY scope") }
        return try Dictionary(uniqueKeysWithValues: scopes.map { let scope = try ScopeID($0); return (scope, try digest(of: scope)) })
    }

    private static func append(_ value: DatabaseValue, to bytes: inout [UInt8]) throws(ChangeError) {
        func length(_ count: Int) { bytes += (0..<4).reversed().map { UInt8(truncatingIfNeeded: count >> ($0 * 8)) } }
        switch value.storage {
        case .null:
            bytes.append(0)
        case let .int64(number):
            bytes.append(1)
            bytes += (0..<8).reversed().map { UInt8(truncatingIfNeeded: number >> Int64($0 * 8)) }
        case let .string(text):
            bytes.append(2)
            length(text.utf8.count)
            bytes += text.utf8
        case let .blob(data):
            bytes.append(3)
            length(data.count)
            bytes += data
        case .double:
            throw ChangeError(.malformed, Text(fr: "une table matérialisée contient une valeur REAL, que la fusion n'écrit jamais : la réplique est endommagée, resynchronisez-la",
                en: "a materialised table holds a REAL value, which the merge never writes: the replica is damaged, resync it"))
        }
    }
}
