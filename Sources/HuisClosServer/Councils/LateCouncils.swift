import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// Councils the relay did not serve at start: created since (`huisclos-server councils create`)
/// or unavailable then (a damaged database or settings, since repaired). Each is opened on the
/// first request naming it — its folder found under `<data>/councils/`, its storage opened and
/// its routers built as at start — then served like the others, without restarting the relay.
///
/// A folder that cannot be opened answers 503 under its prefix and is tried again on a request
/// at least `retrySeconds` later, so a flood of requests for a broken council costs one attempt
/// per interval. A path naming no council folder is left to the default council (404).
actor LateCouncils {
    /// What serves one council: its HTTP and watch-upgrade routers.
    struct Responders: Sendable {
        let http: RouterResponder<RelayRequestContext>
        let watch: RouterResponder<WatchRequestContext>
    }

    /// What a request naming council `id` finds.
    enum Found: Sendable {
        case served(Responders)
        /// Its folder exists but it cannot be opened now.
        case unavailable
        /// No council folder of that name.
        case none
    }

    /// Seconds between two attempts at opening a council that failed.
    static let retrySeconds: TimeInterval = 10

    private let directory: CouncilDirectory
    private let open: @Sendable (CouncilID, _ port: Int) async throws -> Responders
    private let clock: ServerClock
    private let logger: Logger
    private var served: [CouncilID: Responders] = [:]
    private var opening: [CouncilID: Task<Found, Never>] = [:]
    private var failedAt: [CouncilID: Date] = [:]
    /// The port the relay bound (a council's public site links need it); 0 before it runs.
    private var port = 0

    /// Councils of `directory`, each opened by `open` (its storage, its `CouncilRelay`, its
    /// routers, its background services started) with the port the relay bound.
    init(directory: CouncilDirectory, clock: ServerClock, logger: Logger,
         open: @escaping @Sendable (CouncilID, _ port: Int) async throws -> Responders) {
        self.directory = directory
        self.clock = clock
        self.logger = logger
        self.open = open
    }

    /// Records the port the relay bound, once it runs.
    func bound(port value: Int) { port = value }

    /// What serves the council named `name` in a request's path, opening it on first use.
    func find(_ name: String) async -> Found {
        guard let id = try? CouncilID(name) else { return .none }
        if let responders = served[id] { return .served(responders) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.folder(of: id).path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return .none
        }
        if let task = opening[id] { return await task.value }
        if let failed = failedAt[id], clock.now().timeIntervalSince(failed) < Self.retrySeconds { return .unavailable }
        let (open, port, logger) = (self.open, self.port, self.logger)
        let task = Task<Found, Never> {
            do { return .served(try await open(id, port)) } catch {
                logger.error("a hosted council cannot be served: it answers 503 until fixed (tried again on a later request)",
                             metadata: ["council": "\(id)", "error": "\(error)"])
                return .unavailable
            }
        }
        opening[id] = task
        let found = await task.value
        opening[id] = nil
        switch found {
        case let .served(responders):
            served[id] = responders
            failedAt[id] = nil
            logger.notice("serving a hosted council opened while the relay runs", metadata: ["council": "\(id)", "path": "\(id.pathPrefix)/v1"])
        case .unavailable, .none:
            failedAt[id] = clock.now()
        }
        return found
    }
}

/// Runs the background services (integrity checks, bus listener) of the councils `LateCouncils`
/// opens after start, inside the relay's service group: they stop when it shuts down.
final class LateCouncilServices: Service {
    private let stream: AsyncStream<any Service>
    private let continuation: AsyncStream<any Service>.Continuation
    private let logger: Logger

    init(logger: Logger) {
        (stream, continuation) = AsyncStream.makeStream(of: (any Service).self)
        self.logger = logger
    }

    /// Starts `service` now (before the relay runs: as soon as it does).
    func start(_ service: any Service) { continuation.yield(service) }

    func run() async throws {
        let (stream, logger) = (self.stream, self.logger)
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                for await service in stream {
                    group.addTask {
                        do { try await service.run() } catch {
                            logger.error("a hosted council's background service stopped", metadata: ["error": "\(error)"])
                        }
                    }
                }
            }
        }
    }
}
