import HuisClosEngine
import Testing

@Suite struct HybridLogicalClockTests {
    @Test func readingsStrictlyIncreaseWhenTheWallClockStandsStill() throws {
        var clock = HybridLogicalClock()
        let first = try clock.tick(wallMs: 1_000)
        let second = try clock.tick(wallMs: 1_000)
        let third = try clock.tick(wallMs: 999)
        #expect(first == HLC(physicalMs: 1_000, counter: 0))
        #expect(second == HLC(physicalMs: 1_000, counter: 1))
        #expect(third == HLC(physicalMs: 1_000, counter: 2))
    }

    @Test func aWallClockAheadResetsTheCounter() throws {
        var clock = HybridLogicalClock(last: HLC(physicalMs: 1_000, counter: 7))
        #expect(try clock.tick(wallMs: 2_000) == HLC(physicalMs: 2_000, counter: 0))
    }

    @Test func counterOverflowAdvancesThePhysicalPart() throws {
        var clock = HybridLogicalClock(last: HLC(physicalMs: 5_000, counter: .max))
        #expect(try clock.tick(wallMs: 5_000) == HLC(physicalMs: 5_001, counter: 0))
    }

    @Test func resumedClockNeverGoesBackAfterARestart() throws {
        var before = HybridLogicalClock()
        let last = try before.tick(wallMs: 10_000)
        var after = HybridLogicalClock(last: before.last)
        // The wall clock went back (restart on a machine with a wrong time): readings still increase.
        #expect(try after.tick(wallMs: 9_000) > last)
    }

    @Test func localTimeNeverRunsMoreThanTheDriftAheadOfTheWallClock() throws {
        var clock = HybridLogicalClock(last: HLC(physicalMs: 10_000 + 300_000, counter: .max), maxDriftMs: 300_000)
        #expect(throws: ChangeError(.clockAhead, ChangeError.Code.clockAhead.text)) { try clock.tick(wallMs: 10_000) }
        #expect(clock.last == HLC(physicalMs: 310_000, counter: .max), "nothing issued, nothing changed")
    }

    @Test func observedRemoteReadingsOrderLaterLocalEvents() throws {
        var clock = HybridLogicalClock(maxDriftMs: 300_000)
        let remote = HLC(physicalMs: 100_000, counter: 4)
        #expect(!clock.isTooFarAhead(remote, wallMs: 1_000))
        clock.observe(remote, wallMs: 1_000)
        #expect(try clock.tick(wallMs: 1_000) == HLC(physicalMs: 100_000, counter: 5))
    }

    @Test func readingsBeyondTheDriftAreTooFarAhead() {
        let clock = HybridLogicalClock(maxDriftMs: 300_000)
        #expect(clock.isTooFarAhead(HLC(physicalMs: 300_001, counter: 0), wallMs: 0))
        #expect(!clock.isTooFarAhead(HLC(physicalMs: 300_000, counter: 9), wallMs: 0))
        #expect(!clock.isTooFarAhead(HLC(physicalMs: .max, counter: 0), wallMs: .max))
    }
}
