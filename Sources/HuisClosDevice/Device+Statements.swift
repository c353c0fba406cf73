import HuisClosCrypto
import HuisClosTrust

extension Device {
    /// Signs `statement` with this device's key (Ed25519, detached): a record's own proof of which
    /// device wrote it, kept beside the batch signature and checkable by every device (the
    /// president's signature of approved minutes). Each statement starts with its own header line
    /// (« HuisClos minutes approval v2 »), so it never reads as a batch or a membership record.
    public func signStatement(_ statement: String) -> [UInt8] { identity.signing.sign(Array(statement.utf8)) }
}
