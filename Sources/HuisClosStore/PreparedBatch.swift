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
            self.init(envelope: nil, opened: .failure(ChangeError(error.code == .badSignature ? .badSignature : .malformed, error.text)))
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
}

/// Batches being prepared in the background while the writer merges the earlier ones.
///
/// Two workers claim batches in order and prepare them (the CPU-heavy part); `take(_:)` hands
/// them to the merge in order. A writer that finds its next batch not ready yet prepares the
/// next unclaimed one itself rather than wait idle. So signature checks and decoding overlap
/// with merging and writing instead of preceding them.
final class PreparationPipeline: Sendable {
    private let encoded: [[UInt8]]
    private let codec: any BatchBodyCodec
    private let ready: [DispatchSemaphore]
    private let prepared: Mutex<[PreparedBatch?]>
    private let nextUnclaimed = Mutex(0)

    /// Starts preparing `encoded` with `codec`.
    init(_ encoded: [[UInt8]], codec: any BatchBodyCodec) {
        self.encoded = encoded
        self.codec = codec
        ready = encoded.map { _ in DispatchSemaphore(value: 0) }
        prepared = Mutex(Array(repeating: nil, count: encoded.count))
        for _ in 0..<min(2, encoded.count) {
            DispatchQueue.global().async { [self] in
                while prepareNext() {}
            }
        }
    }

    /// The prepared batch at `index`, once ready (each index is taken once, in order).
    func take(_ index: Int) -> PreparedBatch {
        while ready[index].wait(timeout: .now()) == .timedOut {
            if !prepareNext() {
                ready[index].wait()
                break
            }
        }
        return prepared.withLock { slots in
            defer { slots[index] = nil }
            guard let batch = slots[index] else { preconditionFailure("batch \(index) taken twice") }
            return batch
        }
    }

    /// Claims and prepares the next unclaimed batch; false when none is left.
    private func prepareNext() -> Bool {
        let index = nextUnclaimed.withLock { next in
            defer { next += 1 }
            return next
        }
        guard index < encoded.count else { return false }
        let batch = PreparedBatch(bytes: encoded[index], codec: codec)
        prepared.withLock { $0[index] = batch }
        ready[index].signal()
        return true
    }
}
