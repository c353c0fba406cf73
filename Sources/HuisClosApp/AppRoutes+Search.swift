import Foundation
import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import Hummingbird

/// The search page over the replica's full-text index.
extension AppRoutes {
    /// The replica's full-text search (as `huisclos dossiers chercher`): each hit's version, title
    /// and snippet, printed escaped like every value of a page. The words come in a POST form (with
    /// the page's CSRF token), never in the address: the browser would keep them in its history, in
    /// plaintext on disk. A GET shows the empty search page.
    func search(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let query = request.method == .post ? context.form["q"] ?? "" : ""
        let searched = !query.trimmingCharacters(in: .whitespaces).isEmpty
        let hits = searched ? try await context.requireSession().searchDossiers(query) : []
        let model: [String: Any] = [
            "searched": searched, "count": AppWords.hits(hits.count).in(language),
            "hits": hits.map { hit in
                ["href": Self.dossierHref(hit.scope, hit.dossier, hit.version), "title": hit.title, "version": hit.version,
                 "scope": hit.scope, "snippet": hit.snippet.split(whereSeparator: \.isNewline).joined(separator: " ")] as [String: Any]
            },
        ]
        return pages.page("search", title: AppWords.word("search", language), model: model, context: context, path: request.uri.path,
                          query: query)
    }
}
