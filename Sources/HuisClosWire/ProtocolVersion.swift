/// The sync protocol's version and how a client and the server agree on it.
///
/// Every request under `/v1` carries the header `HuisClos-Protocol: <n>`. The server answers a
/// missing header or a version it does not speak with `426 Upgrade Required`, the code
/// `unsupportedProtocol` and a message naming the versions it speaks; every answer carries the
/// server's own version in the same header, so a client can tell the person to update.
public enum ProtocolVersion {
    /// The request and response header that carries the version number.
    public static let headerName = "HuisClos-Protocol"
    /// The version this build speaks. Version 2 (the trust hardening) changed what the membership
    /// log and the batches mean (PROTOCOL.md, "Versions"), so a version-1 client is told to update.
    public static let current = 2
    /// The versions this build's server accepts: version 1's logs and batches cannot be read with
    /// version 2's rules, so only 2.
    public static let supported: ClosedRange<Int> = 2...2
    /// The media type of every protobuf body.
    public static let contentType = "application/x-protobuf"
    /// The media type of a file chunk's raw bytes (uploaded and downloaded).
    public static let chunkContentType = "application/octet-stream"
}
