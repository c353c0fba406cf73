import HuisClosL10n

/// Where the clock reads the time: injected so tests control it.
public protocol WallClock: Sendable {
    /// Milliseconds since the Unix epoch.
    func nowMs() -> UInt64
}

/// A hybrid logical clock (Kulkarni et al., 2014) as a value-type state machine.
///
/// Readings strictly increase across every local event and never fall below anything observed
/// from peers; the replica store persists `last` so they keep increasing across restarts. The
/// clock never issues a reading more than `maxDriftMs` ahead of the wall clock, and it never
/// adopts a remote reading that is: the store holds such batches until the wall clock catches up.
public struct HybridLogicalClock: Sendable, Equatable {
    /// The highest reading issued or observed.
    public private(set) var last: HLC
    /// How far (ms) a reading may be ahead of the wall clock.
    public let maxDriftMs: UInt64

    /// A clock resuming from `last` (persisted state), allowing `maxDriftMs` of drift.
    public init(last: HLC = .zero, maxDriftMs: UInt64 = EngineLimits.clockDriftMsDefault) {
        self.last = last
        self.maxDriftMs = maxDriftMs
    }

    /// The reading for a new local event at wall time `wallMs`.
    ///
    /// When the counter is exhausted within one millisecond the physical part advances by one
    /// instead. Throws `.clockAhead` when the next reading would be more than `maxDriftMs` ahead of
    /// the wall clock (the wall clock was set back, or a long burst): the caller waits or fixes
    /// the system time; nothing is issued.
    public mutating func tick(wallMs: UInt64) throws(ChangeError) -> HLC {
        let next: HLC
        if wallMs > last.physicalMs {
            next = HLC(physicalMs: wallMs, counter: 0)
        } else if last.counter == .max {
            next = HLC(physicalMs: last.physicalMs + 1, counter: 0)
        } else {
            next = HLC(physicalMs: last.physicalMs, counter: last.counter + 1)
        }
        guard !isTooFarAhead(next, wallMs: wallMs) else {
            throw ChangeError(.clockAhead, Text(fr: "l'horloge indiquerait \(next.physicalMs) ms, plus de \(maxDriftMs) ms en avance sur l'heure du système (\(wallMs) ms) : vérifiez l'heure du système, ou attendez",
                en: "the clock would read \(next.physicalMs) ms, more than \(maxDriftMs) ms ahead of the wall clock (\(wallMs) ms): check the system time, or wait"))
        }
        last = next
        return next
    }

    /// Whether `reading` is further ahead of the wall clock than the allowed drift.
    public func isTooFarAhead(_ reading: HLC, wallMs: UInt64) -> Bool {
        let (limit, overflow) = wallMs.addingReportingOverflow(maxDriftMs)
        return !overflow && reading.physicalMs > limit
    }

    /// Takes in a remote reading so that later local readings are greater.
    ///
    /// Precondition: the reading is not too far ahead (the store holds such batches instead).
    public mutating func observe(_ reading: HLC, wallMs: UInt64) {
        precondition(!isTooFarAhead(reading, wallMs: wallMs), "hold batches stamped too far ahead instead of observing them")
        if reading > last { last = reading }
    }
}
