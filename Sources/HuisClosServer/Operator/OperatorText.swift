public import HuisClosL10n

/// What `huisclos-server`'s commands tell the operator, in both languages (French by default,
/// English with LANG=en, as `huisclos`). The relay's logs stay English: they are read by log
/// shippers and searched by their words.
extension Text {
    /// After a backup of `bytes` bytes written to `path`.
    public static func backupWritten(to path: String, bytes: Int64) -> Text {
        Text(fr: "huisclos-server backup : \(path) (\(bytes) octets)", en: "huisclos-server backup: \(path) (\(bytes) bytes)")
    }

    /// After a backup restored into `folder`.
    public static func backupRestored(from path: String, into folder: String) -> Text {
        Text(fr: "huisclos-server restore : \(path) restaurée dans \(folder)", en: "huisclos-server restore: \(path) restored into \(folder)")
    }

    /// A check that found the data folder at `path` sound.
    public static func noDamage(in path: String) -> Text {
        Text(fr: "huisclos-server check : aucun dommage trouvé dans \(path)", en: "huisclos-server check: no damage found in \(path)")
    }

    /// The councils hosted beside the default one: none yet.
    public static let noHostedCouncil = Text(
        fr: "aucun conseil hébergé en plus du conseil par défaut (en créer un : huisclos-server councils create ID --data …)",
        en: "no council besides the default one (create one: huisclos-server councils create ID --data …)")

    /// After creating `council`: its address, admin token file, publisher file, and when it is served.
    public static func councilCreated(_ council: String, pathPrefix: String, tokenFile: String, publicSiteFile: String) -> Text {
        Text(
            fr: """
                huisclos-server councils : conseil \(council) créé
                  adresse :       <l'adresse du relais>\(pathPrefix)   (site public : \(pathPrefix)/public/)
                  jeton admin :   \(tokenFile)
                  éditeur :       écrivez \(publicSiteFile) ({"siret": "…"})
                Un relais en marche le sert dès la première requête (sur PostgreSQL, copiez d'abord ce dossier sur chaque instance).
                """,
            en: """
                huisclos-server councils: created \(council)
                  address:      <the relay's address>\(pathPrefix)   (public site: \(pathPrefix)/public/)
                  admin token:  \(tokenFile)
                  publisher:    write \(publicSiteFile) ({"siret": "…"})
                A running relay serves it from the first request (on PostgreSQL, first copy this folder to every instance).
                """)
    }

    /// The headers of the hosted councils' table.
    public static let councilHeaders = [Text(fr: "conseil", en: "council"), Text(fr: "chemin", en: "path"), Text(fr: "site public", en: "public site")]

    /// Whether a hosted council's public site names its publisher.
    public static func publicSite(configured: Bool) -> Text {
        configured ? Text(fr: "configuré", en: "configured") : Text(fr: "manquant : écrivez public-site.json", en: "missing: write public-site.json")
    }
}
