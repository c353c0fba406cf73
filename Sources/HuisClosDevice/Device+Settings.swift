import Foundation
import GRDB
import HuisClosReplica

extension Device {
    /// This device's own setting `name` (its bytes as last set), kept inside the encrypted replica
    /// and never synced: what belongs to one device, such as the secretariat's mail server.
    public func localSetting(_ name: String) throws -> [UInt8]? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM device_setting WHERE name = ?", arguments: [name]).map { [UInt8]($0) }
        }
    }

    /// Sets (or, with nil, removes) this device's own setting `name`.
    public func setLocalSetting(_ name: String, _ value: [UInt8]?) throws {
        try database.write { db in
            if let value {
                try db.execute(sql: "INSERT OR REPLACE INTO device_setting (name, value) VALUES (?, ?)", arguments: [name, Data(value)])
            } else {
                try db.execute(sql: "DELETE FROM device_setting WHERE name = ?", arguments: [name])
            }
        }
    }
}
