import Foundation
public import HuisClosL10n
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

/// One kind of damage the relay's check found, with the storage's own words as its detail.
public struct IntegrityProblem: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The database's integrity check reports damage.
        case database
        /// The database's integrity check could not run.
        case databaseUnchecked
        /// The stored membership log does not verify from its genesis record.
        case membershipLog
        /// The stored membership log could not be read to verify it.
        case membershipLogUnchecked
    }

    public let kind: Kind
    /// What SQLite, PostgreSQL or the log verifier said (English).
    public let detail: String

    /// The problem in English, as the logs and `/readyz` give it.
    public var description: String {
        switch kind {
        case .database: "database integrity: \(detail)"
        case .databaseUnchecked: "database integrity check failed: \(detail)"
        case .membershipLog: "membership log: \(detail)"
        case .membershipLogUnchecked: "membership log could not be checked: \(detail)"
        }
    }

    /// The problem as the operator reads it: the English reader gets the storage's detail, the
    /// French reader what is damaged (the detail is the storage's own English words).
    public var text: Text {
        let french = switch kind {
        case .database: "intégrité de la base de données : la base signale des pages endommagées"
        case .databaseUnchecked: "le contrôle d'intégrité de la base n'a pas pu s'exécuter"
        case .membershipLog: "registre des membres : un enregistrement stocké ne se vérifie plus"
        case .membershipLogUnchecked: "registre des membres : il n'a pas pu être relu pour le vérifier"
        }
        return Text(fr: "endommagé : \(french) (détail en anglais : LANG=en)", en: "damaged: \(description)")
    }
}

/// The relay's own damage check, on demand (`huisclos-server check`) and periodically
/// (`IntegrityWatch`): the storage's integrity check, then the membership log verified again from
/// its genesis record.
public enum RelayIntegrity {
    /// What is damaged; empty when the storage is sound.
    public static func check(_ storage: any ServerStorage, clock: ServerClock) async -> [IntegrityProblem] {
        var problems: [IntegrityProblem] = []
        do {
            problems += try await storage.integrityProblems().prefix(ServerLimits.integrityProblemsShownMax)
                .map { IntegrityProblem(kind: .database, detail: $0) }
        } catch {
            problems.append(IntegrityProblem(kind: .databaseUnchecked, detail: error.message))
        }
        do {
            _ = try CouncilLedger.verifiedStoredLog(try await storage.membershipRecords(from: 0),
                                                      now: Instant(unixSeconds: Int64(clock.now().timeIntervalSince1970)))
        } catch where error.code == .corrupt {
            problems.append(IntegrityProblem(kind: .membershipLog, detail: error.message))
        } catch {
            problems.append(IntegrityProblem(kind: .membershipLogUnchecked, detail: error.message))
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
            health.record(check: problems.map(\.description))
            for problem in problems {
                logger.error("storage damaged: run huisclos-server check, then restore the data folder from the last backup",
                             metadata: ["problem": "\(problem)"])
            }
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: .seconds(ServerLimits.integrityCheckSeconds)) }
        }
    }
}
