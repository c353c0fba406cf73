import CoreMetrics
import Prometheus
import Synchronization

/// The server's Prometheus registry and the counters it keeps, one registry per server instance
/// (so several servers in one test process do not mix their figures, and nothing global is bootstrapped).
struct ServerMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let factory: PrometheusMetricsFactory
    /// Request metrics by route and status, made once each: building them per request showed in
    /// profiles (a registry lookup and label strings every time).
    private let requestMetrics = RequestMetricsCache()

    init() { factory = PrometheusMetricsFactory(registry: registry) }

    /// Counts one answered request by route pattern and status, and records its duration.
    func request(route: String, status: Int, duration: Duration) {
        let (counter, timer) = requestMetrics.metrics(route: route, status: status) {
            (Counter(label: "huisclos_http_requests_total", dimensions: [("route", route), ("status", String(status))], factory: factory),
             Timer(label: "huisclos_http_request_duration_seconds", dimensions: [("route", route)], factory: factory))
        }
        counter.increment()
        timer.recordNanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// Counts pushed batches by outcome (`accepted`, `duplicate`, `rejected`).
    func batches(_ outcome: String, count: Int) {
        guard count > 0 else { return }
        Counter(label: "huisclos_batches_pushed_total", dimensions: [("outcome", outcome)], factory: factory)
            .increment(by: count)
    }

    /// Counts batches sent by pulls.
    func pulled(count: Int) {
        Counter(label: "huisclos_batches_pulled_total", dimensions: [], factory: factory).increment(by: count)
    }

    /// Counts chunk bytes received or sent (`direction` = `in` or `out`).
    func chunkBytes(_ direction: String, count: Int) {
        Counter(label: "huisclos_chunk_bytes_total", dimensions: [("direction", direction)], factory: factory)
            .increment(by: count)
    }

    /// Counts builds of the public site's catalog (a cached catalog is built again only when the
    /// public log or the membership log grew).
    func publicCatalogBuilt() {
        Counter(label: "huisclos_public_catalog_builds_total", dimensions: [], factory: factory).increment()
    }

    /// Counts public batches verified and folded into the catalog (each once, unless the
    /// membership log changed or the relay was restored).
    func publicBatchesFolded(_ count: Int) {
        Counter(label: "huisclos_public_batches_folded_total", dimensions: [], factory: factory).increment(by: count)
    }

    /// Counts connections closed by the server's guard (`reason`: `malformed`, `headTimeout`, `tooMany`,
    /// `idleEvicted`: the one idle the longest, closed for a new connection at the bound in all).
    func connectionRefused(_ reason: String) {
        Counter(label: "huisclos_connections_refused_total", dimensions: [("reason", reason)], factory: factory).increment()
    }

    /// Sets the number of open watch sockets of `council` (`default` for the default council).
    func watchers(_ count: Int, council: String) {
        Gauge(label: "huisclos_watch_sockets", dimensions: [("council", council)], factory: factory).record(count)
    }

    /// Sets the number of pokes queued for `council`'s watch sockets and not yet written: a
    /// backlog that grows means sockets (or this instance) cannot keep up.
    func pokesPending(_ count: Int, council: String) {
        Gauge(label: "huisclos_pokes_pending", dimensions: [("council", council)], factory: factory).record(count)
    }

    /// Whether a hosted council could not be opened at start (1: it answers 503 until fixed and restarted).
    func councilUnavailable(_ unavailable: Bool, council: String) {
        Gauge(label: "huisclos_council_unavailable", dimensions: [("council", council)], factory: factory).record(unavailable ? 1 : 0)
    }

    /// Sets the bytes `council`'s data takes in the database, as its last quota check read them, and its quota.
    func councilStoredBytes(_ bytes: Int64, quota: Int64, council: String) {
        Gauge(label: "huisclos_council_stored_bytes", dimensions: [("council", council)], factory: factory).record(bytes)
        Gauge(label: "huisclos_council_quota_bytes", dimensions: [("council", council)], factory: factory).record(quota)
    }

    /// Counts writes refused because `council`'s storage quota is used up.
    func councilQuotaRefused(council: String) {
        Counter(label: "huisclos_council_quota_refusals_total", dimensions: [("council", council)], factory: factory).increment()
    }

    /// Counts a request that failed in the storage (`code`: `unavailable`, `corrupt`, `schemaTooNew`).
    func storageError(_ code: String) {
        Counter(label: "huisclos_storage_errors_total", dimensions: [("code", code)], factory: factory).increment()
    }

    /// The Prometheus text exposition of everything above.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}

/// The request counter and timer of each (route, status), bounded by the routes of the API.
final class RequestMetricsCache: Sendable {
    private let entries = Mutex<[String: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    /// The cached pair, made by `make` the first time.
    func metrics(route: String, status: Int,
                 make: () -> (CoreMetrics.Counter, CoreMetrics.Timer)) -> (CoreMetrics.Counter, CoreMetrics.Timer) {
        let key = "\(route) \(status)"
        if let found = entries.withLock({ $0[key] }) { return found }
        let made = make()
        entries.withLock { $0[key] = made }
        return made
    }
}
