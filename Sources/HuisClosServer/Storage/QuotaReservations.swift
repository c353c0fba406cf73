/// The bytes this relay process admitted under a council's quota and has not finished writing.
/// A check reads the storage's figure alongside other checks, then, in one step of this actor,
/// adds what is still in flight and what finished while it was reading (which its reading may or
/// may not hold: counted, erring towards refusal), so two concurrent writes never take the same room.
actor QuotaReservations {
    private var inFlight: Int64 = 0
    /// The bytes of every write finished so far (it only grows): what finished during a reading is the difference.
    private var finished: Int64 = 0

    /// Taken before reading the storage's figure, and given back to `reserve`.
    func mark() -> Int64 { finished }

    /// Reserves `incoming` when `stored` (read after `mark`), what is in flight or finished since,
    /// and `incoming` fit in `max`; returns the bytes counted as taken and whether it reserved.
    func reserve(_ incoming: Int64, stored: Int64, readAfter mark: Int64, max: Int64) -> (taken: Int64, reserved: Bool) {
        let taken = stored + inFlight + (finished - mark)
        guard taken + incoming <= max else { return (taken, false) }
        inFlight += incoming
        return (taken, true)
    }

    /// Gives back what `reserve` took, once its write committed (and counts in the storage) or failed.
    func release(_ bytes: Int64) {
        inFlight -= bytes
        finished += bytes
    }
}
