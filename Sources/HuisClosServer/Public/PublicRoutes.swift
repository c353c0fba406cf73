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
/// - `GET /public/proces-verbaux/<séance>.html`: one séance's published minutes.
/// - `GET /public/accessibilite.html`, `GET /public/mentions-legales.html`: the accessibility
///   statement and the legal notice.
/// - `GET /public/deliberations.csv`, `GET /public/deliberations.json`: the open data.
///
/// No authentication: everything here is public by construction, because only the public scope
/// is read — every other scope holds sealed bodies the relay cannot open anyway.
struct PublicRoutes: Sendable {
    let site: PublicSiteSource

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.get("/public") { request, _ in try await refusing { try await index(request) } }
        router.get("/public/index.html") { request, _ in try await refusing { try await index(request) } }
        for name in PublicSite.pages where name != "index.html" {
            router.get("/public/\(name)") { _, _ in try await refusing { try await fixedPage(name) } }
        }
        router.get("/public/deliberations.csv") { _, _ in try await refusing { try await openData(csv: true) } }
        router.get("/public/deliberations.json") { _, _ in try await refusing { try await openData(csv: false) } }
        router.get("/public/textes/:page") { _, context in
            try await refusing { try await published(page: context.parameters.get("page") ?? "") { $0.textPage($1) } }
        }
        router.get("/public/\(PublicSite.minutesFolder)/:page") { _, context in
            try await refusing { try await published(page: context.parameters.get("page") ?? "") { $0.minutesPage($1) } }
        }
    }

    private func refusing(_ page: () async throws -> Response) async throws -> Response { try await site.refusing(page) }

    // Kept out of the route closures (see OperationsRoutes: the release compiler crashed
    // splitting generic closures that build responses inline).
    private func index(_ request: Request) async throws -> Response {
        // "/public" without its slash would resolve the page's relative links against "/": send
        // the visitor to "/public/" first (a hosted council's under its prefix, which this
        // router does not see in the path).
        if request.uri.path == "/public" {
            var response = Response(status: .movedPermanently)
            response.headers[.location] = site.base.path + "/"
            return response
        }
        return PublicSiteSource.page(try await site.site().indexPage())
    }

    private func fixedPage(_ name: String) async throws -> Response {
        guard let html = try await site.site().page(named: name) else { throw PublicSiteRefusal.notPublished }
        return PublicSiteSource.page(html)
    }

    /// The page `render` builds for the identifier `page` names (`<id>.html`): a published text or minutes; 404 otherwise.
    private func published(page: String, _ render: (PublicSite, String) -> String?) async throws -> Response {
        let id = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
        guard PublicationLimits.isValidIdentifier(id), let html = render(try await site.site(), id) else {
            throw PublicSiteRefusal.notPublished
        }
        return PublicSiteSource.page(html)
    }

    private func openData(csv: Bool) async throws -> Response {
        let publisher = try await site.publisher()
        let texts = try await site.cache.catalog().texts
        return csv
            ? PublicSiteSource.page(SCDLDeliberations.csv(texts, publisher: publisher), contentType: "text/csv; charset=utf-8")
            : PublicSiteSource.page(SCDLDeliberations.json(texts, publisher: publisher), contentType: "application/json")
    }
}
