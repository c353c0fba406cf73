public import HuisClosL10n

extension PublicSite {
    /// The page a visitor gets when the public site cannot answer (nothing configured yet, no such
    /// page or text): why and what to do, in French then in English, in the site's accessible
    /// layout without its links (the publisher may not be known yet). Served with status 404.
    public static func refusalPage(_ reason: Text) -> String {
        let body = """
            <h1>Page indisponible</h1>
            <p>\(Escaping.html(reason.french))</p>
            <div lang="en">
            <h2>Page unavailable</h2>
            <p>\(Escaping.html(reason.english))</p>
            </div>
            """
        return PublicPage.document(title: "Page indisponible", body: body, publisher: "Site public du conseil",
                                   conformance: .none, placement: .standalone)
    }
}
