/// Every size limit of the wire formats, in one place, each with its reason.
public enum WireLimits {
    /// A scope id is short ASCII ("council", "group:budget"): 64 bytes leaves room for a UUID suffix.
    public static let scopeBytesMax = 64
    /// A batch body (encoded operations, maybe sealed): 4 MiB keeps a batch one cheap allocation and
    /// a push request small; larger content travels as chunked files, referenced by hash.
    public static let batchBodyBytesMax = 4 * 1_048_576
}
