import Foundation
import HTTPTypes
import HuisClosPublication
import HuisClosTrust
import Hummingbird

/// What the public site's routes share: the relay's services, the publisher's settings, the
/// council's name (from its verified log), the public address and the catalog of the public scope.
struct PublicSiteSource: Sendable {
    let services: RelayServices
    /// Nil without `<data>/public-site.json`: every page then answers 404 saying what to configure.
    let settings: PublicSiteSettings?
    /// The council's name comes from its verified membership log.
    let ledger: CouncilLedger
    let base: PublicBaseURL
    let cache: PublicCatalogCache

    /// The site as it stands now (its index lists the consultations open now).
    func site() async throws -> PublicSite {
        PublicSite(catalog: try await cache.catalog(), publisher: try await publisher(), now: Int64(services.now.timeIntervalSince1970))
    }

    /// Who publishes: the configured SIRET (refused until there is one) under the configured name
    /// or the council's own, from its set-up.
    func publisher() async throws -> Publisher {
        guard let settings else { throw PublicSiteRefusal.unconfigured }
        guard let councilName = try await ledger.state()?.councilName ?? settings.name else { throw PublicSiteRefusal.noCouncil }
        return try settings.publisher(councilName: councilName, baseURL: base.url())
    }

    /// Answers `page`, or the page a visitor reads when the site refuses (404, French then English).
    func refusing(_ page: () async throws -> Response) async throws -> Response {
        do {
            return try await page()
        } catch let refusal as PublicSiteRefusal {
            return Self.page(refusal.page, status: .notFound, cache: false)
        }
    }

    /// An HTML page (or `contentType`); cached a minute unless it holds a visitor's form state;
    /// under the public site's Content-Security-Policy, never sniffed as another type.
    static func page(_ text: String, contentType: String = "text/html; charset=utf-8", status: HTTPResponse.Status = .ok,
                     cache: Bool = true) -> Response {
        var response = Response.bytes(Array(text.utf8), contentType: contentType)
        response.status = status
        response.headers[.cacheControl] = cache ? "public, max-age=60" : "no-store"
        response.headers[.contentSecurityPolicy] = PublicSite.contentSecurityPolicy
        response.headers[HTTPField.Name("X-Content-Type-Options")!] = "nosniff"
        return response
    }
}
