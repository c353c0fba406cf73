public import HuisClosCrypto
import HuisClosL10n

/// A signed batch of operations: one device, one scope, one link of that device's hash chain.
///
/// The canonical encoding (Protocol/BATCHES.md) is what is signed, hashed, stored and sent; a batch
/// is never re-encoded after signing. Decoding is strict — any input that is not exactly the
/// canonical form is rejected — so one batch has exactly one byte representation.
/// The body is opaque here: plain encoded operations, or those operations sealed with the scope key.
public struct BatchEnvelope: Sendable, Equatable {
    /// The format's magic and version: "HCB" then 1.
    public static let magic: [UInt8] = [0x48, 0x43, 0x42, 0x01]
    /// The previous hash of a device's first batch in a scope.
    public static let genesisHash = [UInt8](repeating: 0, count: Hash.length)

    /// How the body is to be read.
    public enum BodyKind: UInt8, Sendable {
        /// Encoded operations in clear (public scope only).
        case plain = 0
        /// Encoded operations sealed with the scope's key for `epoch` (XChaCha20-Poly1305).
        case sealed = 1
    }

    /// The author device's Ed25519 public key: its identity.
    public let device: SigningPublicKey
    public let scope: ScopeID
    /// The scope key epoch the body is sealed under (0 for plain bodies).
    public let epoch: UInt32
    /// This device's batch number in this scope, from 1, without gaps.
    public let sequence: UInt64
    /// BLAKE2b-256 of this device's previous batch in this scope (`genesisHash` for sequence 1).
    public let previousHash: [UInt8]
    /// The index of the membership log head the author had verified when it signed: its writes
    /// are judged no earlier than that record, and refused if a later record took its right away
    /// (Protocol/TRUST.md, "Batches are judged at the log position they name").
    public let logPosition: UInt64
    public let bodyKind: BodyKind
    public let body: [UInt8]
    public let signature: [UInt8]
    /// The canonical bytes, signature included.
    public let encoded: [UInt8]

    /// BLAKE2b-256 of `encoded`: the next batch's `previousHash`.
    public var hash: [UInt8] { Hash.blake2b(encoded) }

    /// The batch's identity: pushing the same id twice is harmless.
    public var id: BatchID { BatchID(device: device, scope: scope, sequence: sequence) }

    /// Encodes and signs a new batch with the device's key, naming `logPosition`, the membership
    /// log head the device verified (0, the genesis record, where no log is kept: benchmarks and
    /// the relay's own tests).
    public static func sign(device: SigningKeyPair, scope: ScopeID, epoch: UInt32, sequence: UInt64,
                            previousHash: [UInt8], logPosition: UInt64 = 0, bodyKind: BodyKind, body: [UInt8]) throws(WireError) -> BatchEnvelope {
        precondition(previousHash.count == Hash.length, "previousHash is a 32-byte BLAKE2b digest")
        precondition(sequence >= 1, "sequences start at 1")
        guard body.count <= WireLimits.batchBodyBytesMax else {
            throw WireError(.tooLarge, Text(fr: "le corps du lot fait \(body.count) octets ; la limite est \(WireLimits.batchBodyBytesMax) : découpez la modification",
                en: "batch body is \(body.count) bytes; the limit is \(WireLimits.batchBodyBytesMax): split the change"))
        }
        var writer = ByteWriter(capacity: 160 + body.count)
        writer.write(raw: magic)
        writer.write(raw: device.publicKey.bytes)
        writer.write(UInt8(scope.rawValue.utf8.count))
        writer.write(raw: scope.rawValue.utf8)
        writer.write(epoch)
        writer.write(sequence)
        writer.write(raw: previousHash)
        writer.write(logPosition)
        writer.write(bodyKind.rawValue)
        writer.write(lengthPrefixed: body)
        let signature = device.sign(writer.bytes)
        writer.write(raw: signature)
        return try BatchEnvelope(verifying: writer.bytes)
    }

    /// Decodes canonical bytes and verifies the signature; throws `WireError` on anything else.
    public init(verifying bytes: [UInt8]) throws(WireError) {
        var reader = ByteReader(bytes)
        guard try reader.read(count: 4) == Self.magic else {
            throw WireError(.unsupportedVersion, Text(fr: "pas un lot HuisClos de version 1 (signature de format inconnue) : mettez à jour le client ou le serveur",
                en: "not a version-1 HuisClos batch (bad magic); update the client or server"))
        }
        do {
            device = try SigningPublicKey(bytes: try reader.read(count: SigningPublicKey.length))
        } catch let error as CryptoError {
            throw WireError(.malformed, Text(fr: "clé d'appareil : \(error.text.french)", en: "device key: \(error.text.english)"))
        } catch let error as WireError {
            throw error
        } catch {
            throw WireError(.malformed, Text(fr: "clé d'appareil illisible", en: "device key unreadable"))
        }
        let scopeLength = Int(try reader.readUInt8())
        let scopeBytes = try reader.read(count: scopeLength)
        scope = try ScopeID(String(decoding: scopeBytes, as: UTF8.self))
        epoch = try reader.readUInt32()
        sequence = try reader.readUInt64()
        guard sequence >= 1 else { throw WireError(.malformed, Text(fr: "numéro de lot 0 : les numéros commencent à 1", en: "batch sequence 0: sequences start at 1")) }
        previousHash = try reader.read(count: Hash.length)
        guard (sequence == 1) == (previousHash == Self.genesisHash) else {
            throw WireError(.malformed, Text(fr: "lot \(sequence) : l'empreinte précédente n'est faite de zéros que pour le lot 1, et seulement lui",
                en: "batch \(sequence): the previous hash must be all zeros exactly for sequence 1"))
        }
        logPosition = try reader.readUInt64()
        let kindByte = try reader.readUInt8()
        guard let kind = BodyKind(rawValue: kindByte) else { throw WireError(.malformed, Text(fr: "type de corps inconnu \(kindByte)", en: "unknown body kind \(kindByte)")) }
        bodyKind = kind
        guard (kind == .plain) == (epoch == 0) else {
            throw WireError(.malformed, Text(fr: "un corps en clair a l'époque 0 et un corps scellé une époque ≥ 1",
                en: "a plain body has epoch 0 and a sealed body an epoch ≥ 1"))
        }
        body = try reader.readLengthPrefixed(max: WireLimits.batchBodyBytesMax, field: Text(fr: "corps du lot", en: "batch body"))
        let signedCount = reader.offset
        signature = try reader.read(count: SigningKeyPair.signatureLength)
        try reader.expectEnd(of: Text(fr: "signature du lot", en: "batch signature"))
        do {
            try device.verify(signature, of: bytes[0..<signedCount])
        } catch {
            throw WireError(.badSignature, Text(fr: "le lot \(sequence) de \(scope) n'est pas signé par son appareil auteur : refusé",
                en: "batch \(sequence) in \(scope) is not signed by its author device: rejected"))
        }
        encoded = bytes
    }

    public static func == (lhs: BatchEnvelope, rhs: BatchEnvelope) -> Bool { lhs.encoded == rhs.encoded }
}

/// A batch's identity: (device, scope, sequence).
public struct BatchID: Hashable, Sendable {
    public let device: SigningPublicKey
    public let scope: ScopeID
    public let sequence: UInt64

    public init(device: SigningPublicKey, scope: ScopeID, sequence: UInt64) {
        self.device = device
        self.scope = scope
        self.sequence = sequence
    }
}
