public import HuisClosCrypto
public import HuisClosProtocol

/// A verified batch envelope together with its decoded operations: what the merge consumes.
public struct OpenedBatch: Sendable {
    /// The signed envelope (its signature was checked when it was decoded).
    public let envelope: BatchEnvelope
    /// The envelope's hash, computed once (the next batch's previous hash).
    public let hash: [UInt8]
    /// The operations, in order, readings strictly increasing.
    public let operations: [ChangeOperation]

    /// Opens `envelope`'s body with `codec` and decodes its operations strictly.
    public init(_ envelope: BatchEnvelope, hash: [UInt8], codec: any BatchBodyCodec) throws(ChangeError) {
        self.envelope = envelope
        self.hash = hash
        operations = try OperationEncoding.decode(try codec.open(envelope))
    }

    /// Encodes `operations`, seals them with `codec` and signs the batch with `device`'s key.
    ///
    /// `sequence` and `previousHash` continue the device's chain in `scope`; `logPosition` is the
    /// membership log head the device verified (`BatchAuthorizer.logPosition`); throws
    /// `.invalidChange`/`.tooLarge` for operations a peer would refuse.
    public static func sign(_ operations: [ChangeOperation], device: SigningKeyPair, scope: ScopeID, sequence: UInt64,
                            previousHash: [UInt8], logPosition: UInt64, codec: any BatchBodyCodec) throws(ChangeError) -> OpenedBatch {
        let body = try codec.seal(try OperationEncoding.encode(operations), scope: scope, sequence: sequence, device: device.publicKey)
        do {
            let envelope = try BatchEnvelope.sign(device: device, scope: scope, epoch: body.epoch, sequence: sequence,
                                                  previousHash: previousHash, logPosition: logPosition, bodyKind: body.kind, body: body.body)
            return OpenedBatch(envelope: envelope, operations: operations)
        } catch {
            throw ChangeError(.tooLarge, error.text)
        }
    }

    private init(envelope: BatchEnvelope, operations: [ChangeOperation]) {
        self.envelope = envelope
        self.hash = envelope.hash
        self.operations = operations
    }
}
