import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle

/// Serves the app on both loopback addresses, 127.0.0.1 and ::1, at one port. Browsers resolve a
/// `.localhost` name to both and try ::1 first: served on 127.0.0.1 alone, the app would leave
/// [::1]:PORT to any other local user, whose program would then receive the member's requests,
/// cookie included. When the port cannot be held on both the app does not start
/// (`app.loopbackTaken`); on a machine without IPv6 there is no ::1 to take and 127.0.0.1 suffices.
///
/// Both servers share one bound on connections (`AppConnectionLimits`), so that no flood of idle
/// sockets can exhaust the process's descriptors and free the port for another program.
struct LoopbackServers<Responder: HTTPResponder>: Service where Responder.Context == AppRequestContext {
    let responder: Responder
    /// HTTP/1.1 behind the connection guard (`AppConnectionLimits.server`).
    let http: HTTPServerBuilder
    /// The port asked for; 0: a free one, tried again a few times when its ::1 side is taken.
    let port: Int
    /// Services run beside the servers (the idle lock).
    let services: [any Service]
    let logger: Logger
    /// Called once the port is held on every loopback address.
    let onListening: @Sendable (_ port: Int) async -> Void

    /// How many free ports are tried before giving up when each one's ::1 side is taken.
    static var freePortAttemptsMax: Int { 5 }

    func run() async throws {
        for attempt in 1...Self.freePortAttemptsMax {
            do {
                return try await serve(port: port)
            } catch let error as AppError where error.code == .loopbackTaken && port == 0 && attempt < Self.freePortAttemptsMax {
                continue
            }
        }
    }

    private func serve(port asked: Int) async throws {
        let (ports, announce) = AsyncStream.makeStream(of: Int.self)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                defer { announce.finish() }
                try await Self.bindingRefusal {
                    try await server(host: "127.0.0.1", port: asked, services: services) { announce.yield($0) }.run()
                }
            }
            var bound = ports.makeAsyncIterator()
            guard let port = await bound.next() else { return try await Self.untilOneFails(&group) }
            group.addTask {
                defer { announce.finish() }
                do {
                    try await Self.bindingRefusal {
                        try await server(host: "::1", port: port, services: []) { _ in announce.yield(port) }.run()
                    }
                } catch let error as IOError where [EADDRNOTAVAIL, EAFNOSUPPORT].contains(error.errnoCode) {
                    announce.yield(port)  // no IPv6 loopback on this machine: nothing for another program to take
                }
            }
            guard await bound.next() != nil else { return try await Self.untilOneFails(&group) }
            await onListening(port)
            try await Self.untilOneFails(&group)
        }
    }

    private func server(host: String, port: Int, services: [any Service],
                        running: @escaping @Sendable (Int) -> Void) -> some Service {
        Application(responder: responder, server: http, configuration: .init(address: .hostname(host, port: port), serverName: nil),
                    services: services, onServerRunning: { running($0.localAddress?.port ?? 0) }, logger: logger)
    }

    /// Waits for every server to end, or throws the first failure (the task group then cancels the
    /// other: `waitForAll` would keep waiting for it).
    private static func untilOneFails(_ group: inout ThrowingTaskGroup<Void, any Error>) async throws {
        while try await group.next() != nil {}
    }

    /// Runs `body`, a port already taken by another program thrown as `app.loopbackTaken`.
    private static func bindingRefusal(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw AppError(.loopbackTaken)
        }
    }
}
