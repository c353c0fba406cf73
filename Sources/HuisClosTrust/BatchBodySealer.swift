public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// Seals and opens the body of a confidential batch: the engine's encoded operations, padded to a
/// size bucket, encrypted with XChaCha20-Poly1305 under the scope key of an epoch.
///
/// The associated data binds (scope, epoch, author device, sequence), the same fields as the batch
/// header, so a body moved to another scope, epoch, device or position fails to open instead of
/// being merged under a false identity. The nonce is random per body (24 bytes). The change
/// engine's body codec calls these two functions; the result goes in `BatchEnvelope.body` with
/// `bodyKind == .sealed`.
public enum BatchBodySealer {
    /// Domain separation: these associated data are never those of any other AEAD use.
    static let context = Array("HuisClos batch body v1".utf8)

    /// Encrypts `ops` for a batch by `device` at `sequence` in `scope` under `epoch`'s key.
    ///
    /// Throws `.keyUnavailable` if the keyring lacks the key, `.staleEpoch` if the scope has moved
    /// on to a newer epoch, `.tooLarge` above `TrustLimits.sealedOpsBytesMax`. `device` must be
    /// the keyring's own device: a device only writes its own batches.
    public static func seal(ops: [UInt8], scope: ScopeID, epoch: UInt32, device: SigningPublicKey, sequence: UInt64,
                            keyring: ScopeKeyring) throws(TrustError) -> [UInt8] {
        precondition(device == keyring.device.signing.publicKey, "a device seals only its own batches")
        guard scope != .public else { throw TrustError(.notAuthorised, Text(fr: "la portée publique n'est jamais chiffrée : envoyez son contenu en clair",
                                                                            en: "the public scope is never encrypted: send its body plain")) }
        guard ops.count <= TrustLimits.sealedOpsBytesMax else {
            throw TrustError(.tooLarge, Text(
                fr: "les opérations font \(ops.count) octets ; un contenu scellé en tient au plus \(TrustLimits.sealedOpsBytesMax) : "
                    + "découpez la modification ou envoyez le contenu comme fichier",
                en: "the operations take \(ops.count) bytes; a sealed body holds at most "
                    + "\(TrustLimits.sealedOpsBytesMax): split the change or send the content as a file"))
        }
        let key = try keyring.writeKey(scope: scope, epoch: epoch)
        var padded = BodyPadding.pad(ops)
        defer { padded.wipe() }  // plaintext copy: erase it once sealed
        do {
            return try AEAD.seal(padded, associatedData: associatedData(scope: scope, epoch: epoch, device: device, sequence: sequence), key: key)
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de sceller le contenu du lot : \(error.text.french)",
                                                   en: "could not seal the batch body: \(error.text.english)"))
        }
    }

    /// Decrypts a sealed body and removes its padding; throws `.keyUnavailable` if this device
    /// holds no key for `epoch`, `.decryptionFailed` if the body was altered or belongs to another
    /// (scope, epoch, device, sequence), `.malformed` if the padding is not canonical.
    public static func open(body: [UInt8], scope: ScopeID, epoch: UInt32, device: SigningPublicKey, sequence: UInt64,
                            keyring: ScopeKeyring) throws(TrustError) -> [UInt8] {
        let key = try keyring.readKey(scope: scope, epoch: epoch)
        var padded: [UInt8]
        do {
            padded = try AEAD.open(body, associatedData: associatedData(scope: scope, epoch: epoch, device: device, sequence: sequence), key: key)
        } catch {
            throw TrustError(.decryptionFailed, Text(
                fr: "le lot \(sequence) de \(scope), époque \(epoch), ne s'ouvre pas : altéré, ou déplacé depuis une autre portée, époque ou un autre appareil",
                en: "batch \(sequence) in \(scope) epoch \(epoch) does not open: altered, or moved from another scope, epoch or device"))
        }
        defer { padded.wipe() }
        return try BodyPadding.unpad(padded)
    }

    /// Opens the body of a verified batch envelope with its own header fields.
    public static func open(_ batch: BatchEnvelope, keyring: ScopeKeyring) throws(TrustError) -> [UInt8] {
        guard batch.bodyKind == .sealed else { throw TrustError(.malformed, Text(fr: "le lot \(batch.sequence) de \(batch.scope) n'est pas scellé",
                                                                                 en: "batch \(batch.sequence) in \(batch.scope) is not sealed")) }
        return try open(body: batch.body, scope: batch.scope, epoch: batch.epoch, device: batch.device, sequence: batch.sequence, keyring: keyring)
    }

    /// The associated data: context, scope, epoch, device, sequence.
    static func associatedData(scope: ScopeID, epoch: UInt32, device: SigningPublicKey, sequence: UInt64) -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        writer.write(raw: context)
        writer.write(scope: scope)
        writer.write(epoch)
        writer.write(raw: device.bytes)
        writer.write(sequence)
        return writer.bytes
    }
}
