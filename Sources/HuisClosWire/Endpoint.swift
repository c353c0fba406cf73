/// The sync protocol's endpoints: one path each, shared by the server's router and the client.
///
/// Paths with a parameter are built with the static functions; the server's router uses the
/// `:name` patterns. PROTOCOL.md describes each one's request, answer and errors.
public enum Endpoint {
    /// GET, no version header: "ok" while the server can serve.
    public static let health = "/healthz"
    /// GET, no version header: "ready" while the storage is sound, else 503 naming the damage.
    public static let ready = "/readyz"
    /// GET, no version header: Prometheus text exposition.
    public static let metrics = "/metrics"
    /// POST `CreateEnrolmentCodeRequest` → `CreateEnrolmentCodeResponse` (admin token).
    public static let enrolmentCodes = "/v1/admin/enrolment-codes"
    /// POST `RevokeDeviceRequest` → `RevokeDeviceResponse` (admin token).
    public static let revokeDevice = "/v1/admin/devices/revoke"
    /// POST `EnrolRequest` → `EnrolResponse`.
    public static let enrol = "/v1/enrol"
    /// POST `ChallengeRequest` → `ChallengeResponse`.
    public static let challenge = "/v1/login/challenge"
    /// POST `LoginRequest` → `LoginResponse`.
    public static let login = "/v1/login"
    /// POST `PushRequest` → `PushResponse` (device token).
    public static let push = "/v1/push"
    /// POST `PullRequest` → `PullResponse` (device token).
    public static let pull = "/v1/pull"
    /// WebSocket upgrade (device token); the server sends `Poke` binary messages.
    public static let watch = "/v1/watch"
    /// POST `FileManifest` → `FileStatus` (device token, write in the file's scope).
    public static let files = "/v1/files"
    /// POST `RegisterCouncilRequest` → `MembershipLogPage` (admin token): the council's genesis record.
    public static let council = "/v1/admin/council"
    /// POST `MembershipAppendRequest` → `MembershipLogPage` (device or admin token).
    public static let membership = "/v1/membership"
    /// POST `MembershipPullRequest` → `MembershipLogPage` (device token).
    public static let membershipPull = "/v1/membership/pull"
    /// POST `KeyDrop` → `KeyDrop` (empty; device token): sealed scope keys and key-chain links.
    public static let keys = "/v1/keys"
    /// POST `KeyPullRequest` → `KeyDrop` (device token): this device's sealed keys and readable links.
    public static let keysPull = "/v1/keys/pull"
    /// The router pattern of `file(_:)`.
    public static let filePattern = "/v1/files/:fileID"
    /// The router pattern of `chunk(file:hash:)`.
    public static let chunkPattern = "/v1/files/:fileID/chunks/:hash"

    /// The router pattern of `contributions(_:)`.
    public static let contributionsPattern = "/v1/consultations/:consultation/contributions"

    /// POST a sealed contribution (raw bytes, a second-circle device's token) or GET
    /// `?after=N` → `ContributionPage` (a device reading the council scope): a consultation's mailbox.
    public static func contributions(_ consultation: String) -> String { "/v1/consultations/\(consultation)/contributions" }

    /// GET → `FileStatus` (device token, read in the file's scope).
    public static func file(_ fileID: String) -> String { "\(files)/\(fileID)" }

    /// PUT the raw chunk bytes (write) or GET them (read); `hash` is the chunk's BLAKE2b-256 in hex.
    public static func chunk(file fileID: String, hash: [UInt8]) -> String {
        "\(files)/\(fileID)/chunks/\(Hex.encode(hash))"
    }
}
