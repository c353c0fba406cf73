import Foundation
import HuisClosL10n
import HuisClosProtocol
public import HuisClosWire

/// How every backend stores a device's grants: the `EnrolResponse` message's bytes, so the
/// stored form is the wire's, checked by the same decoder on read.
public enum StoredGrants {
    /// The bytes to store for `access`.
    public static func encode(_ access: DeviceAccess) -> [UInt8] {
        var message = Huisclos_V1_EnrolResponse()
        message.grants = access.grants
        return message.wireBytes()
    }

    /// The grants stored as `bytes`; `.corrupt` when they do not decode (the database was altered).
    public static func decode(_ bytes: [UInt8]) throws(StorageError) -> DeviceAccess {
        do {
            let message = try Huisclos_V1_EnrolResponse(wire: bytes, limit: WireLimits.controlMessageBytesMax)
            return try DeviceAccess(grants: message.grants)
        } catch {
            throw StorageError(.corrupt, Text(fr: "des accès enregistrés ne se lisent pas (\(error.code.rawValue))",
                                              en: "stored grants do not decode (\(error.code.rawValue))"))
        }
    }
}
