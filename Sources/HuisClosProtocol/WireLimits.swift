/// Every size limit of the wire formats, in one place, each with its reason.
public enum WireLimits {
    /// A scope id is short ASCII ("council", "group:budget"): 64 bytes leaves room for a UUID suffix.
    public static let scopeBytesMax = 64
    /// A batch body (encoded operations, maybe sealed): 4 MiB keeps a batch one cheap allocation and
    /// a push request small; larger content travels as chunked files, referenced by hash.
    public static let batchBodyBytesMax = 4 * 1_048_576
}

extension WireLimits {
    /// Batches in one push request: 256 keeps one request's transaction and its verification
    /// (~10 ms of Ed25519 at 27k verifies/s) short enough not to stall other devices.
    public static let pushBatchesMax = 256
    /// A push request body: room for one maximal batch plus its framing (4 MiB body + headers),
    /// or many small ones; a larger body is refused before it is read whole.
    public static let pushRequestBytesMax = 8 * 1_048_576
    /// Batches in one pull answer: bounds the answer's decoding work on a small device.
    public static let pullBatchesMax = 2_000
    /// Bytes of batches in one pull answer: 8 MiB bounds a client's memory per page; a single batch
    /// larger than the requested budget is still sent alone, so every page makes progress.
    public static let pullBytesMax = 8 * 1_048_576
    /// Any other protobuf request body (login, enrolment, a file manifest of up to
    /// `fileChunksMax` hashes): 1 MiB.
    public static let controlMessageBytesMax = 1_048_576
    /// A file chunk: 1 MiB, so a cut upload loses at most 1 MiB and a chunk is one cheap allocation.
    public static let chunkBytesMax = 1_048_576
    /// A sealed contribution to a consultation: its JSON fields at their limits (8,000 characters
    /// of text, each up to 6 bytes once escaped, a name and an address) and the box's 48 bytes fit.
    public static let contributionBytesMax = 64 * 1024
    /// Sealed contributions one page carries: 200 × 64 KiB stays under `pullBytesMax`.
    public static let contributionsPerPageMax = 200
    /// Chunks in one file: 16,384 × 1 MiB = 16 GiB, far above any council document; keeps a
    /// manifest (34 bytes per hash) under `controlMessageBytesMax`.
    public static let fileChunksMax = 16_384
    /// A file id: a UUID (36) fits, with room; only `[0-9a-f-]`, so it is safe in a URL path.
    public static let fileIDBytesMax = 64
    /// Scope grants carried by one enrolment code or device: far above the council's scopes.
    public static let grantsMax = 256
    /// An enrolment code's validity: at most 30 days (2,592,000 s), so a lost code dies on its own.
    public static let enrolmentValiditySecondsMax: UInt32 = 2_592_000
    /// A login challenge's nonce, in bytes.
    public static let loginNonceBytes = 32
    /// Records of the membership log one pull page carries: as many as a pull page of batches.
    public static let membershipPageRecordsMax = 2_000
    /// Records a client reads from the relayed membership log in one pull, over its pages: the
    /// trust layer's own bound on a log (`TrustLimits.membershipRecordsMax`).
    public static let membershipRecordsMax = 100_000
    /// An X25519 public key, in bytes (the enrolment's optional agreement key).
    public static let agreementKeyBytes = 32
}
