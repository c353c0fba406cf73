public import HuisClosL10n
import HuisClosPublication

/// Why the public site answers a visitor with a page saying it cannot (404, French then English):
/// nothing is published until the operator has said who publishes and where.
public struct PublicSiteRefusal: HuisClosError, Equatable {
    /// Stable codes (Protocol/ERRORS.md).
    public enum Code: String, ErrorCode {
        /// No `<data>/public-site.json`: the publisher's SIRET is unknown.
        case unconfigured
        /// No `--public-url`, and a bound address no visitor reaches (or a hosted council's not derivable).
        case noPublicURL
        /// No council is set up yet: no one to publish for.
        case noCouncil
        /// No published text with the requested identifier.
        case notPublished

        public static let domain = "publicSite"

        public var text: Text {
            switch self {
            case .unconfigured:
                Text(fr: "le site public ne publie encore rien : écrivez <données>/public-site.json avec le SIRET de l'organisme qui publie, puis redémarrez huisclos-server",
                     en: "the public site publishes nothing yet: write <data>/public-site.json with the publishing body's SIRET, then restart huisclos-server")
            case .noPublicURL:
                Text(fr: "le site public ne publie encore rien : démarrez huisclos-server avec --public-url, l'adresse par laquelle les visiteurs l'atteignent",
                     en: "the public site publishes nothing yet: start huisclos-server with --public-url, the address visitors reach it by")
            case .noCouncil:
                Text(fr: "aucun conseil n'est encore créé sur ce serveur : le site public ne publie pour personne",
                     en: "no council is set up on this server yet: the public site has no one to publish for")
            case .notPublished:
                Text(fr: "aucun texte publié ne porte cet identifiant : voyez la liste à l'accueil du site public",
                     en: "no published text has this identifier: see the list on the public site's home page")
            }
        }

        public var exitStatus: ExitStatus { .usage }
        public var httpStatus: Int? { 404 }
    }

    /// The kind of refusal.
    public let code: Code
    /// What happened and what to do, in both languages.
    public let text: Text

    /// The page sent to the visitor (`PublicSite.refusalPage`).
    var page: String { PublicSite.refusalPage(text) }

    static let unconfigured = Self(code: .unconfigured, text: Text(
        fr: "Le site public ne publie encore rien : le SIRET de l'organisme qui publie n'est pas configuré. Écrivez <dossier de données>/public-site.json "
            + "avec {\"siret\": \"<les 14 chiffres de l'organisme>\"} (facultatifs : \"name\", par défaut le nom du conseil donné à sa création ; "
            + "\"subjectCode\", \"subjectName\"), puis redémarrez huisclos-server.",
        en: "The public site publishes nothing yet: the publisher's SIRET is not configured. Write <data folder>/public-site.json "
            + "with {\"siret\": \"<the publishing body's 14 digits>\"} (optional: \"name\", by default the council's name from its set-up; "
            + "\"subjectCode\", \"subjectName\"), then restart huisclos-server."))

    static let noCouncil = Self(code: .noCouncil, text: Code.noCouncil.text)

    static let notPublished = Self(code: .notPublished, text: Code.notPublished.text)

    /// The server listens on `host` (loopback or wildcard) and was given no `--public-url`.
    static func unnamed(host: String) -> Self {
        Self(code: .noPublicURL, text: Text(
            fr: "Le site public ne publie encore rien : le serveur ne connaît pas l'adresse par laquelle les visiteurs l'atteignent (il écoute sur \(host)). "
                + "Démarrez huisclos-server avec --public-url https://…/public (ou HUISCLOS_PUBLIC_URL).",
            en: "The public site publishes nothing yet: it does not know the address visitors reach it by (the server listens on \(host)); "
                + "start huisclos-server with --public-url https://…/public (or HUISCLOS_PUBLIC_URL)."))
    }

    /// The relay's `--public-url` does not end with `/public`, so a hosted council's address cannot be derived from it.
    static func underived(relayURL: String, council: String) -> Self {
        Self(code: .noPublicURL, text: Text(
            fr: "Le site public ne publie encore rien : l'adresse --public-url du relais (\(relayURL)) ne finit pas par /public, l'adresse du conseil \(council) "
                + "ne s'en déduit donc pas. Donnez-la en \"url\" dans le public-site.json du conseil, par exemple \"url\": \"https://\(council).example.org/public\".",
            en: "The public site publishes nothing yet: the relay's --public-url (\(relayURL)) does not end with /public, so the council \(council)'s address cannot be "
                + "derived from it: give it as \"url\" in the council's public-site.json, e.g. \"url\": \"https://\(council).example.org/public\"."))
    }
}
