import HuisClosTestSupport
import Testing

/// Seeds of the deterministic simulation (`scripts/simulate.sh`) that broke an invariant before
/// the fix named beside each, replayed by the built simulator: each runs in a process of its own,
/// since the simulation makes libsodium's randomness a function of the seed.
@Suite struct SimulationSeedTests {
    /// A seed and the bug it found.
    struct Case: Sendable, CustomTestStringConvertible {
        let seed: UInt64
        let bug: String
        var testDescription: String { "seed \(seed): \(bug)" }
    }

    static let cases = [
        Case(seed: 1, bug: "a relay restored from a backup older than a revocation kept the secretariat from signing anything (membership records given back)"),
        Case(seed: 8, bug: "a relay restored from a backup older than the session refused the token for 15 minutes (a fresh login)"),
        Case(seed: 12, bug: "clocks a minute apart made the secretariat start key epochs over and over, forking the log after a restore (the log read at its newest record)"),
        Case(seed: 32, bug: "a member whose clock is a little slow signed its undertaking again and never synced (the log read at its newest record)"),
        Case(seed: 52, bug: "a restored relay lost acknowledged batches their author had not pulled back, unnoticed (the newest own batch pushed again)"),
        Case(seed: 60, bug: "a key drop the relay lost in a restore was never made again: a member waited for the council's key for good (keys handed out again once records were given back)"),
        Case(seed: 24, bug: "a revoked device's batch written before its revocation was kept by the replicas that merged it first and refused by the others (the revocation names the writes it lets stand)"),
        Case(seed: 59, bug: "a replica kept a revoked device's batch that a restored relay had lost before the revocation, so the revocation did not let it stand (the replica takes it back)"),
        Case(seed: 5044, bug: "a revoked device's standing write that a restored relay lost stayed on the replicas that had merged it (they give it back to the relay)"),
        Case(seed: 4131, bug: "the secretariat signed a new key epoch in place of one whose answer it had lost and a restore had dropped, forking the log for a member who had pulled the first (records sent are settled before any other is signed)"),
        Case(seed: 5076, bug: "a relay that checked a revocation's standing writes against what it held refused it for good when given back after a restore (the relay no longer checks)"),
    ]

    @Test(arguments: cases) func theSeedHoldsEveryInvariant(_ example: Case) async throws {
        let run = try await CommandRun.run("HuisClosSimulation", ["--seed", String(example.seed)],
                                           environment: ["SWIFT_DETERMINISTIC_HASHING": "1"])
        #expect(run.status == 0, "\(run.output.suffix(4000))")
    }
}
