public import Foundation
import HuisClosL10n

/// Which council a storage belongs to: recorded in it when it is created (the SQLite file's, or
/// the PostgreSQL schema's, `council_identity` table) and checked at every open and restore, so
/// one council's devices, log and ciphertext never serve another council's admin token.
public struct CouncilIdentity: Sendable, Equatable, CustomStringConvertible {
    /// The council; nil for the default council.
    public let council: CouncilID?
    /// Drawn when the storage was created: tells apart two councils that had the same identifier
    /// at different times.
    public let uuid: UUID

    /// An identity.
    public init(council: CouncilID?, uuid: UUID) {
        self.council = council
        self.uuid = uuid
    }

    /// The table both backends keep it in (outside the numbered migrations: an older binary of a
    /// rolling upgrade ignores it).
    public static let tableName = "council_identity"

    /// How a council is written in that table: its identifier, empty for the default council.
    public var storedName: String { council?.rawValue ?? "" }

    /// The identity read back from its table's columns; nil when they do not decode.
    public init?(storedName: String, uuid text: String) {
        guard let uuid = UUID(uuidString: text) else { return nil }
        if storedName.isEmpty {
            council = nil
        } else {
            guard let council = try? CouncilID(storedName) else { return nil }
            self.council = council
        }
        self.uuid = uuid
    }

    public var description: String { "\(council.map { "council \($0)" } ?? "the default council") (\(uuid.uuidString.lowercased()))" }

    /// Throws `otherCouncil` unless this identity, read in `database`, is `expected`'s.
    public func require(_ expected: CouncilID?, database: String) throws(StorageError) {
        guard council != expected else { return }
        throw StorageError(.otherCouncil, Text(
            fr: "\(database) contient \(self), pas \(expected.map { "le conseil \($0)" } ?? "le conseil par défaut") : "
                + "il donnerait les appareils et le journal de ce conseil-là à celui-ci. Remettez la base propre du conseil "
                + "(ou sa sauvegarde : huisclos-server restore), ou pointez le relais vers le bon dossier ou la bonne base",
            en: "\(database) holds \(self), not \(expected.map { "council \($0)" } ?? "the default council"): "
                + "it would hand that council's devices and log to this one. Put back the council's own database "
                + "(or its backup: huisclos-server restore), or point the relay at the right folder or database"))
    }
}
