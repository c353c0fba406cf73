import Foundation
import GRDB
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Testing

/// Issue 19, item 9: a scope the device lost leaves it whole — records (titles included),
/// batches, held batches — and the freed pages are zeroed, so its words are not in the file.
@Suite struct ForgetScopeTests {
    static let marker = "titreconfidentielxq7"

    @Test func forgettingAScopeErasesItsRecordsAndZeroesTheirBytesInTheFile() throws {
        let folder = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("replica.sqlite")
        let device = try StoreFixtures.device(1)
        let database = try DatabaseQueue(path: file.path)
        // Some builds of SQLite (Debian's) delete securely by default: off here, so only `forget` turns it on.
        try database.writeWithoutTransaction { try $0.execute(sql: "PRAGMA secure_delete = OFF") }
        let store = try StoreFixtures.store(device, devices: [device], clock: ManualClock(StoreFixtures.start), database: database)
        let group = try ScopeID("group:mobilite")
        try store.commitLocal([.set(try StoreFixtures.record("etude"), field: "title", value: .text("Étude \(Self.marker)"))], scope: group)
        try store.commitLocal([.set(try StoreFixtures.record("budget"), field: "title", value: .text("Budget"))], scope: .council)
        #expect(try Data(contentsOf: file).range(of: Data(Self.marker.utf8)) != nil, "the scan finds the title while it is held")
        #expect(try store.forget(scopesOutside: [.council, .public]).isEmpty,
                "a scope with unpushed writes waits: they exist nowhere else, and the scope may be regained")
        try store.acknowledge(scope: group, upTo: 1)
        try store.acknowledge(scope: .council, upTo: 1)

        #expect(try store.forget(scopesOutside: [.council, .public]) == [group])
        let left = try store.database.read { db in try String.fetchAll(db, sql: "SELECT DISTINCT scope FROM records UNION SELECT scope FROM batches") }
        #expect(left == ["council"])
        #expect(try Data(contentsOf: file).range(of: Data(Self.marker.utf8)) == nil, "the lost scope's title is still in the file")
        #expect(try store.forget(scopesOutside: [.council]).isEmpty, "nothing more to forget")
    }
}
