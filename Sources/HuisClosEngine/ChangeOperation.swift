/// One change to one record, as the domain asks for it (before the clock stamps it).
public enum Change: Sendable, Equatable {
    /// Sets `field` to `value`: a last-writer-wins register.
    case set(RecordKey, field: String, value: Value)
    /// Adds `element` to the observed-remove set `set`; the operation's timestamp is the add's tag.
    case add(RecordKey, set: String, element: Value)
    /// Removes from `set` the adds of `element` that its author observed (their tags). Adds not
    /// observed — concurrent or later — survive.
    case remove(RecordKey, set: String, element: Value, observed: [Timestamp])
    /// Deletes the record: hides everything written to it at or before this operation's timestamp.
    case delete(RecordKey)

    /// The record changed.
    public var record: RecordKey {
        switch self {
        case let .set(record, _, _), let .add(record, _, _), let .remove(record, _, _, _), let .delete(record):
            record
        }
    }
}

/// A change stamped by its author's hybrid logical clock: what a batch carries.
///
/// The author device is not repeated per operation: it is the batch's signer, so no operation can
/// claim another device's timestamp.
public struct ChangeOperation: Sendable, Equatable {
    /// The author's clock reading; strictly increasing within a device's chain in a scope.
    public let hlc: HLC
    /// What changes.
    public let change: Change

    /// An operation stamped `hlc`.
    public init(hlc: HLC, change: Change) {
        self.hlc = hlc
        self.change = change
    }
}
