@testable import HuisClosServer
import Testing

/// Connections are counted per client (review of issue 14, finding 4): an IPv6 client owns a whole
/// /64 (its 2^64 addresses cost nothing), so the per-address bound counts the /64.
@Suite struct ConnectionAccountingTests {
    @Test func anIPv6NetworkOfSixtyFourBitsIsOneClient() {
        let counter = ConnectionCounter(totalMax: 100, perAddressMax: 2)
        #expect(counter.open(address: "2001:db8:1:2::1"))
        #expect(counter.open(address: "2001:db8:1:2:ffff:ffff:ffff:fffe"))
        #expect(!counter.open(address: "2001:db8:1:2:abcd::9"), "a third address of the same /64 is the same client")
        #expect(counter.open(address: "2001:db8:1:3::1"), "the next /64 is another client")
        #expect(counter.open(address: "127.0.0.2") && counter.open(address: "127.0.0.2") && !counter.open(address: "127.0.0.2"))
        #expect(counter.open(address: "127.0.0.3"), "IPv4 counts each address")
        counter.close(address: "2001:db8:1:2::1")
        #expect(counter.open(address: "2001:db8:1:2::77"), "a closed connection frees its /64's place")
    }
}
