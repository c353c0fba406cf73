import Foundation
import HuisClosTrust
import Logging
import ServiceLifecycle
import Synchronization

/// Whether the relay's storage is sound, as `/readyz` reports it: damaged from the moment a check
/// (`RelayIntegrity.check`) or any request finds damage, until a later check finds none.
public final class StorageHealth: Sendable {
    private let damage = Mutex<[String]>([])

    /// A storage believed sound until shown otherwise.
    public init() {}

    /// What the last check or request found damaged; empty when sound.
    public var problems: [String] { damage.withLock { $0 } }

    /// Keeps the result of a whole check (empty: sound again).
    func record(check problems: [String]) { damage.withLock { $0 = problems } }

    /// Notes a request's storage failure: only damage turns readiness off.
    func observe(_ error: StorageError) {
        guard error.code == .corrupt else { return }
        damage.withLock { if !$0.contains(error.message) { $0.append(error.message) } }
    }
}

/// The relay's own damage check, on demand (`huisclos-server check`) and periodically
/// (`IntegrityWatch`): the storage's integrity check, then the membership log verified again from
/// its genesis record.
public enum RelayIntegrity {
    /// What is damaged, each problem in a sentence; empty when the storage is sound.
    public static func check(_ storage: any ServerStorage, clock: ServerClock) async -> [String] {
        var problems: [String] = []
        do {
            problems += try await storage.integrityProblems().prefix(ServerLimits.integrityProblemsShownMax)
                .map { "database integrity: \($0)" }
        } catch {
            problems.append("database integrity check failed: \(error.message)")
        }
        do {
            _ = try CouncilLedger.verifiedStoredLog(try await storage.membershipRecords(from: 0),
                                                      now: Instant(unixSeconds: Int64(clock.now().timeIntervalSince1970)))
        } catch where error.code == .corrupt {
            problems.append("membership log: \(error.message)")
        } catch {
            problems.append("membership log could not be checked: \(error.message)")
        }
        return problems
    }
}

/// Runs `RelayIntegrity.check` at start and every `ServerLimits.integrityCheckSeconds`, keeps the
/// result in `StorageHealth` (what `/readyz` answers) and logs an error line when damage is found.
struct IntegrityWatch: Service {
    let storage: any ServerStorage
    let health: StorageHealth
    let clock: ServerClock
    let logger: Logger

    func run() async throws {
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let problems = await RelayIntegrity.check(storage, clock: clock)
            health.record(check: problems)
            for problem in problems {
                logger.error("storage damaged: run huisclos-server check, then restore the data folder from the last backup",
                             metadata: ["problem": "\(problem)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(ServerLimits.integrityCheckSeconds)) }
        }
    }
}
