import Foundation
import HuisClosCrypto
public import HuisClosTrust

/// The president's device signature over an approved procès-verbal's statement, as every device
/// and the relay's public site judge it: the one rule for "signed by the president".
///
/// Published with the minutes (`PublishedMinutes.signature`) so that the public site checks it
/// against the membership log it holds, rather than trusting the device that published.
public struct MinutesSignature: Sendable, Equatable, Codable {
    /// The signing device's Ed25519 public key.
    public let signer: [UInt8]
    /// Its signature over the approval statement (`PublishedMinutes.approvalStatement`).
    public let signature: [UInt8]
    /// When it was written, as the signing device stated it (Unix ms): the instant its role is judged at.
    public let signedAtMs: UInt64
    /// The RFC 3161 token over the statement and this signature, DER, when the council time-stamps.
    public let token: [UInt8]?

    public init(signer: [UInt8], signature: [UInt8], signedAtMs: UInt64, token: [UInt8]?) {
        (self.signer, self.signature, self.signedAtMs, self.token) = (signer, signature, signedAtMs, token)
    }

    /// The member whose device made this signature over `statement`, when at `instant` the device
    /// was valid in `membership` (certified by then, not revoked, certified for the role its member
    /// held then), approved by its member, and that member was president; nil otherwise. Devices
    /// judge at `signedAt` (the write rules held the writing device to that role then); the public
    /// site at the relay's arrival time (`signingMember(of:membership:receivedAt:)`).
    public func signingMember(of statement: String, membership: MembershipState, at instant: Instant) -> MemberID? {
        guard let key = try? SigningPublicKey(bytes: signer), let member = membership.certificate(of: key)?.member,
              membership.isDeviceValid(key, at: instant), membership.isApproved(key, at: instant),
              membership.role(of: member, at: instant) == .president,
              (try? key.verify(signature, of: Array(statement.utf8))) != nil else { return nil }
        return member
    }

    /// The member as the public site judges it, the publication having reached the relay at
    /// `receivedAt`: the one instant the publishing and signing devices do not choose. The signing
    /// device states `signedAtMs` itself, so a key that is no longer the president's (or was revoked)
    /// could sign a statement dated back to its presidency; judged at `receivedAt`, it is refused.
    /// The stated time may not come after `receivedAt` by more than the usual clock skew.
    public func signingMember(of statement: String, membership: MembershipState, receivedAt: Instant) -> MemberID? {
        guard signedAt <= receivedAt.adding(seconds: TrustLimits.recordClockSkewSecondsMax) else { return nil }
        return signingMember(of: statement, membership: membership, at: receivedAt)
    }

    /// The signing instant, to the second.
    public var signedAt: Instant { Instant(unixSeconds: Int64(signedAtMs / 1000)) }

    private enum CodingKeys: String, CodingKey { case signer, signature, signedAtMs, token }

    /// Keys, signature and token travel as base64 text.
    public init(from decoder: any Decoder) throws {
        let values = try decoder.container(keyedBy: CodingKeys.self)
        func bytes(_ key: CodingKeys) throws -> [UInt8]? {
            guard let text = try values.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let data = Data(base64Encoded: text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: values, debugDescription: "not base64")
            }
            return Array(data)
        }
        guard let signer = try bytes(.signer), let signature = try bytes(.signature) else {
            throw DecodingError.dataCorruptedError(forKey: .signature, in: values, debugDescription: "signer and signature required")
        }
        self.init(signer: signer, signature: signature, signedAtMs: try values.decode(UInt64.self, forKey: .signedAtMs), token: try bytes(.token))
    }

    public func encode(to encoder: any Encoder) throws {
        var values = encoder.container(keyedBy: CodingKeys.self)
        try values.encode(Data(signer).base64EncodedString(), forKey: .signer)
        try values.encode(Data(signature).base64EncodedString(), forKey: .signature)
        try values.encode(signedAtMs, forKey: .signedAtMs)
        try values.encodeIfPresent(token.map { Data($0).base64EncodedString() }, forKey: .token)
    }
}
