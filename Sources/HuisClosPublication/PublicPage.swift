/// The HTML document every public page and the activity report share, built for the RGAA: a
/// language, a viewport, a skip link, banner / navigation / main / contentinfo landmarks, a
/// visible focus, and the legal links in the footer. No script, no external resource (a standalone
/// document says so in its own Content-Security-Policy; the site's pages get theirs from the relay).
enum PublicPage {
    /// Where a page sits: on the public site (with its navigation, `depth` folders below the
    /// site's root) or standing alone (the activity report, sent as a file).
    enum Placement {
        case site(depth: Int)
        case standalone
    }

    /// The public site's own pages, linked from every page's navigation and footer.
    static let index = "index.html"
    static let accessibility = "accessibilite.html"
    static let legalNotice = "mentions-legales.html"

    /// A complete document: `title` in the tab, `heading` over the content, `body` inside
    /// `<main>`; `canonical` is the page's address on the public site, when known.
    static func document(title: String, body: String, publisher: String, conformance: LegalInformation.Conformance,
                         placement: Placement, canonical: String? = nil) -> String {
        let link = canonical.map { "\n<link rel=\"canonical\" href=\"\(Escaping.html($0))\">" } ?? ""
        let header: String
        let footer: String
        var policy = ""
        switch placement {
        case let .site(depth):
            let root = String(repeating: "../", count: depth)
            header = """
                <header role="banner">
                <p class="site"><a href="\(root)\(index)">\(Escaping.html(publisher))</a></p>
                <nav role="navigation" aria-label="Menu principal"><ul>
                <li><a href="\(root)\(index)">Textes publiés</a></li>
                <li><a href="\(root)deliberations.csv">Données ouvertes (CSV)</a></li>
                <li><a href="\(root)deliberations.json">Données ouvertes (JSON)</a></li>
                </ul></nav>
                </header>
                """
            footer = """
                <footer role="contentinfo"><ul>
                <li><a href="\(root)\(accessibility)">Accessibilité : \(conformance.rawValue)</a></li>
                <li><a href="\(root)\(legalNotice)">Mentions légales</a></li>
                </ul></footer>
                """
        case .standalone:
            header = "<header role=\"banner\"><p class=\"site\">\(Escaping.html(publisher))</p></header>"
            footer = "<footer role=\"contentinfo\"><p>Accessibilité : \(conformance.rawValue)</p></footer>"
            policy = "\n<meta http-equiv=\"Content-Security-Policy\" content=\"\(standalonePolicy)\">"
        }
        return """
        <!DOCTYPE html>
        <html lang="fr">
        <head>
        <meta charset="utf-8">\(policy)
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(Escaping.html(title))</title>\(link)
        <style>\(style)</style>
        </head>
        <body>
        <a class="evitement" href="#contenu">Aller au contenu</a>
        \(header)
        <main id="contenu" role="main" tabindex="-1">
        \(body)
        </main>
        \(footer)
        </body>
        </html>

        """
    }

    /// The Content-Security-Policy a standalone document carries (an export opened from disk, the
    /// page Chromium prints to PDF): its own styles and inline images only — no script, no fetch.
    static let standalonePolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

    /// One style sheet: readable measure, contrasts of at least 4.5:1, a visible focus, the skip
    /// link shown when focused, tables that scroll on narrow screens.
    static let style = """
        body{font-family:sans-serif;max-width:50em;margin:0 auto;padding:0 1em;line-height:1.5;color:#1a1a1a;background:#fff}\
        a{color:#1f4e8c}a:focus,main:focus{outline:3px solid #1f4e8c;outline-offset:2px}\
        .evitement{position:absolute;left:-999em}.evitement:focus{position:static}\
        header,footer{border-bottom:1px solid #666;padding:.5em 0}footer{border-top:1px solid #666;border-bottom:0;margin-top:2em}\
        nav ul,footer ul{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}.site{font-weight:bold;margin:0}\
        .tableau{overflow-x:auto}table{border-collapse:collapse}td,th{border:1px solid #666;padding:.3em .6em;text-align:left}\
        svg{max-width:100%;height:auto}
        """
}
