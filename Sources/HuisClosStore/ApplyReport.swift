public import HuisClosEngine
import HuisClosL10n
public import HuisClosProtocol

/// What merging a group of batches did with each of them.
///
/// Nothing is dropped silently: every batch given to `ChangeStore.apply` appears in exactly one
/// list (a batch held and then applied within the same call appears as applied).
public struct ApplyReport: Sendable {
    /// Merged, in the order they were merged.
    public var applied: [BatchID] = []
    /// Already merged (or already held), byte for byte: ignored.
    public var duplicates: [BatchID] = []
    /// Held back: a gap in the device's chain (`.gap`), a clock too far ahead (`.clockAhead`), a
    /// scope key not received yet (`.keyUnavailable`) or a membership log position not verified
    /// here yet (`.logBehind`). They are merged automatically once the missing batches arrive, the
    /// clock or the log catches up, or the key arrives.
    public var held: [HeldBatch] = []
    /// Refused, with the reason: nothing of them was merged.
    public var rejected: [RejectedBatch] = []
    /// The first and last operation stamps of each received batch whose body this replica
    /// opened (merged, duplicate or held): what ties a merged field to its batch without opening
    /// the batch again.
    public var operationStamps: [BatchID: ClosedRange<Timestamp>] = [:]

    /// An empty report.
    public init() {}
}

/// A batch held back, and why.
public struct HeldBatch: Sendable {
    /// The batch's id.
    public let id: BatchID
    /// `.gap` (earlier batches missing), `.clockAhead` (stamped too far in the future),
    /// `.keyUnavailable` (sealed with a key epoch not received yet) or `.logBehind` (written under
    /// a membership log position not verified here yet).
    public let reason: ChangeError
    /// The key epoch the batch is sealed with (0 for a plain batch): the key a `.keyUnavailable`
    /// batch waits for.
    public var epoch: UInt32 = 0
}

/// A batch refused, and why.
public struct RejectedBatch: Sendable {
    /// The batch's id, when its envelope could be decoded at all.
    public let id: BatchID?
    /// `.malformed`, `.badSignature`, `.fork`, `.unauthorized`, `.cannotOpenBody`, `.tooManyHeld`…
    public let error: ChangeError
}

extension ChangeError {
    /// The error of a device that signed two different batches with one id.
    static func fork(_ id: BatchID) -> ChangeError {
        ChangeError(.fork, Text(fr: "l'appareil a signé deux lots \(id.sequence) différents dans \(id.scope) : refusé ; signalez l'appareil au secrétariat",
            en: "the device signed two different batches \(id.sequence) in \(id.scope): rejected; report the device to the secretariat"))
    }
}
