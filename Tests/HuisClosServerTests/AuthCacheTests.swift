import HuisClosCrypto
import HuisClosProtocol
@testable import HuisClosServer
import HuisClosWire
import HuisClosTestSupport
import Testing

/// The server's session cache never keeps a device record read before a revocation.
@Suite(.tags(.slow)) struct AuthCacheTests {
    @Test func recordReadBeforeARevocationIsNotCachedAfterIt() throws {
        let cache = AuthCache()
        let key = try SigningKeyPair.generate().publicKey
        let active = DeviceRecord(key: key, access: DeviceAccess(readable: [.council]), revokedAt: nil)
        let (_, before) = cache.device(key)
        cache.forget(key)  // a revocation commits while the read is in flight
        cache.remember(active, readAfter: before)
        #expect(cache.device(key).record == nil, "the stale active record was dropped")
        let (_, now) = cache.device(key)
        cache.remember(active, readAfter: now)
        #expect(cache.device(key).record == active)
        cache.forget(key)
        #expect(cache.device(key).record == nil)
    }
}
