import HuisClosCrypto
public import SwiftASN1

/// The digests a time-stamp is requested over and a token may be signed with (RFC 3161 §2.4.1,
/// RFC 5652 §5.4): SHA-256 and SHA-512, through libsodium.
public enum TimestampDigest: String, Sendable, CaseIterable, Codable {
    case sha256, sha512

    /// The algorithm's object identifier (NIST, RFC 5754).
    public var oid: ASN1ObjectIdentifier {
        switch self {
        case .sha256: [2, 16, 840, 1, 101, 3, 4, 2, 1]
        case .sha512: [2, 16, 840, 1, 101, 3, 4, 2, 3]
        }
    }

    /// The digest of `bytes`.
    public func hash(_ bytes: some Collection<UInt8>) -> [UInt8] {
        switch self {
        case .sha256: SHA2.sha256(Array(bytes))
        case .sha512: SHA2.sha512(Array(bytes))
        }
    }

    /// The digest named by `oid`, nil for any other.
    init?(oid: ASN1ObjectIdentifier) {
        guard let match = Self.allCases.first(where: { $0.oid == oid }) else { return nil }
        self = match
    }
}
