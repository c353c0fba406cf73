import HuisClosCrypto
import HuisClosProtocol

/// The previous epoch's key of a scope, sealed under the new epoch's key: the "key chain".
///
/// Published once per rotation (not per device): whoever holds epoch N's key can recover epoch
/// N−1's, then N−2's through the earlier links, so history stays readable to every device still
/// entitled, and a device added later needs only the current key. A removed party gets no new key
/// and so cannot follow the chain forward. The recovered key is checked against the commitment
/// the membership log pins for its epoch, so a link cannot substitute a key.
public struct KeyChainLink: Sendable, Equatable {
    /// The format's magic and version: "HCL" then 1.
    public static let magic: [UInt8] = [0x48, 0x43, 0x4C, 0x01]
    static let context = Array("HuisClos key chain link v1".utf8)
    /// The sealed previous key: AEAD nonce, 32-byte key, tag.
    public static let sealedLength = ScopeKey.length + AEAD.overhead

    /// The scope whose keys are chained.
    public let scope: ScopeID
    /// The new epoch, whose key seals the key of `epoch - 1`.
    public let epoch: UInt32
    /// XChaCha20-Poly1305 of the previous key under the new one, bound to (scope, epoch).
    public let sealedPreviousKey: [UInt8]

    /// Seals `previous` under `next`; they must be consecutive epochs of one scope.
    public static func link(previous: ScopeKey, under next: ScopeKey) throws(TrustError) -> KeyChainLink {
        precondition(previous.scope == next.scope && previous.epoch + 1 == next.epoch, "a link joins consecutive epochs of one scope")
        do {
            let sealed = try AEAD.seal(previous.key, associatedData: associatedData(scope: next.scope, epoch: next.epoch), key: next.key)
            return KeyChainLink(scope: next.scope, epoch: next.epoch, sealedPreviousKey: sealed)
        } catch {
            throw TrustError(.keyUnavailable, "could not seal the previous key of \(next.scope): \(error.message)")
        }
    }

    /// Opens the previous epoch's key with this epoch's key (not yet checked against the log).
    func openPrevious(with next: SecureBytes) throws(TrustError) -> SecureBytes {
        do {
            var plain = try AEAD.open(sealedPreviousKey, associatedData: Self.associatedData(scope: scope, epoch: epoch), key: next)
            defer { plain.wipe() }  // the only plain copy outside guarded memory
            return try SecureBytes(copying: plain)
        } catch {
            throw TrustError(.decryptionFailed, "the key chain link of \(scope) epoch \(epoch) does not open with that epoch's key")
        }
    }

    static func associatedData(scope: ScopeID, epoch: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 100)
        writer.write(raw: context)
        writer.write(scope: scope)
        writer.write(epoch)
        return writer.bytes
    }

    /// The canonical bytes, to store or relay.
    public var encoded: [UInt8] {
        var writer = ByteWriter(capacity: 4 + 65 + 4 + Self.sealedLength)
        writer.write(raw: Self.magic)
        writer.write(scope: scope)
        writer.write(epoch)
        writer.write(raw: sealedPreviousKey)
        return writer.bytes
    }

    /// Decodes canonical bytes strictly.
    public init(decoding bytes: [UInt8]) throws(TrustError) {
        var reader = ByteReader(bytes)
        do throws(WireError) {
            try reader.expectMagic(Self.magic, of: "key chain link")
            scope = try reader.readScope()
            epoch = try reader.readUInt32()
            guard epoch >= 2 else { throw WireError(.malformed, "a key chain link starts at epoch 2") }
            sealedPreviousKey = try reader.read(count: Self.sealedLength)
            try reader.expectEnd(of: "key chain link")
        } catch {
            throw TrustError(error, in: "key chain link")
        }
    }

    private init(scope: ScopeID, epoch: UInt32, sealedPreviousKey: [UInt8]) {
        self.scope = scope
        self.epoch = epoch
        self.sealedPreviousKey = sealedPreviousKey
    }
}
