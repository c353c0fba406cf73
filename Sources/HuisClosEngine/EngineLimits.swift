/// Every limit of the change engine, in one place, each with its unit and its reason.
///
/// Decoders enforce them on untrusted bytes (exceeding one is `ChangeError.Code.tooLarge` or
/// `.malformed`, never a trap); encoders enforce them on local changes so a device never signs a
/// batch its peers would refuse.
public enum EngineLimits {
    /// Operations in one batch. A batch is verified and applied in one transaction: 10,000 keeps one
    /// batch's decoded form a few MiB at most and still amortises the signature check (≈37 µs) to
    /// nanoseconds per operation.
    public static let operationsPerBatchMax = 10_000
    /// Bytes of a record kind, field name or set name: identifiers chosen by the domain code
    /// ("document", "title", "members"), short and ASCII so they compare byte for byte everywhere.
    public static let nameBytesMax = 64
    /// Bytes of a record id: room for a UUID with a prefix; ASCII for the same reason as names.
    public static let recordIDBytesMax = 128
    /// Bytes of one text or bytes value. Larger content is a file, sent in chunks and referenced
    /// by hash (`FileReference`); 1 MiB keeps a batch of edits well under the 4 MiB body limit.
    public static let valueBytesMax = 1_048_576
    /// Add-tags one remove may carry: the adds of one element its author had observed. 4,096 is far
    /// above any real membership list and bounds the work of one operation.
    public static let observedTagsMax = 4_096
    /// Milliseconds the hybrid logical clock may run ahead of the wall clock, by default. Five minutes
    /// absorbs ordinary clock skew between devices; a batch stamped further ahead is held until the
    /// local wall clock catches up, so one device with a wrong clock cannot win every conflict.
    public static let clockDriftMsDefault: UInt64 = 300_000
    /// Batches a replica holds back (waiting for a gap to fill or a clock to catch up). Beyond
    /// 10,000 the replica is far behind or fed garbage: it refuses more and asks for a resync.
    public static let heldBatchesMax = 10_000
}
