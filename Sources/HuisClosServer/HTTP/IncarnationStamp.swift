import Synchronization

/// The storage's incarnation as the relay stamps it on every answer: read once, at the first
/// answer, then kept for the life of the process (a restore needs every relay on the storage
/// stopped, so it never changes under a running one). Nil while the storage cannot say it.
final class IncarnationStamp: Sendable {
    private let storage: any ServerStorage
    private let known = Mutex<String?>(nil)

    init(storage: any ServerStorage) { self.storage = storage }

    /// The incarnation, read from the storage the first time.
    func value() async -> String? {
        if let value = known.withLock({ $0 }) { return value }
        guard let read = try? await storage.incarnation() else { return nil }
        known.withLock { $0 = read }
        return read
    }
}
