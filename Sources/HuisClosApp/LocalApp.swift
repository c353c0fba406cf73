import Foundation
public import HuisClosClient
import HuisClosDevice
public import HuisClosEngine
public import HuisClosL10n
import Hummingbird
public import Logging
public import ServiceLifecycle

/// How `huisclos app` serves: the port (0: any free one), the idle time before it locks, the
/// pages' language when the browser has not chosen one, and the bounds on its connections.
public struct LocalAppSettings: Sendable {
    public var port: Int
    public var idleMinutes: Int
    public var language: Language
    public var connections: AppConnectionLimits

    /// The app's defaults: any free port, locked after 15 idle minutes, French.
    public static let idleMinutesDefault = 15

    public init(port: Int = 0, idleMinutes: Int = LocalAppSettings.idleMinutesDefault, language: Language = .french,
                connections: AppConnectionLimits = AppConnectionLimits()) {
        self.port = port
        self.idleMinutes = idleMinutes
        self.language = language
        self.connections = connections
    }
}

/// The members' local web interface over one unlocked device: served on the loopback addresses
/// only, under a host name of its own for each launch, reached through the one-time secret of the
/// address it prints, locked after the idle time.
public struct LocalApp: Sendable {
    private let vault: AppVault
    private let address: AppAddress
    private let settings: LocalAppSettings
    private let pages: AppPages

    /// The app over `session`, on `clock` (the idle time is counted on it).
    public init(session: ClientSession, settings: LocalAppSettings, clock: any WallClock) throws {
        vault = try AppVault(session: session, idleMinutes: settings.idleMinutes, clock: clock)
        self.settings = settings
        address = try AppAddress()
        pages = try AppPages()
    }

    /// The application (on 127.0.0.1 and ::1) and its idle lock, as one service; `onListening` is
    /// given the address to open, `http://h<hex>.localhost:PORT/entree?cle=SECRET`. It throws
    /// `app.loopbackTaken` when another program holds the port on either loopback address, and
    /// `device.wiped` when it stopped because the secretariat's wipe order destroyed the device.
    public func application(logger: Logger, onListening: @escaping @Sendable (_ url: String) async -> Void) -> some Service {
        let router = Router(context: AppRequestContext.self)
        router.add(middleware: AppGuard(vault: vault, address: address, pages: pages, defaultLanguage: settings.language))
        AppRoutes(pages: pages, vault: vault).register(on: router)
        let address = self.address
        let secret = vault.launchSecret
        return LoopbackServers(responder: router.buildResponder(), http: settings.connections.server(pages: pages, address: address), port: settings.port,
                               services: [IdleLock(vault: vault), WipeStop(vault: vault)], logger: logger) { port in
            address.bound(port: port)
            await onListening("\(address.base)\(AppPages.Path.entry)?cle=\(secret)")
        }
    }

    /// Closes the device (at the end of the run): its key memory is released.
    public func lock() async throws { try await vault.lock() }

    /// True while the device is unlocked (false for good after a lock: the app is started again to go on).
    public var isUnlocked: Bool { get async { await vault.isUnlocked } }
}

/// Locks the app once its idle time has passed, even when no request comes to notice it. The check
/// runs every 15 s of real time; the idle time itself is read from the app's injected clock.
struct IdleLock: Service {
    let vault: AppVault

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    try await Task.sleep(for: .seconds(15))
                } catch {
                    return
                }
                try? await vault.lockIfIdle()
            }
        }
    }
}

/// Stops the app once the secretariat's wipe order has destroyed the device and the last page is
/// answered: nothing is left to serve, and no decrypted text should stay in a live process. It
/// throws `device.wiped`, which ends the servers (answers under way are finished first).
struct WipeStop: Service {
    let vault: AppVault

    func run() async throws {
        let ordered = await cancelWhenGracefulShutdown {
            var orders = vault.stopOrders.makeAsyncIterator()
            return await orders.next() != nil
        }
        if ordered { throw DeviceError(.wiped, DeviceError.Code.wiped.text) }
    }
}
