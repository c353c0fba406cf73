import HuisClosL10n
import HuisClosWire

/// How a watch comes back after its socket ends or the relay is out of reach: 1 s after a session
/// that worked, otherwise after a delay doubling from 2 s to 60 s, giving up after `failuresMax`
/// consecutive failures (about an hour and a half). The wait is injected, so a test runs the
/// hundred failures without sleeping on the real clock.
public struct Reconnection: Sendable {
    /// Consecutive failed connections after which the watch gives up.
    public static let failuresMax = 100

    /// Waits the given delay (`Task.sleep` on the real clock outside tests).
    let wait: @Sendable (Duration) async throws -> Void

    /// A reconnection that waits with `wait`.
    public init(wait: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }) {
        self.wait = wait
    }

    /// The wait after `failures` consecutive failures (0 after a session that worked): 1, 2, 4 … 60 s.
    public static func delay(afterFailures failures: Int) -> Duration {
        .seconds(min(60, 1 << min(failures, 6)))
    }

    /// Runs `session` again and again until cancelled or it throws an error `isTransient` does not
    /// take (revoked, wiped, protocol mismatch…); a transient failure counts towards `failuresMax`,
    /// after which `APIError.unreachable` says the relay stayed out of reach.
    public func run(isolation: isolated (any Actor)? = #isolation, _ session: () async throws -> Void,
                    transient isTransient: (any Error) -> Bool) async throws -> Never {
        var failures = 0
        while failures < Self.failuresMax {
            do {
                try await session()
                failures = 0
            } catch where isTransient(error) {
                failures += 1
            }
            try await wait(Self.delay(afterFailures: failures))
        }
        throw APIError(.unreachable, Text(fr: "le serveur est resté injoignable pendant \(Self.failuresMax) tentatives : vérifiez le réseau, puis synchronisez de nouveau",
                                          en: "the server stayed unreachable for \(Self.failuresMax) attempts: check the network, then sync again"))
    }
}
