import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle

/// One council served by the relay: its own storage, admin token, public site settings, health
/// and poke hub, and the routers built over them alone.
///
/// Isolation between the councils of a deployment is by construction: a request reaches one
/// council's routers (`CouncilDispatch`), and nothing those routers hold — storage, sessions,
/// caches, pokes, rate limits, the bus channel — belongs to another council.
struct CouncilRelay: Sendable {
    /// Nil for the default council (served at the root, from the data folder itself).
    let id: CouncilID?
    /// Where its admin token and `public-site.json` live.
    let folder: URL
    let storage: any ServerStorage
    /// Carries its pokes and revocations to the other instances (its own channel); nil alone.
    let bus: (any RelayBus)?
    let admin: AdminToken
    /// Whether its storage is sound (its `/readyz`; the root's `/readyz` reports every council's).
    let health = StorageHealth()
    let publicBase: PublicBaseURL
    let publicSettings: PublicSiteSettings?
    /// The public form's anti-abuse state (in memory), one per council for the process's life.
    let contributionGate: ContributionGate

    /// A council over `storage`; the default council takes the configured admin token, the others
    /// the one in their folder (created with the council, `CouncilDirectory.create`).
    init(id: CouncilID?, folder: URL, storage: any ServerStorage, bus: (any RelayBus)?, configuration: ServerConfiguration) throws {
        self.id = id
        self.folder = folder
        self.storage = storage
        self.bus = bus
        if id == nil {
            admin = try AdminToken(configured: configuration.adminToken, configuredFile: configuration.adminTokenFile, folder: folder)
        } else {
            admin = try AdminToken(configured: nil, configuredFile: nil, folder: folder)
        }
        publicSettings = try PublicSiteSettings.load(folder: folder)
        publicBase = PublicBaseURL(configuration: configuration, council: id, councilURL: publicSettings?.url)
        contributionGate = try ContributionGate()
    }

    /// What serves this council: its HTTP router, its watch-upgrade router and its background
    /// services (integrity checks, the bus listener). `readiness` is what its `/readyz` reports.
    func responders(configuration: ServerConfiguration, metrics: ServerMetrics, readiness: [StorageHealth], logger: Logger)
        -> (http: RouterResponder<RelayRequestContext>, watch: RouterResponder<WatchRequestContext>, services: [any Service])
    {
        var logger = logger
        if let id { logger[metadataKey: "council"] = "\(id)" }
        let ledger = CouncilLedger(storage: storage, clock: configuration.clock)
        let authenticator = Authenticator(storage: storage, admin: admin, clock: configuration.clock, ledger: ledger)
        let hub = PokeHub(metrics: metrics, council: id?.rawValue ?? "default")
        let fanout = RelayFanout(hub: hub, authenticator: authenticator, bus: bus)
        let quota = CouncilQuota(storage: storage, bytesMax: configuration.quotas.councilStorageBytesMax, metrics: metrics,
                                 council: id?.rawValue ?? "default", contributionsSharePercent: configuration.quotas.contributionsSharePercent)
        let services = RelayServices(
            configuration: configuration, storage: storage, authenticator: authenticator,
            intake: BatchIntake(storage: storage, authenticator: authenticator, fanout: fanout, metrics: metrics, clock: configuration.clock,
                                quota: quota),
            hub: hub, fanout: fanout, metrics: metrics, councilQuota: quota,
            limiter: RateLimiter(windowSeconds: configuration.quotas.rateWindowSeconds), logger: logger)

        let router = Router(context: RelayRequestContext.self)
        router.add(middleware: ForwardedClient(proxies: configuration.trustedProxies))
        let incarnation = IncarnationStamp(storage: storage)
        router.add(middleware: ProtocolMiddleware(metrics: metrics, health: health, clock: configuration.clock, incarnation: incarnation))
        AccessRoutes(services: services).register(on: router)
        SyncRoutes(services: services).register(on: router)
        FileRoutes(services: services).register(on: router)
        MembershipRoutes(services: services, ledger: ledger).register(on: router)
        OperationsRoutes(services: services, storages: readiness).register(on: router)
        let publicCatalog = PublicCatalogCache(storage: storage, ledger: ledger, metrics: metrics, logger: logger)
        let site = PublicSiteSource(services: services, settings: publicSettings, ledger: ledger, base: publicBase, cache: publicCatalog)
        PublicRoutes(site: site).register(on: router)
        ConsultationFormRoutes(site: site, gate: contributionGate).register(on: router)
        ContributionRoutes(services: services, ledger: ledger, cache: publicCatalog, gate: contributionGate).register(on: router)

        let webSocketRouter = Router(context: WatchRequestContext.self)
        webSocketRouter.add(middleware: ProtocolMiddleware(metrics: metrics, health: health, clock: configuration.clock,
                                                           incarnation: incarnation) { error, context in await context.refuse(error) })
        SyncRoutes(services: services).registerWatch(on: webSocketRouter)

        let background: [any Service] = [IntegrityWatch(storage: storage, health: health, clock: configuration.clock, logger: logger)]
            + (bus.map { [RelayBusListener(bus: $0, fanout: fanout)] } ?? [])
        return (router.buildResponder(), webSocketRouter.buildResponder(), background)
    }
}
