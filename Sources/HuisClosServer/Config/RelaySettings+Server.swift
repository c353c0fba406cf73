import Foundation
import HuisClosL10n
import Logging

extension RelaySettings {
    /// The server's configuration from these settings, each checked: a bad one throws, saying the
    /// expected form, before anything starts.
    public func serverConfiguration() throws(SettingsError) -> ServerConfiguration {
        guard let data = self[.data] else {
            throw SettingsError(Text(fr: "donnez le dossier des données : --data CHEMIN, HUISCLOS_DATA ou « data » dans le fichier de configuration",
                en: "give the data folder: --data PATH, HUISCLOS_DATA or \"data\" in the configuration file"))
        }
        var configuration = ServerConfiguration(dataFolder: URL(fileURLWithPath: data))
        if let host = self[.host] { configuration.host = host }
        if let port = self[.port] {
            guard let number = Int(port), (0...65_535).contains(number) else { throw SettingsError(Text(fr: "port va de 0 à 65535 (reçu \(port))",
                en: "port is 0…65535 (got \(port))")) }
            configuration.port = number
        }
        switch (self[.tlsCert], self[.tlsKey]) {
        case let (cert?, key?): configuration.tls = TLSFiles(certificatePath: cert, privateKeyPath: key)
        case (nil, nil): break
        default: throw SettingsError(Text(fr: "TLS demande à la fois tls-cert et tls-key", en: "TLS needs both tls-cert and tls-key"))
        }
        if let file = self[.adminTokenFile] {
            configuration.adminTokenFile = URL(fileURLWithPath: file)
        } else if let token = self[.adminToken] {
            configuration.adminToken = token
        }
        if let seconds = self[.tokenLifetime] {
            guard let value = Int(seconds), value > 0 else { throw SettingsError(Text(fr: "token-lifetime est un nombre de secondes (reçu \(seconds))",
                en: "token-lifetime is a number of seconds (got \(seconds))")) }
            configuration.tokenLifetime = .seconds(value)
        }
        if let level = self[.logLevel] {
            guard let parsed = Logger.Level(rawValue: level) else { throw SettingsError(Text(fr: "niveau de journal inconnu \(level)", en: "unknown log level \(level)")) }
            configuration.logLevel = parsed
        }
        if let format = self[.logFormat] {
            guard let parsed = LogFormat(rawValue: format) else {
                throw SettingsError(Text(fr: "log-format vaut \(LogFormat.allCases.map(\.rawValue).joined(separator: " ou ")) (reçu \(format))",
                    en: "log-format is \(LogFormat.allCases.map(\.rawValue).joined(separator: " or ")) (got \(format))"))
            }
            configuration.logFormat = parsed
        }
        if let address = self[.metricsAddress] {
            guard let parsed = ListenAddress(parsing: address) else {
                throw SettingsError(Text(fr: "metrics-address est HÔTE:PORT, par exemple 127.0.0.1:9464 (reçu \(address))",
                    en: "metrics-address is HOST:PORT, e.g. 127.0.0.1:9464 (got \(address))"))
            }
            configuration.metricsAddress = parsed
        }
        if let quota = self[.councilQuota] {
            guard let bytes = ByteCount.parse(quota) else {
                throw SettingsError(Text(fr: "council-quota est un nombre d'octets, avec K, M, G ou T pour Kio, Mio, Gio ou Tio, par exemple 64G (reçu \(quota))",
                    en: "council-quota is a number of bytes, with K, M, G or T for KiB, MiB, GiB or TiB, e.g. 64G (got \(quota))"))
            }
            configuration.quotas.councilStorageBytesMax = bytes
        }
        if let proxies = self[.trustedProxies] { configuration.trustedProxies = try TrustedProxies(parsing: proxies) }
        if let url = self[.publicURL] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.query == nil, parsed.fragment == nil else {
                throw SettingsError(Text(fr: "public-url doit être une adresse http(s) sans paramètres, par exemple https://conseil.example.org/public (reçu \(url))",
                    en: "public-url must be an http(s) address without query, e.g. https://conseil.example.org/public (got \(url))"))
            }
            configuration.publicURL = url
        }
        return configuration
    }
}
