public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// A batch body as it goes into the envelope: how to read it, under which key epoch, and its bytes.
public struct SealedBody: Sendable, Equatable {
    /// Plain or sealed with the scope key.
    public let kind: BatchEnvelope.BodyKind
    /// The scope key epoch (0 for plain bodies).
    public let epoch: UInt32
    /// The envelope's body bytes.
    public let body: [UInt8]

    /// A body of `kind` under `epoch`.
    public init(kind: BatchEnvelope.BodyKind, epoch: UInt32, body: [UInt8]) {
        self.kind = kind
        self.epoch = epoch
        self.body = body
    }
}

/// Turns encoded operations into an envelope body and back: the seam where scope-key encryption
/// plugs in without touching the merge.
///
/// The merge only ever sees the operation bytes `open` returns; the envelope's signature and hash
/// chain cover the sealed body, so a codec need not authenticate the header again (an AEAD codec
/// will still bind it as associated data).
public protocol BatchBodyCodec: Sendable {
    /// The body for `operations` (canonical bytes) of batch (`device`, `scope`, `sequence`).
    func seal(_ operations: [UInt8], scope: ScopeID, sequence: UInt64, device: SigningPublicKey) throws(ChangeError) -> SealedBody
    /// The operation bytes inside `batch`'s body; throws `.cannotOpenBody` if this codec cannot.
    func open(_ batch: BatchEnvelope) throws(ChangeError) -> [UInt8]
}

/// The codec of plain bodies (kind `.plain`, epoch 0): the operations are the body.
///
/// Right for the public scope, and for every scope until scope keys exist. It refuses sealed
/// bodies, so a replica without keys holds nothing it cannot read by mistake.
public struct PlainBodyCodec: BatchBodyCodec {
    /// The plain codec.
    public init() {}

    /// The operations as they are, kind `.plain`, epoch 0.
    public func seal(_ operations: [UInt8], scope: ScopeID, sequence: UInt64, device: SigningPublicKey) throws(ChangeError) -> SealedBody {
        SealedBody(kind: .plain, epoch: 0, body: operations)
    }

    /// The body of a plain batch; throws `.cannotOpenBody` for a sealed one.
    public func open(_ batch: BatchEnvelope) throws(ChangeError) -> [UInt8] {
        guard batch.bodyKind == .plain else {
            throw ChangeError(.cannotOpenBody, Text(fr: "le lot \(batch.sequence) de \(batch.scope) est scellé (époque \(batch.epoch)) ; cette réplique n'a pas encore de clés de portée : configurez un codec de scellement",
                en: "batch \(batch.sequence) in \(batch.scope) is sealed (epoch \(batch.epoch)); this replica has no scope keys yet: configure a sealing codec"))
        }
        return batch.body
    }
}
