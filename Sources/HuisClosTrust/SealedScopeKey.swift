public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// A scope key sealed to one device, with the issuer's signature over (recipient, scope, epoch,
/// commitment).
///
/// A sealed box alone is anonymous — anyone, the relay included, can seal a key of their choice to
/// a device — so the signature says who vouches for it, the membership log says whether that
/// device may hand out this scope's keys, and the commitment (checked against the log's and the
/// opened key) says it is the same key every member got. Layout in `Protocol/MEMBERSHIP.md`.
public struct SealedScopeKey: Sendable, Equatable {
    /// The format's magic and version: "HCK" then 1.
    public static let magic: [UInt8] = [0x48, 0x43, 0x4B, 0x01]
    /// Domain separation for the issuer's signature.
    static let statementContext = Array("HuisClos sealed scope key v1".utf8)
    /// The sealed box's size: a 32-byte key plus the box overhead.
    public static let sealedLength = ScopeKey.length + SealedBox.overhead

    /// The device the key is sealed to (its Ed25519 identity).
    public let recipient: SigningPublicKey
    /// The scope the key encrypts.
    public let scope: ScopeID
    /// The key's epoch, from 1.
    public let epoch: UInt32
    /// The commitment of the sealed key (see `ScopeKey`).
    public let commitment: [UInt8]
    /// `crypto_box_seal` of the key to the recipient's X25519 key.
    public let sealedKey: [UInt8]
    /// The device that sealed and signed it.
    public let issuer: SigningPublicKey
    /// Ed25519 by `issuer` over the statement (context, recipient, scope, epoch, commitment).
    public let signature: [UInt8]

    /// Seals `key` to `recipient` and signs the statement with `issuer`'s key.
    public static func issue(_ key: ScopeKey, to recipient: CertifiedDevice, by issuer: SigningKeyPair) throws(TrustError) -> SealedScopeKey {
        let sealed: [UInt8]
        do {
            sealed = try SealedBox.seal(key.key, to: recipient.agreementKey)
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de sceller la clé de \(key.scope) pour un appareil : \(error.text.french)",
                                             en: "could not seal the key of \(key.scope) to a device: \(error.text.english)"))
        }
        let commitment = key.commitment
        let statement = Self.statement(recipient: recipient.signingKey, scope: key.scope, epoch: key.epoch, commitment: commitment)
        return SealedScopeKey(recipient: recipient.signingKey, scope: key.scope, epoch: key.epoch, commitment: commitment,
                              sealedKey: sealed, issuer: issuer.publicKey, signature: issuer.sign(statement))
    }

    /// The bytes the issuer signs.
    static func statement(recipient: SigningPublicKey, scope: ScopeID, epoch: UInt32, commitment: [UInt8]) -> [UInt8] {
        var writer = ByteWriter(capacity: 160)
        writer.write(raw: statementContext)
        writer.write(raw: recipient.bytes)
        writer.write(scope: scope)
        writer.write(epoch)
        writer.write(raw: commitment)
        return writer.bytes
    }

    /// Throws `.badSignature` unless `issuer` signed this statement.
    public func verifySignature() throws(TrustError) {
        do {
            try issuer.verify(signature, of: Self.statement(recipient: recipient, scope: scope, epoch: epoch, commitment: commitment))
        } catch {
            throw TrustError(.badSignature, Text(fr: "la clé scellée de \(scope), époque \(epoch), n'est pas signée par l'appareil qu'elle nomme : refusée",
                                           en: "the sealed key of \(scope) epoch \(epoch) is not signed by the device it names: rejected"))
        }
    }

    /// The canonical bytes, to store or relay.
    public var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 320)
        writer.write(raw: Self.magic)
        writer.write(raw: recipient.bytes)
        writer.write(scope: scope)
        writer.write(epoch)
        writer.write(raw: commitment)
        writer.write(raw: sealedKey)
        writer.write(raw: issuer.bytes)
        writer.write(raw: signature)
        return writer.bytes
    }

    /// Decodes canonical bytes strictly. The signature and authority are checked by `ScopeKeyring.accept`.
    public init(decoding bytes: [UInt8]) throws(TrustError) {
        var reader = ByteReader(bytes)
        do throws(WireError) {
            try reader.expectMagic(Self.magic, of: Text(fr: "clé de portée scellée", en: "sealed scope key"))
            recipient = try reader.readSigningKey()
            scope = try reader.readScope()
            epoch = try reader.readUInt32()
            guard epoch >= 1 else { throw WireError(.malformed, Text(fr: "les époques commencent à 1", en: "epochs start at 1")) }
            commitment = try reader.read(count: Hash.length)
            sealedKey = try reader.read(count: Self.sealedLength)
            issuer = try reader.readSigningKey()
            signature = try reader.read(count: SigningKeyPair.signatureLength)
            try reader.expectEnd(of: Text(fr: "clé de portée scellée", en: "sealed scope key"))
        } catch {
            throw TrustError(error, in: Text(fr: "clé de portée scellée", en: "sealed scope key"))
        }
    }

    private init(recipient: SigningPublicKey, scope: ScopeID, epoch: UInt32, commitment: [UInt8], sealedKey: [UInt8],
                 issuer: SigningPublicKey, signature: [UInt8]) {
        self.recipient = recipient
        self.scope = scope
        self.epoch = epoch
        self.commitment = commitment
        self.sealedKey = sealedKey
        self.issuer = issuer
        self.signature = signature
    }
}
