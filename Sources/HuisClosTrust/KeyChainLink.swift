import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// An older epoch's key of a scope, sealed under a newer epoch's key: the "key chain".
///
/// Carried in the `startEpoch` record that starts `epoch` (signed by its starter), never on its
/// own: whoever holds the key of `epoch` recovers the key of `fromEpoch`, then older ones through
/// the earlier records' links, so history stays readable to every device still entitled, and a
/// device added later needs only the current key. A removed party gets no new key and so cannot
/// follow the chain forward. The recovered key is checked against the commitment the log pins for
/// `fromEpoch`, so a link cannot substitute a key. An honest starter links from the newest epoch
/// whose key it holds: usually `epoch - 1`, further back when it supersedes an epoch whose key
/// nobody received (a dangling epoch is skipped, never needed).
public struct KeyChainLink: Sendable, Equatable {
    static let context = Array("HuisClos key chain link v2".utf8)
    /// The sealed older key: AEAD nonce, 32-byte key, tag (72 bytes).
    public static let sealedLength = ScopeKey.length + AEAD.overhead

    /// The scope whose keys are chained.
    public let scope: ScopeID
    /// The epoch whose key seals the older one (the epoch of the record that carries the link).
    public let epoch: UInt32
    /// The older epoch whose key is sealed: 1 ≤ `fromEpoch` < `epoch`.
    public let fromEpoch: UInt32
    /// XChaCha20-Poly1305 of the older key under the newer one, bound to (scope, epoch, fromEpoch).
    public let sealedPreviousKey: [UInt8]

    /// Seals `previous` under `next`: two epochs of one scope, `previous` the older.
    public static func link(previous: ScopeKey, under next: ScopeKey) throws(TrustError) -> KeyChainLink {
        precondition(previous.scope == next.scope && previous.epoch < next.epoch, "a link joins an older epoch to a newer one of one scope")
        do {
            let sealed = try AEAD.seal(previous.key, associatedData: associatedData(scope: next.scope, epoch: next.epoch, fromEpoch: previous.epoch),
                                       key: next.key)
            return KeyChainLink(scope: next.scope, epoch: next.epoch, fromEpoch: previous.epoch, sealedPreviousKey: sealed)
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de sceller la clé précédente de \(next.scope) : \(error.text.french)",
                                             en: "could not seal the previous key of \(next.scope): \(error.text.english)"))
        }
    }

    /// Opens the older epoch's key with this epoch's key (not yet checked against the log).
    func openPrevious(with next: SecureBytes) throws(TrustError) -> SecureBytes {
        do {
            var plain = try AEAD.open(sealedPreviousKey, associatedData: Self.associatedData(scope: scope, epoch: epoch, fromEpoch: fromEpoch),
                                      key: next)
            defer { plain.wipe() }  // the only plain copy outside guarded memory
            return try SecureBytes(copying: plain)
        } catch {
            throw TrustError(.decryptionFailed, Text(fr: "le lien de clés de \(scope), époque \(epoch), ne s'ouvre pas avec la clé de cette époque",
                                               en: "the key chain link of \(scope) epoch \(epoch) does not open with that epoch's key"))
        }
    }

    static func associatedData(scope: ScopeID, epoch: UInt32, fromEpoch: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 104)
        writer.write(raw: context)
        writer.write(scope: scope)
        writer.write(epoch)
        writer.write(fromEpoch)
        return writer.bytes
    }

    /// A link as carried by a `startEpoch` record (layout in `Protocol/MEMBERSHIP.md`); whether
    /// it opens, and to the committed key, is checked when it is used.
    public init(scope: ScopeID, epoch: UInt32, fromEpoch: UInt32, sealedPreviousKey: [UInt8]) {
        precondition(fromEpoch >= 1 && fromEpoch < epoch && sealedPreviousKey.count == Self.sealedLength, "checked by the decoder")
        self.scope = scope
        self.epoch = epoch
        self.fromEpoch = fromEpoch
        self.sealedPreviousKey = sealedPreviousKey
    }
}
