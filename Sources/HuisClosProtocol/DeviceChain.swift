/// Where an incoming batch stands against what a receiver already holds of its device's chain.
///
/// Both the server (before appending to a scope log) and every replica (before merging) classify
/// each batch this way; only `.next` is applied.
public enum ChainPosition: Equatable, Sendable {
    /// Exactly the next link: apply it.
    case next
    /// Already held, byte for byte: ignore it (idempotent delivery).
    case duplicate
    /// Later than the next expected sequence: earlier batches are missing; hold or refetch.
    case gap(expected: UInt64)
    /// Same sequence as a held batch but different bytes, or a previous hash that does not match:
    /// the device signed two histories. Reject and report.
    case fork

    /// Classifies `batch` given the device's chain head in its scope and a lookup of held hashes.
    ///
    /// - Parameters:
    ///   - head: the highest sequence held for this device and scope, with its hash; nil if none.
    ///   - heldHash: the hash of the held batch at a sequence ≤ head (for duplicate detection).
    public static func of(_ batch: BatchEnvelope, head: (sequence: UInt64, hash: [UInt8])?,
                          heldHash: (UInt64) -> [UInt8]?) -> ChainPosition {
        let headSequence = head?.sequence ?? 0
        if batch.sequence <= headSequence {
            return heldHash(batch.sequence) == batch.hash ? .duplicate : .fork
        }
        if batch.sequence > headSequence + 1 { return .gap(expected: headSequence + 1) }
        let expectedPrevious = head?.hash ?? BatchEnvelope.genesisHash
        return batch.previousHash == expectedPrevious ? .next : .fork
    }
}
