/// The public site's pages (HTML, French: the council publishes in French), rendered from a
/// catalog of published texts only.
public struct PublicSite: Sendable {
    /// The published texts.
    public let catalog: PublicCatalog
    /// The publishing body.
    public let publisher: Publisher

    /// A site over `catalog`.
    public init(catalog: PublicCatalog, publisher: Publisher) {
        self.catalog = catalog
        self.publisher = publisher
    }

    /// The index: every published text with its date, kind and vote, and links to the open data.
    public func indexPage() -> String {
        var rows = ""
        for text in catalog.texts {
            rows += """
                <tr><td>\(text.adoptedOn.french)</td><td>\(Self.kindName(text.kind))</td>\
                <td><a href="textes/\(text.id).html">\(Escaping.html(text.title))</a></td>\
                <td>\(text.vote.inFavour) pour, \(text.vote.against) contre, \(text.vote.abstaining) abstention(s)</td></tr>

                """
        }
        let body = """
            <h1>\(Escaping.html(publisher.name)) — textes publiés</h1>
            <p>Données ouvertes (schéma SCDL « Délibérations ») : <a href="deliberations.csv">CSV</a>, \
            <a href="deliberations.json">JSON</a>.</p>
            <table>
            <thead><tr><th>Date</th><th>Nature</th><th>Objet</th><th>Vote</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table>
            """
        return Self.page(title: "\(publisher.name) — textes publiés", body: body)
    }

    /// The page of one published text; nil if `id` is not published.
    public func textPage(_ id: String) -> String? {
        guard let text = catalog.text(id) else { return nil }
        let paragraphs = text.paragraphs.map { "<p>\(Escaping.html($0))</p>" }.joined(separator: "\n")
        let referral = text.referral.map { "<p class=\"saisine\">\(Escaping.html($0))</p>\n" } ?? ""
        let body = """
            <p><a href="../index.html">← Textes publiés</a></p>
            <h1>\(Self.kindName(text.kind)) : \(Escaping.html(text.title))</h1>
            \(referral)<p class="adoption">Adopté en séance le \(text.adoptedOn.french) \
            (\(Escaping.html(text.seance))) : \(text.vote.inFavour) pour, \(text.vote.against) contre, \
            \(text.vote.abstaining) abstention(s), \(text.vote.voting) votants sur \(text.vote.seated) membres.</p>
            \(paragraphs)
            """
        let canonical = publisher.baseURL.isEmpty ? nil : publisher.pageURL(of: text)
        return Self.page(title: "\(Self.kindName(text.kind)) : \(text.title)", body: body, canonical: canonical)
    }

    /// The French name of a kind of text.
    static func kindName(_ kind: PublishedText.Kind) -> String {
        switch kind {
        case .avis: "Avis"
        case .recommandation: "Recommandation"
        case .programme: "Programme de travail"
        }
    }

    /// A complete HTML document around `body` (no script, no external resource); `canonical` is
    /// the page's address on the public site, when known.
    static func page(title: String, body: String, canonical: String? = nil) -> String {
        let link = canonical.map { "\n<link rel=\"canonical\" href=\"\(Escaping.html($0))\">" } ?? ""
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head><meta charset="utf-8"><title>\(Escaping.html(title))</title>\(link)
        <style>body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.5}\
        table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;text-align:left}</style>
        </head>
        <body>
        \(body)
        </body>
        </html>

        """
    }
}
