public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// One scope's symmetric key for one epoch: 32 random bytes in guarded memory.
///
/// Its `commitment` (keyed BLAKE2b: key = the scope key, message = a fixed context, the scope and
/// the epoch) is published in the membership log when the epoch starts and repeated in every
/// sealed copy, so each recipient checks it holds the same key as everyone else without the
/// commitment revealing anything about the key.
public struct ScopeKey: Sendable {
    /// Scope keys are XChaCha20-Poly1305 keys: 32 bytes.
    public static let length = AEAD.keyLength
    /// Domain separation for commitments: never the same input as any other keyed hash.
    static let commitmentContext = Array("HuisClos scope key commitment v1".utf8)

    /// The scope the key encrypts.
    public let scope: ScopeID
    /// The epoch, from 1.
    public let epoch: UInt32
    /// The secret key.
    public let key: SecureBytes

    /// Wraps a key received or restored; the caller checks its commitment.
    public init(scope: ScopeID, epoch: UInt32, key: SecureBytes) {
        precondition(key.count == Self.length, "a scope key is 32 bytes")
        precondition(epoch >= 1, "epochs start at 1")
        self.scope = scope
        self.epoch = epoch
        self.key = key
    }

    /// A fresh random key for `scope` at `epoch`.
    public static func generate(scope: ScopeID, epoch: UInt32) throws(TrustError) -> ScopeKey {
        do {
            return ScopeKey(scope: scope, epoch: epoch, key: try SecureBytes.random(count: length))
        } catch {
            throw TrustError(.keyUnavailable, Text(fr: "impossible de créer une clé de portée : \(error.text.french)",
                                                   en: "could not create a scope key: \(error.text.english)"))
        }
    }

    /// This key's commitment (32 bytes).
    public var commitment: [UInt8] { Self.commitment(of: key, scope: scope, epoch: epoch) }

    /// The commitment of `key` as the key of `scope` at `epoch`.
    static func commitment(of key: SecureBytes, scope: ScopeID, epoch: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 100)
        writer.write(raw: commitmentContext)
        writer.write(scope: scope)
        writer.write(epoch)
        return Hash.blake2b(writer.bytes, key: key)
    }
}
