public import HuisClosCrypto

/// A device's fingerprint, as a person reads and compares it: the first 10 bytes of BLAKE2b-256
/// of its Ed25519 signing key, written as 5 groups of 4 lowercase hex digits
/// ("3f2a-9c01-77de-0b5e-a4c8").
///
/// Shown at enrolment, by `status` and in the device list, and typed back to approve a device:
/// 80 bits, so nobody can make a second key with the fingerprint of a given one.
public struct DeviceFingerprint: Sendable, Hashable, CustomStringConvertible {
    /// How many bytes of the digest are shown.
    public static let byteCount = 10

    /// The fingerprint's bytes.
    public let bytes: [UInt8]

    /// The fingerprint of `key`.
    public init(of key: SigningPublicKey) {
        bytes = Array(Hash.blake2b(key.bytes).prefix(Self.byteCount))
    }

    /// Reads a fingerprint as a person types it: hex digits, any case, with or without dashes or
    /// spaces between groups; nil for anything else.
    public init?(parsing text: String) {
        let digits = text.lowercased().filter { $0 != "-" && $0 != " " }
        guard digits.count == 2 * Self.byteCount, digits.allSatisfy(\.isHexDigit) else { return nil }
        var bytes: [UInt8] = []
        var index = digits.startIndex
        while index < digits.endIndex {
            let next = digits.index(index, offsetBy: 2)
            guard let byte = UInt8(digits[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.bytes = bytes
    }

    /// "xxxx-xxxx-xxxx-xxxx-xxxx".
    public var description: String {
        let hex = bytes.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        return stride(from: 0, to: hex.count, by: 4).map { offset in
            String(hex.dropFirst(offset).prefix(4))
        }.joined(separator: "-")
    }
}
