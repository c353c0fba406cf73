import Dispatch
import HuisClosEngine
import HuisClosProtocol
import Synchronization

/// A batch decoded, signature-checked and opened before it meets the chain: the CPU-heavy part
/// of a merge, which needs no database and so runs on every core, outside the write transaction.
struct PreparedBatch: Sendable {
    /// The verified envelope; nil if the bytes are not a validly signed batch.
    let envelope: BatchEnvelope?
    /// The decoded operations, or why they cannot be read (reported only if the batch is next in
    /// its chain: a duplicate with a body this replica cannot open is still just a duplicate).
    let opened: Result<OpenedBatch, ChangeError>

    /// Verifies and opens canonical envelope bytes.
    init(bytes: [UInt8], codec: any BatchBodyCodec) {
        do {
            self.init(try BatchEnvelope(verifying: bytes), codec: codec)
        } catch {
            self.init(envelope: nil, opened: .failure(ChangeError(error.code == .badSignature ? .badSignature : .malformed, error.message)))
        }
    }

    private init(envelope: BatchEnvelope?, opened: Result<OpenedBatch, ChangeError>) {
        self.envelope = envelope
        self.opened = opened
    }

    /// Opens a verified envelope.
    init(_ envelope: BatchEnvelope, codec: any BatchBodyCodec) {
        self.init(envelope: envelope, opened: Result { () throws(ChangeError) in try OpenedBatch(envelope, hash: envelope.hash, codec: codec) })
    }

    /// Prepares every batch, in parallel, keeping their order.
    static func prepareAll(_ encoded: [[UInt8]], codec: any BatchBodyCodec) -> [PreparedBatch] {
        let results = Mutex<[PreparedBatch?]>(Array(repeating: nil, count: encoded.count))
        DispatchQueue.concurrentPerform(iterations: encoded.count) { index in
            let prepared = PreparedBatch(bytes: encoded[index], codec: codec)
            results.withLock { $0[index] = prepared }
        }
        return results.withLock { slots in slots.map { $0! } }
    }
}
