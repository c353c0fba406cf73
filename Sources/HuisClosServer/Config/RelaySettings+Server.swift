import Foundation
import Logging

extension RelaySettings {
    /// The server's configuration from these settings, each checked: a bad one throws, saying the
    /// expected form, before anything starts.
    public func serverConfiguration() throws(SettingsError) -> ServerConfiguration {
        guard let data = self[.data] else {
            throw SettingsError("give the data folder: --data PATH, HUISCLOS_DATA or \"data\" in the configuration file")
        }
        var configuration = ServerConfiguration(dataFolder: URL(fileURLWithPath: data))
        if let host = self[.host] { configuration.host = host }
        if let port = self[.port] {
            guard let number = Int(port), (0...65_535).contains(number) else { throw SettingsError("port is 0…65535 (got \(port))") }
            configuration.port = number
        }
        switch (self[.tlsCert], self[.tlsKey]) {
        case let (cert?, key?): configuration.tls = TLSFiles(certificatePath: cert, privateKeyPath: key)
        case (nil, nil): break
        default: throw SettingsError("TLS needs both tls-cert and tls-key")
        }
        if let file = self[.adminTokenFile] {
            configuration.adminTokenFile = URL(fileURLWithPath: file)
        } else if let token = self[.adminToken] {
            configuration.adminToken = token
        }
        if let seconds = self[.tokenLifetime] {
            guard let value = Int(seconds), value > 0 else { throw SettingsError("token-lifetime is a number of seconds (got \(seconds))") }
            configuration.tokenLifetime = .seconds(value)
        }
        if let level = self[.logLevel] {
            guard let parsed = Logger.Level(rawValue: level) else { throw SettingsError("unknown log level \(level)") }
            configuration.logLevel = parsed
        }
        if let format = self[.logFormat] {
            guard let parsed = LogFormat(rawValue: format) else {
                throw SettingsError("log-format is \(LogFormat.allCases.map(\.rawValue).joined(separator: " or ")) (got \(format))")
            }
            configuration.logFormat = parsed
        }
        if let address = self[.metricsAddress] {
            guard let parsed = ListenAddress(parsing: address) else {
                throw SettingsError("metrics-address is HOST:PORT, e.g. 127.0.0.1:9464 (got \(address))")
            }
            configuration.metricsAddress = parsed
        }
        if let quota = self[.councilQuota] {
            guard let bytes = ByteCount.parse(quota) else {
                throw SettingsError("council-quota is a number of bytes, with K, M, G or T for KiB, MiB, GiB or TiB, e.g. 64G (got \(quota))")
            }
            configuration.quotas.councilStorageBytesMax = bytes
        }
        if let proxies = self[.trustedProxies] { configuration.trustedProxies = try TrustedProxies(parsing: proxies) }
        if let url = self[.publicURL] {
            guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil,
                  parsed.query == nil, parsed.fragment == nil else {
                throw SettingsError("public-url must be an http(s) address without query, e.g. https://conseil.example.org/public (got \(url))")
            }
            configuration.publicURL = url
        }
        return configuration
    }
}
