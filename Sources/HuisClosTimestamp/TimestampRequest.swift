import SwiftASN1

/// An RFC 3161 TimeStampReq (§2.4.1) over a digest the caller computed: version 1, the message
/// imprint, a nonce (so an old answer cannot be replayed) and certReq (the TSA puts its certificate
/// in the token, for offline verification).
public struct TimestampRequest: Sendable, Equatable {
    public let digest: TimestampDigest
    /// The hash being time-stamped.
    public let imprint: [UInt8]
    /// A random positive integer, big-endian; the token must carry it back.
    public let nonce: [UInt8]

    /// A request for `imprint` (a `digest` hash); `nonce` from the caller's randomness (8 bytes or more).
    public init(imprint: [UInt8], digest: TimestampDigest, nonce: [UInt8]) {
        self.imprint = imprint
        self.digest = digest
        // DER INTEGER: strip leading zeros, and keep it positive.
        var nonce = Array(nonce.drop { $0 == 0 })
        if nonce.isEmpty { nonce = [1] }
        if nonce[0] & 0x80 != 0 { nonce.insert(0, at: 0) }
        self.nonce = nonce
    }

    /// The DER bytes sent as `application/timestamp-query`.
    public func der() throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try MessageImprint(digest: digest, hash: imprint).serialize(into: &coder)
            try coder.serialize(ArraySlice(nonce))
            try coder.serialize(true)
        }
        return coder.serializedBytes
    }
}

/// MessageImprint ::= SEQUENCE { hashAlgorithm AlgorithmIdentifier, hashedMessage OCTET STRING }.
struct MessageImprint: Equatable {
    let digestOID: ASN1ObjectIdentifier
    let hash: [UInt8]

    init(digest: TimestampDigest, hash: [UInt8]) {
        digestOID = digest.oid
        self.hash = hash
    }

    init(derEncoded nodes: inout ASN1NodeCollection.Iterator) throws {
        (digestOID, hash) = try DER.sequence(of: nodes.next(), named: "MessageImprint") { nodes in
            let oid = try AlgorithmIdentifierNode.oid(nodes.next())
            let hash = try ASN1OctetString(derEncoded: &nodes)
            return (oid, Array(hash.bytes))
        }
    }

    func serialize(into coder: inout DER.Serializer) throws {
        try coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.appendConstructedNode(identifier: .sequence) { coder in
                try coder.serialize(digestOID)
                try coder.serialize(ASN1Null())
            }
            try coder.serialize(ASN1OctetString(contentBytes: ArraySlice(hash)))
        }
    }
}
