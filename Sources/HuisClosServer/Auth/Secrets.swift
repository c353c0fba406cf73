import HuisClosCrypto
import HuisClosWire

/// Random secrets the server hands out once and keeps only as hashes: tokens and enrolment codes.
enum Secrets {
    /// A bearer token's random bytes: 256 bits, unguessable.
    static let tokenBytes = 32
    /// An enrolment code's random bytes: 80 bits as 16 characters a person can type, plenty for a
    /// single-use code that expires and is checked online.
    static let codeBytes = 10
    /// Crockford's base-32 alphabet: no I, L, O, U, so a code read aloud is not misread.
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// A new bearer token (hex) and the hash to store.
    static func newToken() throws(CryptoError) -> (token: String, hash: [UInt8]) {
        let bytes = try Sodium.randomBytes(tokenBytes)
        return (Hex.encode(bytes), Hash.blake2b(bytes))
    }

    /// The stored hash of a presented token; nil when it is not a well-formed token.
    static func tokenHash(_ token: some StringProtocol) -> [UInt8]? {
        guard token.utf8.count == tokenBytes * 2, let bytes = Hex.decode(token) else { return nil }
        return Hash.blake2b(bytes)
    }

    /// A new enrolment code, `XXXX-XXXX-XXXX-XXXX`, and the hash to store.
    static func newEnrolmentCode() throws(CryptoError) -> (code: String, hash: [UInt8]) {
        let bytes = try Sodium.randomBytes(codeBytes)
        var bits = 0
        var buffer: UInt32 = 0
        var characters: [UInt8] = []
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                bits -= 5
                characters.append(alphabet[Int((buffer >> UInt32(bits)) & 31)])
            }
        }
        let groups = stride(from: 0, to: characters.count, by: 4).map { String(decoding: characters[$0..<$0 + 4], as: UTF8.self) }
        let code = groups.joined(separator: "-")
        return (code, enrolmentCodeHash(code))
    }

    /// The stored hash of a typed code: case and dashes do not matter.
    static func enrolmentCodeHash(_ code: String) -> [UInt8] {
        let normalised = code.uppercased().utf8.filter { $0 != UInt8(ascii: "-") && $0 != UInt8(ascii: " ") }
        return Hash.blake2b(Array("HuisClos-enrolment-v1".utf8) + [0] + normalised)
    }
}
