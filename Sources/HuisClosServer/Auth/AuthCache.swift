import HuisClosCrypto
import Synchronization

/// Sessions and device records recently read from storage, so a busy device's requests do not
/// each pay two database reads before their real work.
///
/// Safe because both kinds of entry only change through this server instance: a token's record
/// never changes (expiry is checked on every use), and a device's record changes only when it is
/// revoked, which calls `forget`. With several instances over one database, `RelayFanout` carries
/// each revocation to every instance's `forget`, and `forgetAll` when its bus missed events.
final class AuthCache: Sendable {
    /// Entries kept of each kind; past it the cache starts over (bounded memory, no LRU bookkeeping).
    static let entriesMax = 10_000

    private struct Entries {
        var tokens: [[UInt8]: TokenRecord] = [:]
        var devices: [SigningPublicKey: DeviceRecord] = [:]
        /// Incremented by every `forget`: a device record read before a revocation must not be
        /// cached after it (the read may predate the revocation's commit).
        var revocations: UInt64 = 0
    }

    private let entries = Mutex(Entries())

    /// The cached session for a token hash.
    func token(_ hash: [UInt8]) -> TokenRecord? { entries.withLock { $0.tokens[hash] } }

    /// Remembers a session.
    func remember(_ token: TokenRecord, hash: [UInt8]) {
        entries.withLock { cache in
            if cache.tokens.count >= Self.entriesMax { cache.tokens.removeAll(keepingCapacity: true) }
            cache.tokens[hash] = token
        }
    }

    /// The cached record of a device, or the revocation count to pass to `remember` after
    /// reading it from storage.
    func device(_ key: SigningPublicKey) -> (record: DeviceRecord?, revocations: UInt64) {
        entries.withLock { ($0.devices[key], $0.revocations) }
    }

    /// Remembers a device record read from storage, unless a revocation happened since `revocations`
    /// was taken (then the record may be stale, and storage is read again next time).
    func remember(_ device: DeviceRecord, readAfter revocations: UInt64) {
        entries.withLock { cache in
            guard cache.revocations == revocations else { return }
            if cache.devices.count >= Self.entriesMax { cache.devices.removeAll(keepingCapacity: true) }
            cache.devices[device.key] = device
        }
    }

    /// Drops every device record: another instance may have revoked any of them while this one
    /// was not listening (tokens stay: a token's record never changes).
    func forgetAll() {
        entries.withLock { cache in
            cache.revocations &+= 1
            cache.devices.removeAll()
        }
    }

    /// Drops a device's record (it was revoked): the next request reads storage again.
    func forget(_ key: SigningPublicKey) {
        entries.withLock { cache in
            cache.revocations &+= 1
            cache.devices.removeValue(forKey: key)
        }
    }
}
