import Foundation
import GRDB
@testable import HuisClosDossiers
import HuisClosStore
import Testing

/// Low finding of issue 11: FTS5 keeps a deleted row's terms in its index segments (`*_data`)
/// until they are merged; a version dropped from the index (scope lost, member removed) must
/// leave none of its words in any of the index's tables.
@Suite struct DossierIndexEraseTests {
    static let marker = "xylophonequintessentiel"

    /// True when a value of any row of the full-text index's shadow tables holds `marker`.
    static func shadowTablesHold(_ marker: String, in database: any DatabaseWriter) throws -> Bool {
        let needle = Array(marker.utf8)
        return try database.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'dossier_fulltext_%'")
            #expect(tables.contains("dossier_fulltext_data"))
            for table in tables {
                for row in try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"") {
                    for value in row.databaseValues {
                        let bytes: [UInt8]
                        switch value.storage {
                        case .blob(let data): bytes = [UInt8](data)
                        case .string(let text): bytes = Array(text.utf8)
                        default: continue
                        }
                        if bytes.count >= needle.count,
                           (0...(bytes.count - needle.count)).contains(where: { bytes[$0..<$0 + needle.count].elementsEqual(needle) }) {
                            return true
                        }
                    }
                }
            }
            return false
        }
    }

    @Test func aDroppedVersionLeavesNoTermInTheFullTextIndexTables() async throws {
        let store = try Council.stores(1)[0]
        let library = DossierLibrary(store: store)
        try await library.addVersion(of: "etude", title: "Étude", attachedTo: "agenda:s1/1", fileName: "e.txt", mediaType: "text/plain",
                                     content: .bytes(Array("Note \(Self.marker) confidentielle.".utf8))) { _, _ in }
        let index = DossierIndex(database: try store.database)
        #expect(try index.search(Self.marker).count == 1)
        #expect(try Self.shadowTablesHold(Self.marker, in: store.database), "the scan finds the term while it is indexed")

        try index.retain(versions: [])
        #expect(try index.search(Self.marker).isEmpty)
        #expect(try !Self.shadowTablesHold(Self.marker, in: store.database), "the dropped version's term is still in the index")
    }
}
