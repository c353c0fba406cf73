import HuisClosHTTPGuard
@testable import HuisClosServer
import Synchronization
import Testing

/// Connections are counted per client (review of issue 14, finding 4): an IPv6 client owns a whole
/// /64 (its 2^64 addresses cost nothing), so the per-address bound counts the /64. At the bound
/// in all, the connection idle the longest makes room (issue 14: exhaustion by many addresses).
@Suite struct ConnectionAccountingTests {
    @Test func anIPv6NetworkOfSixtyFourBitsIsOneClient() throws {
        let counter = ConnectionCounter(totalMax: 100, perAddressMax: 2)
        let opened = counter.open(address: "2001:db8:1:2::1", close: {})
        let first = try #require(opened)
        #expect(counter.accepts("2001:db8:1:2:ffff:ffff:ffff:fffe"))
        #expect(!counter.accepts("2001:db8:1:2:abcd::9"), "a third address of the same /64 is the same client")
        #expect(counter.accepts("2001:db8:1:3::1"), "the next /64 is another client")
        #expect(counter.accepts("127.0.0.2") && counter.accepts("127.0.0.2") && !counter.accepts("127.0.0.2"))
        #expect(counter.accepts("127.0.0.3"), "IPv4 counts each address")
        counter.close(first.id)
        #expect(counter.accepts("2001:db8:1:2::77"), "a closed connection frees its /64's place")
    }

    @Test func atTheBoundTheConnectionIdleTheLongestMakesRoomAndABusyOneNever() throws {
        let closed = Mutex<[Int]>([])
        let counter = ConnectionCounter(totalMax: 3, perAddressMax: 3)
        func open(_ number: Int, from address: String = "127.0.0.2") -> UInt64? {
            guard let (id, evict) = counter.open(address: address, close: { closed.withLock { $0.append(number) } }) else { return nil }
            evict?()
            return id
        }
        let one = try #require(open(1)), _ = try #require(open(2)), three = try #require(open(3))
        counter.setBusy(one, true)
        let four = try #require(open(4, from: "127.0.0.3"), "a fourth connection closes an idle one")
        #expect(closed.withLock { $0 } == [2], "the oldest idle, not the busy one")
        counter.setBusy(one, false)
        let five = try #require(open(5, from: "127.0.0.3"))
        #expect(closed.withLock { $0 } == [2, 3], "the first is idle again since just now: the third is older")
        #expect(counter.total == 3)
        for id in [one, four, five] { counter.setBusy(id, true) }
        #expect(open(6, from: "127.0.0.4") == nil, "every connection serving a request: refused")
        counter.close(three)  // already closed for room: counted once
        #expect(counter.total == 3)
        counter.close(five)
        #expect(open(7, from: "127.0.0.4") != nil && closed.withLock { $0 } == [2, 3])
    }
}

extension ConnectionCounter {
    /// Whether a connection from `address` is counted (the tests' connections close nothing).
    func accepts(_ address: String) -> Bool { open(address: address, close: {}) != nil }
}
