public import HuisClosCrypto
public import HuisClosProtocol
import HuisClosWire

/// What one relay instance tells the other instances sharing its database, so a device sees the
/// same relay whichever instance its connection lands on.
public enum RelayEvent: Sendable, Equatable {
    /// A scope's log grew to this head: watchers of the scope are poked.
    case head(ScopeID, UInt64)
    /// The device was revoked (by the secretariat or in the membership log): its sockets close and
    /// its cached record is dropped, so its next request is refused.
    case revoked(SigningPublicKey)
    /// The membership log grew: the relay's verified copy is read again.
    case membershipGrew

    /// The event as one short line of text (a PostgreSQL NOTIFY payload is text under 8,000 bytes).
    public var line: String {
        switch self {
        case .head(let scope, let head): "h \(scope.rawValue) \(head)"
        case .revoked(let device): "r \(Hex.encode(device.bytes))"
        case .membershipGrew: "m"
        }
    }

    /// The event of `line`; nil for a line this binary does not know (a newer instance's event is
    /// ignored, not fatal: events are hints, each instance still reads the database).
    public init?(line: some StringProtocol) {
        let parts = line.split(separator: " ")
        switch (parts.first, parts.count) {
        case ("h", 3):
            guard let scope = try? ScopeID(String(parts[1])), let head = UInt64(parts[2]) else { return nil }
            self = .head(scope, head)
        case ("r", 2):
            guard let bytes = Hex.decode(parts[1]), let key = try? SigningPublicKey(bytes: bytes) else { return nil }
            self = .revoked(key)
        case ("m", 1):
            self = .membershipGrew
        default:
            return nil
        }
    }
}

/// Carries `RelayEvent`s between the relay instances of one deployment (PostgreSQL's
/// LISTEN/NOTIFY for the PostgreSQL backend; none for SQLite, which one process owns).
public protocol RelayBus: Sendable {
    /// Tells the other instances; a failure is logged by the bus, never thrown (the event is a
    /// hint: the database stays the truth, and `listen` resynchronises the others when it resumes).
    func announce(_ events: [RelayEvent]) async

    /// Delivers each event another instance announces to `receive`, until the task is cancelled.
    /// Calls `resynchronise` each time delivery (re)starts: events sent while it was down are lost,
    /// so what the instance cached from the database must be dropped.
    func listen(receive: @escaping @Sendable (RelayEvent) async -> Void, resynchronise: @escaping @Sendable () async -> Void) async
}
