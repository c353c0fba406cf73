public import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// One signed link of the membership log: an event, who signed it, when, and the hash of the
/// record before it.
///
/// Like `BatchEnvelope`, the canonical bytes are what is signed, hashed and relayed, and decoding
/// is strict, so a record has exactly one byte representation. Decoding checks the signature
/// against the key named in the record; whether that key may sign this event is decided by
/// `MembershipState.apply`, from the log itself.
public struct MembershipRecord: Sendable, Equatable {
    /// The format's magic and version: "HCM" then 1.
    public static let magic: [UInt8] = [0x48, 0x43, 0x4D, 0x01]
    /// The previous hash of record 0.
    public static let genesisHash = [UInt8](repeating: 0, count: Hash.length)

    /// The record's position in the log, from 0 (the genesis record).
    public let index: UInt64
    /// BLAKE2b-256 of the previous record's bytes (`genesisHash` for record 0).
    public let previousHash: [UInt8]
    /// When the signer issued the record; never earlier than the previous record's.
    public let issuedAt: Instant
    /// The Ed25519 key that signed: the trust root, or a certified device.
    public let signer: SigningPublicKey
    /// What the record says.
    public let event: MembershipEvent
    /// Ed25519 over every byte before it.
    public let signature: [UInt8]
    /// The canonical bytes, signature included.
    public let encoded: [UInt8]

    /// BLAKE2b-256 of `encoded`: the next record's `previousHash`.
    public var hash: [UInt8] { Hash.blake2b(encoded) }

    /// Encodes and signs a record; throws if a field exceeds its limit.
    public static func sign(_ event: MembershipEvent, index: UInt64, previousHash: [UInt8], issuedAt: Instant,
                            signer: SigningKeyPair) throws(TrustError) -> MembershipRecord {
        precondition(previousHash.count == Hash.length, "previousHash is a 32-byte BLAKE2b digest")
        try checkLengths(of: event)
        let payload = event.encodePayload()
        var writer = ByteWriter(capacity: 160 + payload.count)
        writer.write(raw: magic)
        writer.write(index)
        writer.write(raw: previousHash)
        writer.write(instant: issuedAt)
        writer.write(raw: signer.publicKey.bytes)
        writer.write(event.kind.rawValue)
        writer.write(lengthPrefixed: payload)
        writer.write(raw: signer.sign(writer.bytes))
        return try MembershipRecord(verifying: writer.bytes)
    }

    /// Decodes canonical bytes and verifies the signature against `signer`; throws
    /// `.malformed`/`.tooLarge` for anything not canonical and `.badSignature` for a forgery.
    public init(verifying bytes: [UInt8]) throws(TrustError) {
        var reader = ByteReader(bytes)
        do {
            try reader.expectMagic(Self.magic, of: Text(fr: "enregistrement du registre des membres", en: "membership record"))
            index = try reader.readUInt64()
            previousHash = try reader.read(count: Hash.length)
            guard (index == 0) == (previousHash == Self.genesisHash) else {
                throw TrustError(.malformed, Text(fr: "enregistrement \(index) : l'empreinte précédente n'est faite de zéros que pour l'enregistrement 0",
                                                     en: "record \(index): the previous hash is all zeros exactly for record 0"))
            }
            issuedAt = try reader.readInstant()
            signer = try reader.readSigningKey()
            let kind = try reader.readEnum(MembershipEvent.Kind.self, field: Text(fr: "type d'enregistrement", en: "record type"))
            let payload = try reader.readLengthPrefixed(max: TrustLimits.recordPayloadBytesMax, field: Text(fr: "contenu de l'enregistrement", en: "record payload"))
            event = try MembershipEvent.decode(kind: kind, payload: payload)
        } catch let error as WireError {
            throw TrustError(error, in: Text(fr: "enregistrement du registre des membres", en: "membership record"))
        } catch let error as TrustError {
            throw error
        } catch {
            throw TrustError(.malformed, Text(fr: "enregistrement du registre des membres illisible", en: "membership record unreadable"))
        }
        let signedCount = reader.offset
        do {
            signature = try reader.read(count: SigningKeyPair.signatureLength)
            try reader.expectEnd(of: Text(fr: "signature de l'enregistrement", en: "record signature"))
        } catch {
            throw TrustError(error, in: Text(fr: "enregistrement \(index) du registre des membres", en: "membership record \(index)"))
        }
        do {
            try signer.verify(signature, of: bytes[0..<signedCount])
        } catch {
            throw TrustError(.badSignature, Text(fr: "l'enregistrement \(index) du registre des membres n'est pas signé par la clé qu'il nomme : un faux, refusé",
                                           en: "membership record \(index) is not signed by the key it names: a forgery, rejected"))
        }
        encoded = bytes
    }

    /// Records are equal when their canonical bytes are.
    public static func == (lhs: MembershipRecord, rhs: MembershipRecord) -> Bool { lhs.encoded == rhs.encoded }

    /// Refuses, before encoding, fields that the decoder would refuse for their length.
    private static func checkLengths(of event: MembershipEvent) throws(TrustError) {
        switch event {
        case let .genesis(_, name) where !(1...TrustLimits.councilNameBytesMax).contains(name.utf8.count):
            throw TrustError(.tooLarge, Text(fr: "le nom du conseil fait de 1 à \(TrustLimits.councilNameBytesMax) octets UTF-8",
                                        en: "the council name must be 1–\(TrustLimits.councilNameBytesMax) UTF-8 bytes"))
        case let .appointMember(appointment) where !(1...TrustLimits.orderNumberBytesMax).contains(appointment.orderNumber.utf8.count):
            throw TrustError(.tooLarge, Text(fr: "le numéro d'arrêté fait de 1 à \(TrustLimits.orderNumberBytesMax) octets UTF-8",
                                        en: "the order number must be 1–\(TrustLimits.orderNumberBytesMax) UTF-8 bytes"))
        case let .recordPastMandate(past) where !(1...TrustLimits.orderNumberBytesMax).contains(past.orderNumber.utf8.count):
            throw TrustError(.tooLarge, Text(fr: "le numéro d'arrêté fait de 1 à \(TrustLimits.orderNumberBytesMax) octets UTF-8",
                                        en: "the order number must be 1–\(TrustLimits.orderNumberBytesMax) UTF-8 bytes"))
        case let .appointMember(appointment) where appointment.scopes.count > TrustLimits.appointmentScopesMax:
            throw TrustError(.tooLarge, Text(fr: "une nomination donne au plus \(TrustLimits.appointmentScopesMax) portées ; ajoutez les autres par des accès",
                                        en: "an appointment grants at most \(TrustLimits.appointmentScopesMax) scopes; add the rest by grants"))
        default:
            return
        }
    }
}
