import HuisClosCouncil

/// The public site's pages (HTML, French: the council publishes in French), rendered from a
/// catalog of published texts only, plus the accessibility statement and the legal notice the
/// law requires of a public body's site.
public struct PublicSite: Sendable {
    /// The published texts.
    public let catalog: PublicCatalog
    /// The publishing body.
    public let publisher: Publisher
    /// Now (seconds since 1970), to list the consultations open; nil lists none.
    public let now: Int64?

    /// The file names of the site's fixed pages, under its root.
    public static let pages = [PublicPage.index, PublicPage.accessibility, PublicPage.legalNotice]

    /// A site over `catalog`; with `now`, the index lists the public consultations open then.
    public init(catalog: PublicCatalog, publisher: Publisher, now: Int64? = nil) {
        self.catalog = catalog
        self.publisher = publisher
        self.now = now
    }

    /// The fixed page named `name` (one of `pages`); nil for any other name.
    public func page(named name: String) -> String? {
        switch name {
        case PublicPage.index: indexPage()
        case PublicPage.accessibility: accessibilityPage()
        case PublicPage.legalNotice: legalNoticePage()
        default: nil
        }
    }

    /// The index: every published text with its date, kind and vote, and links to the open data.
    public func indexPage() -> String {
        let rows = catalog.texts.map { text in
            """
            <tr><td>\(text.adoptedOn.french)</td><td>\(Self.kindName(text.kind))</td>\
            <td><a href="textes/\(text.id).html">\(Escaping.html(text.title))</a></td>\
            <td>\(text.vote.inFavour) pour, \(text.vote.against) contre, \(text.vote.abstaining) abstention(s)</td></tr>

            """
        }.joined()
        let list = catalog.texts.isEmpty ? "<p>Aucun texte n'a encore été publié.</p>" : """
            <div class="tableau"><table>
            <caption>Textes adoptés et publiés, du plus récent au plus ancien</caption>
            <thead><tr><th scope="col">Date</th><th scope="col">Nature</th><th scope="col">Objet</th><th scope="col">Vote</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            """
        let body = """
            <h1>Textes publiés</h1>
            <p>Avis, recommandations et programmes de travail adoptés par le \(Escaping.html(publisher.name)). \
            Données ouvertes (schéma SCDL « Délibérations » 2.1.5) : <a href="deliberations.csv">CSV</a>, \
            <a href="deliberations.json">JSON</a>.</p>
            \(consultationsSection(at: now))\(list)\(minutesSection)
            """
        return document(title: "Textes publiés — \(publisher.name)", body: body, depth: 0, canonical: url(PublicPage.index))
    }

    /// The page of one published text; nil if `id` is not published.
    public func textPage(_ id: String) -> String? {
        guard let text = catalog.text(id) else { return nil }
        let paragraphs = text.paragraphs.map { "<p>\(Escaping.html($0))</p>" }.joined(separator: "\n")
        let referral = text.referral.map { "<p class=\"saisine\">\(Escaping.html($0))</p>\n" } ?? ""
        let tally = text.tally.map {
            "<p class=\"bilan\">Consultation \(Escaping.html($0.consultation)) : \($0.received) contribution(s) reçue(s), \($0.retained) retenue(s).</p>\n"
        } ?? ""
        let body = """
            <p><a href="../\(PublicPage.index)">Retour aux textes publiés</a></p>
            <h1>\(Self.kindName(text.kind)) : \(Escaping.html(text.title))</h1>
            \(referral)\(tally)<p class="adoption">Adopté en séance le \(text.adoptedOn.french) \
            (\(Escaping.html(text.seance))) : \(text.vote.inFavour) pour, \(text.vote.against) contre, \
            \(text.vote.abstaining) abstention(s), \(text.vote.voting) votants sur \(text.vote.seated) membres.</p>
            \(paragraphs)
            """
        let canonical = publisher.baseURL.isEmpty ? nil : publisher.pageURL(of: text)
        return document(title: "\(Self.kindName(text.kind)) : \(text.title) — \(publisher.name)", body: body, depth: 1,
                        canonical: canonical)
    }

    /// The page of séance `seance`'s published minutes, built as their export (`MinutesDocument`)
    /// with a link back to the index; nil if they are not published.
    public func minutesPage(_ seance: String) -> String? {
        guard let minutes = catalog.minutes(of: seance) else { return nil }
        let document = minutes.document(councilName: publisher.name, verifiedAtMs: catalog.verifiedMinutes[seance])
        return self.document(title: "\(document.title) — \(publisher.name)",
                             body: "<p><a href=\"../\(PublicPage.index)\">Retour aux textes publiés</a></p>\n" + document.htmlBody,
                             depth: 1, canonical: url("\(Self.minutesFolder)/\(seance).html"))
    }

    /// The folder of the minutes' pages, under the site's root.
    public static let minutesFolder = "proces-verbaux"

    /// The index's list of published minutes (nothing while none is): séance day, link, approval.
    private var minutesSection: String {
        guard !catalog.minutes.isEmpty else { return "" }
        let rows = catalog.minutes.map { minutes in
            """
            <tr><td>\(minutes.day.french)</td><td><a href="\(Self.minutesFolder)/\(minutes.seance).html">\
            \(Escaping.html(minutes.document(councilName: publisher.name, verifiedAtMs: nil).title))</a></td>\
            <td>\(minutes.approval.day.french) (\(Escaping.html(minutes.approval.seance)))</td></tr>

            """
        }.joined()
        return """

            <h2>Procès-verbaux des séances</h2>
            <div class="tableau"><table>
            <caption>Procès-verbaux approuvés, signés et publiés, du plus récent au plus ancien</caption>
            <thead><tr><th scope="col">Séance</th><th scope="col">Procès-verbal</th><th scope="col">Approuvé le</th></tr></thead>
            <tbody>
            \(rows)</tbody>
            </table></div>
            """
    }

    /// The accessibility statement (déclaration d'accessibilité), in the form the RGAA's model
    /// gives: commitment, conformance status, what is not accessible, how the statement was
    /// established, contact and recourse.
    public func accessibilityPage() -> String {
        let legal = publisher.legal
        let site = publisher.baseURL.isEmpty ? "le site public du \(Escaping.html(publisher.name))"
            : "le site <a href=\"\(Escaping.html(url(PublicPage.index) ?? ""))\">\(Escaping.html(publisher.baseURL))</a>"
        let status = switch legal.conformance {
        case .none:
            "non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2 : aucun audit de conformité n'a encore été réalisé."
        case .partial, .full:
            "\(legal.conformance.rawValue) avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.2, "
                + "selon l'audit réalisé le \(legal.auditDay.map(\.french) ?? "")."
        }
        let established = legal.statementDay.map { "<p>Cette déclaration a été établie le \($0.french).</p>" }
            ?? "<p>Cette déclaration n'a pas encore été datée par l'éditeur.</p>"
        let body = """
            <h1>Déclaration d'accessibilité</h1>
            <p>Le \(Escaping.html(publisher.name)) s'engage à rendre ses services en ligne accessibles, conformément à \
            l'article 47 de la loi n° 2005-102 du 11 février 2005. Cette déclaration d'accessibilité s'applique à \(site).</p>
            <h2>État de conformité</h2>
            <p>Le site est \(status)</p>
            <h2>Contenus non accessibles</h2>
            <p>Aucun contenu non accessible n'est connu à ce jour. Les textes publiés le sont en HTML ; les données \
            ouvertes en CSV et en JSON.</p>
            <h2>Établissement de cette déclaration</h2>
            \(established)
            <p>Technologies utilisées : HTML, CSS, SVG. Aucun script. Chaque page est vérifiée à chaque version du \
            logiciel par le validateur HTML du W3C (Nu Html Checker) et par axe-core dans le navigateur Chromium.</p>
            <h2>Retour d'information et contact</h2>
            <p>Si vous n'arrivez pas à accéder à un contenu ou à un service, contactez l'éditeur du site pour être \
            orienté vers une alternative accessible ou obtenir le contenu sous une autre forme : \(contactLink).</p>
            <h2>Voies de recours</h2>
            <p>Si vous avez signalé à l'éditeur un défaut d'accessibilité qui vous empêche d'accéder à un contenu ou à un \
            service et que vous n'avez pas obtenu de réponse satisfaisante, vous pouvez :</p>
            <ul>
            <li>écrire un message au Défenseur des droits \
            (<a href="https://formulaire.defenseurdesdroits.fr/">formulaire en ligne du Défenseur des droits</a>) ;</li>
            <li>contacter le délégué du Défenseur des droits dans votre région \
            (<a href="https://www.defenseurdesdroits.fr/saisir/delegues">liste des délégués du Défenseur des droits</a>) ;</li>
            <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, \
            75342 Paris CEDEX 07.</li>
            </ul>
            """
        return document(title: "Déclaration d'accessibilité — \(publisher.name)", body: body, depth: 0,
                        canonical: url(PublicPage.accessibility))
    }

    /// The legal notice (mentions légales): publisher, director of publication, host, and what
    /// the site does with visitors' data (nothing: no cookie, no tracker, no form).
    public func legalNoticePage() -> String {
        let legal = publisher.legal
        let body = """
            <h1>Mentions légales</h1>
            <h2>Éditeur</h2>
            <p>\(Escaping.html(publisher.name)) — SIRET \(publisher.siret)<br>
            Adresse : \(Self.given(legal.address))<br>
            Contact : \(contactLink)</p>
            <h2>Directeur de la publication</h2>
            <p>\(Self.given(legal.director))</p>
            <h2>Hébergement</h2>
            <p>\(Self.given(legal.host))</p>
            <h2>Données personnelles et cookies</h2>
            <p>Ce site ne dépose aucun cookie, n'utilise aucun outil de mesure d'audience et ne collecte aucune donnée \
            personnelle. Il ne publie que les textes que le conseil a adoptés et décidé de rendre publics.</p>
            <h2>Réutilisation</h2>
            <p>Les données ouvertes (<a href="deliberations.csv">CSV</a>, <a href="deliberations.json">JSON</a>) suivent \
            le schéma SCDL « Délibérations » 2.1.5 et peuvent être réutilisées librement, en citant leur source.</p>
            """
        return document(title: "Mentions légales — \(publisher.name)", body: body, depth: 0, canonical: url(PublicPage.legalNotice))
    }

    /// The French name of a kind of text.
    static func kindName(_ kind: PublishedText.Kind) -> String { kind.frenchName }

    /// The contact as a link (an e-mail address gets `mailto:`), or « non renseigné ».
    private var contactLink: String {
        guard let contact = publisher.legal.contact, !contact.isEmpty else { return Self.given(nil) }
        let href = contact.contains("@") && !contact.contains("/") && !contact.contains(":") ? "mailto:\(contact)" : contact
        // Only an e-mail address or an https page becomes a link: no other scheme reaches a visitor.
        guard href.hasPrefix("mailto:") || href.lowercased().hasPrefix("https://") else { return Escaping.html(contact) }
        return "<a href=\"\(Escaping.html(href))\">\(Escaping.html(contact))</a>"
    }

    /// `value` escaped, or « non renseigné par l'éditeur » when it is missing.
    private static func given(_ value: String?) -> String {
        guard let value, !value.isEmpty else { return "non renseigné par l'éditeur" }
        return Escaping.html(value)
    }

    /// The address of the site's page `name`, when the site knows its own address.
    func url(_ name: String) -> String? {
        publisher.baseURL.isEmpty ? nil : "\(publisher.baseURL)/\(name)"
    }

    func document(title: String, body: String, depth: Int, canonical: String?) -> String {
        PublicPage.document(title: title, body: body, publisher: publisher.name, conformance: publisher.legal.conformance,
                            placement: .site(depth: depth), canonical: canonical)
    }
}
