import GRDB
import HuisClosProtocol
import HuisClosTrust

extension Device {
    /// Erases, with secure delete, every scope the verified log no longer lets this device read —
    /// its records (dossier titles, file names, sizes, séances, notes), batches, arrival times and
    /// pull cursor (a scope where this device still has writes to push waits for them: `ChangeStore.forget`) —
    /// so a resigned member or one removed from a group keeps nothing of it, not only no content.
    /// The public scope is kept (it is public). A scope regained later is pulled again from its start.
    func forgetLostScopes() async throws -> [ScopeID] {
        let kept = context.membership.readableScopes(of: certificate.signingKey, at: context.readingInstant).union([.public])
        let lost = try store.forget(scopesOutside: kept)
        guard !lost.isEmpty else { return [] }
        try await replica.database.write { db in
            for scope in lost {
                try db.execute(sql: "DELETE FROM device_cursor WHERE scope = ?", arguments: [scope.rawValue])
                try db.execute(sql: "DELETE FROM device_batch_arrival WHERE scope = ?", arguments: [scope.rawValue])
            }
        }
        return lost
    }
}
