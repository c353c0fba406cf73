extension Device {
    /// The devices whose membership gate the current task holds: a workflow inside `serially`
    /// calls others that take it too (`append` pulls the log), and runs them at once. Per device:
    /// a process may hold several (the simulation, tests), and one's gate opens no other's.
    @TaskLocal static var membershipGatesHeld: Set<ObjectIdentifier> = []

    /// Runs `body` alone among this device's membership workflows: pulling and settling the log,
    /// signing and sending records. `Device` is an actor, so two calls (two syncs from the app, a
    /// sync and an approval) interleave at every `await`; settling what was sent and signing the
    /// next record must not, or two records could be signed at one place of the log. A child task
    /// started inside would inherit the holding: no body starts one.
    func serially<Result: Sendable>(_ body: () async throws -> Result) async throws -> Result {
        let gate = ObjectIdentifier(self)
        if Self.membershipGatesHeld.contains(gate) { return try await body() }
        if membershipGateHeld {
            await withCheckedContinuation { membershipGateWaiters.append($0) }  // handed over by `releaseMembershipGate`
        } else {
            membershipGateHeld = true
        }
        defer { releaseMembershipGate() }
        try Task.checkCancellation()  // cancelled while it waited: nothing to do
        return try await Self.$membershipGatesHeld.withValue(Self.membershipGatesHeld.union([gate])) { try await body() }
    }

    /// Hands the gate to the longest waiting task, or frees it.
    private func releaseMembershipGate() {
        if membershipGateWaiters.isEmpty { membershipGateHeld = false } else { membershipGateWaiters.removeFirst().resume() }
    }
}
