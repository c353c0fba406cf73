import Foundation
import HTTPTypes
import HuisClosProtocol
import HuisClosPublication
import HuisClosTrust
import HuisClosWire
import Hummingbird

/// Read-only public pages at `/public/…`: the texts the council published (the public scope's
/// plain batches, nothing else), as HTML and as SCDL « Délibérations » open data.
///
/// - `GET /public/` (and `/public/index.html`): the list of published texts.
/// - `GET /public/textes/<id>.html`: one text.
/// - `GET /public/accessibilite.html`, `GET /public/mentions-legales.html`: the accessibility
///   statement and the legal notice.
/// - `GET /public/deliberations.csv`, `GET /public/deliberations.json`: the open data.
///
/// No authentication: everything here is public by construction, because only the public scope
/// is read — every other scope holds sealed bodies the relay cannot open anyway.
struct PublicRoutes: Sendable {
    let services: RelayServices
    /// Nil without `<data>/public-site.json`: every page then answers 404 saying what to configure.
    let settings: PublicSiteSettings?
    /// The council's name comes from its verified membership log.
    let ledger: CouncilLedger
    let base: PublicBaseURL
    let cache: PublicCatalogCache

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/public") { request, _ in try await refusing { try await index(request) } }
        router.get("/public/index.html") { request, _ in try await refusing { try await index(request) } }
        for name in PublicSite.pages where name != "index.html" {
            router.get("/public/\(name)") { _, _ in try await refusing { try await fixedPage(name) } }
        }
        router.get("/public/deliberations.csv") { _, _ in try await refusing { try await openData(csv: true) } }
        router.get("/public/deliberations.json") { _, _ in try await refusing { try await openData(csv: false) } }
        router.get("/public/textes/:page") { request, context in
            try await refusing { try await text(request, page: context.parameters.get("page") ?? "") }
        }
    }

    /// Answers `page`, or the page a visitor reads when the site refuses (404, French then English).
    private func refusing(_ page: () async throws -> Response) async throws -> Response {
        do {
            return try await page()
        } catch let refusal as PublicSiteRefusal {
            var response = Self.page(refusal.page, contentType: "text/html; charset=utf-8")
            response.status = .notFound
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    // Kept out of the route closures (see OperationsRoutes: the release compiler crashed
    // splitting generic closures that build responses inline).
    private func index(_ request: Request) async throws -> Response {
        // "/public" without its slash would resolve the page's relative links against "/": send
        // the visitor to "/public/" first (a hosted council's under its prefix, which this
        // router does not see in the path).
        if request.uri.path == "/public" {
            var response = Response(status: .movedPermanently)
            response.headers[.location] = base.path + "/"
            return response
        }
        let site = PublicSite(catalog: try await cache.catalog(), publisher: try await publisher())
        return Self.page(site.indexPage(), contentType: "text/html; charset=utf-8")
    }

    private func fixedPage(_ name: String) async throws -> Response {
        let site = PublicSite(catalog: try await cache.catalog(), publisher: try await publisher())
        guard let html = site.page(named: name) else { throw PublicSiteRefusal.notPublished }
        return Self.page(html, contentType: "text/html; charset=utf-8")
    }

    private func text(_ request: Request, page: String) async throws -> Response {
        let id = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
        let site = PublicSite(catalog: try await cache.catalog(), publisher: try await publisher())
        guard PublicationLimits.isValidIdentifier(id), let html = site.textPage(id) else {
            throw PublicSiteRefusal.notPublished
        }
        return Self.page(html, contentType: "text/html; charset=utf-8")
    }

    private func openData(csv: Bool) async throws -> Response {
        let publisher = try await publisher()
        let texts = try await cache.catalog().texts
        return csv
            ? Self.page(SCDLDeliberations.csv(texts, publisher: publisher), contentType: "text/csv; charset=utf-8")
            : Self.page(SCDLDeliberations.json(texts, publisher: publisher), contentType: "application/json")
    }

    /// Who publishes: the configured SIRET (refused until there is one) under the configured name
    /// or the council's own, from its set-up.
    private func publisher() async throws -> Publisher {
        guard let settings else { throw PublicSiteRefusal.unconfigured }
        guard let councilName = try await ledger.state()?.councilName ?? settings.name else { throw PublicSiteRefusal.noCouncil }
        return try settings.publisher(councilName: councilName, baseURL: base.url())
    }

    static func page(_ text: String, contentType: String) -> Response {
        var response = Response.bytes(Array(text.utf8), contentType: contentType)
        response.headers[.cacheControl] = "public, max-age=60"
        return response
    }
}
