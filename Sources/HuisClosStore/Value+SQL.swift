import Foundation
import GRDB
import HuisClosEngine
import HuisClosL10n

/// How values sit in the materialised tables: `value_type` (the `Value.Kind` byte) plus `value`
/// in the column type SQL queries expect.
///
/// null → NULL, bool → 0/1, integer → INTEGER, text → TEXT, bytes → BLOB,
/// file → BLOB of content hash (32) ‖ size (8, big-endian).
extension Value {
    /// A file reference's column bytes: content hash ‖ size (8 bytes, big-endian).
    static func fileColumn(_ file: FileReference) -> [UInt8] {
        file.contentHash + (0..<8).reversed().map { UInt8(truncatingIfNeeded: file.size >> UInt64($0 * 8)) }
    }

    /// Reads a value back from its two columns; throws `.malformed` if they disagree (a damaged
    /// or hand-edited replica).
    init(type: Int64, stored: DatabaseValue) throws(ChangeError) {
        let damaged = ChangeError(.malformed, Text(fr: "une valeur enregistrée ne correspond pas à son type \(type) : la réplique est endommagée, resynchronisez-la",
            en: "a stored value does not match its type \(type): the replica is damaged, resync it"))
        guard let byte = UInt8(exactly: type), let kind = Value.Kind(rawValue: byte) else { throw damaged }
        switch (kind, stored.storage) {
        case (.null, .null):
            self = .null
        case let (.bool, .int64(number)) where number == 0 || number == 1:
            self = .bool(number == 1)
        case let (.integer, .int64(number)):
            self = .integer(number)
        case let (.text, .string(text)):
            self = .text(text)
        case let (.bytes, .blob(data)):
            self = .bytes([UInt8](data))
        case let (.file, .blob(data)) where data.count == FileReference.hashLength + 8:
            let bytes = [UInt8](data)
            let size = bytes[FileReference.hashLength...].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            self = .file(try FileReference(contentHash: Array(bytes[..<FileReference.hashLength]), size: size))
        default:
            throw damaged
        }
    }
}

extension Timestamp {
    /// Reads a BLOB column back (NULL → nil).
    static func from(_ stored: DatabaseValue) throws(ChangeError) -> Timestamp? {
        switch stored.storage {
        case .null: return nil
        case let .blob(data): return try Timestamp(encoded: [UInt8](data))
        default: throw ChangeError(.malformed, Text(fr: "un horodatage enregistré n'est pas un BLOB : la réplique est endommagée, resynchronisez-la",
            en: "a stored timestamp is not a BLOB: the replica is damaged, resync it"))
        }
    }
}
