extension Device {
    /// Whether the current task holds this device's membership gate: a workflow inside `serially`
    /// calls others that take it too (`append` pulls the log), and runs them at once.
    @TaskLocal static var holdsMembershipGate = false

    /// Runs `body` alone among this device's membership workflows: pulling and settling the log,
    /// signing and sending records. `Device` is an actor, so two calls (two syncs from the app, a
    /// sync and an approval) interleave at every `await`; settling what was sent and signing the
    /// next record must not, or two records could be signed at one place of the log.
    func serially<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        if Self.holdsMembershipGate { return try await body() }
        if membershipGateHeld {
            await withCheckedContinuation { membershipGateWaiters.append($0) }  // handed over by `releaseMembershipGate`
        } else {
            membershipGateHeld = true
        }
        defer { releaseMembershipGate() }
        try Task.checkCancellation()  // cancelled while it waited: nothing to do
        return try await Self.$holdsMembershipGate.withValue(true) { try await body() }
    }

    /// Hands the gate to the longest waiting task, or frees it.
    private func releaseMembershipGate() {
        if membershipGateWaiters.isEmpty { membershipGateHeld = false } else { membershipGateWaiters.removeFirst().resume() }
    }
}
