public import HuisClosCrypto

/// The bytes a device signs to log in: a domain-separated challenge, never a bare nonce.
///
/// The prefix makes a login signature useless as a batch signature or any other signed message,
/// and binding the device key stops a signature being replayed for another device.
public enum LoginProof {
    /// The domain-separation prefix (ASCII, NUL-terminated).
    public static let prefix: [UInt8] = Array("HuisClos-login-v1".utf8) + [0]

    /// `prefix ‖ nonce ‖ device key`.
    public static func message(nonce: [UInt8], device: SigningPublicKey) -> [UInt8] {
        prefix + nonce + device.bytes
    }

    /// The signature a device sends for `nonce`.
    public static func sign(nonce: [UInt8], with device: SigningKeyPair) -> [UInt8] {
        device.sign(message(nonce: nonce, device: device.publicKey))
    }
}
