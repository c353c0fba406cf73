/// The bytes this relay process admitted under a council's quota and has not finished writing,
/// with the checks taken one at a time: a check counts what the storage holds plus what earlier
/// admitted writes are still carrying, so two concurrent writes cannot both take the same room.
actor QuotaReservations {
    private var reserved: Int64 = 0
    private var checking = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Runs `check` with the bytes reserved so far, alone among this council's checks, and
    /// reserves `incoming` unless it throws.
    func reserve(_ incoming: Int64, check: @Sendable (_ reserved: Int64) async throws -> Void) async throws {
        if checking {
            await withCheckedContinuation { waiting.append($0) }
        } else {
            checking = true
        }
        // The next check starts when this one ends, with `checking` still set for it.
        defer {
            if waiting.isEmpty { checking = false } else { waiting.removeFirst().resume() }
        }
        try await check(reserved)
        reserved += incoming
    }

    /// Gives back what `reserve` took, once its write committed (and counts in the storage) or failed.
    func release(_ bytes: Int64) {
        reserved -= bytes
    }
}
