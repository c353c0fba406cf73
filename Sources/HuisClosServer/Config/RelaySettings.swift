import Configuration
import Foundation
public import HuisClosL10n
import SystemPackage

/// One setting of `huisclos-server`: its flag (`--tls-cert`), environment variable
/// (`HUISCLOS_TLS_CERT`) and configuration-file key (`"tls-cert"`) are derived from one name.
public enum RelaySetting: String, CaseIterable, Sendable {
    case data, database, host, port
    case tlsCert = "tls-cert", tlsKey = "tls-key"
    case adminToken = "admin-token", adminTokenFile = "admin-token-file"
    case tokenLifetime = "token-lifetime", logLevel = "log-level", logFormat = "log-format"
    case publicURL = "public-url", metricsAddress = "metrics-address", trustedProxies = "trusted-proxies"
    case councilQuota = "council-quota"

    /// The environment variable that sets it.
    public var environmentVariable: String { "HUISCLOS_" + rawValue.uppercased().replacingOccurrences(of: "-", with: "_") }

    /// Whether its value is never printed whole (the admin token; the database address's password).
    var isSecret: Bool { self == .adminToken || self == .database }
}

/// Where a setting's value came from, highest precedence first.
public enum SettingSource: String, Sendable {
    case flag, environment, file
}

/// The relay's settings resolved from three layers, with swift-configuration's providers: a
/// command-line flag wins over the environment (`HUISCLOS_…`), which wins over the configuration
/// file (`--config FILE` / `HUISCLOS_CONFIG`, a JSON object keyed by flag names); what none sets
/// keeps the built-in default of `ServerConfiguration`.
public struct RelaySettings: Sendable {
    /// Each set value and its source.
    public let values: [RelaySetting: (value: String, source: SettingSource)]
    /// The configuration file read, if any.
    public let file: String?

    /// Resolves `flags`, `environment` and the JSON file at `file` (nil: none). A file that is
    /// missing or not a JSON object throws, saying which.
    public static func resolve(flags: [RelaySetting: String], environment: [String: String], file: String?)
        async throws(SettingsError) -> RelaySettings
    {
        let flagValues = Dictionary(uniqueKeysWithValues: flags.map {
            (AbsoluteConfigKey([$0.key.rawValue]), ConfigValue(.string($0.value), isSecret: $0.key.isSecret))
        })
        var layers: [(SettingSource, any ConfigProvider, (RelaySetting) -> AbsoluteConfigKey)] = [
            (.flag, InMemoryProvider(name: "flags", values: flagValues), { AbsoluteConfigKey([$0.rawValue]) }),
            (.environment, EnvironmentVariablesProvider(environmentVariables: environment),
             { AbsoluteConfigKey(["huisclos", $0.rawValue.replacingOccurrences(of: "-", with: "_")]) }),
        ]
        if let file {
            do {
                layers.append((.file, try await FileProvider<JSONSnapshot>(filePath: FilePath(file)), { AbsoluteConfigKey([$0.rawValue]) }))
            } catch {
                throw SettingsError(Text(fr: "le fichier de configuration \(file) ne se lit pas comme un objet JSON de réglages ; voyez le README, « Configuration »",
                                         en: "the configuration file \(file) cannot be read as a JSON object of settings (\(error)); see README, \"Configuration\""))
            }
        }
        var values: [RelaySetting: (value: String, source: SettingSource)] = [:]
        for setting in RelaySetting.allCases {
            for (source, provider, key) in layers {
                if let value = try Self.lookup(provider, key(setting), setting: setting, file: file) {
                    values[setting] = (value, source)
                    break
                }
            }
        }
        return RelaySettings(values: values, file: file)
    }

    /// A value as text whatever its JSON type (a port may be written 8443 or "8443").
    private static func lookup(_ provider: any ConfigProvider, _ key: AbsoluteConfigKey, setting: RelaySetting, file: String?)
        throws(SettingsError) -> String?
    {
        for type in [ConfigType.string, .int, .bool] {
            guard let content = try? provider.value(forKey: key, type: type).value?.content else { continue }
            switch content {
            case .string(let text): return text
            case .int(let number): return String(number)
            case .bool(let flag): return String(flag)
            default: break
            }
        }
        return nil
    }

    /// The value of `setting`, if any layer set it.
    public subscript(_ setting: RelaySetting) -> String? { values[setting]?.value }

    /// One line per setting, `name = value (source)`, secrets masked, unset ones as `(default)`:
    /// what `--print-config` shows.
    public var printed: String {
        var lines = ["# huisclos-server: effective settings (flag > environment > \(file ?? "no configuration file"))"]
        for setting in RelaySetting.allCases {
            guard let (value, source) = values[setting] else {
                lines.append("\(setting.rawValue) = (default)")
                continue
            }
            lines.append("\(setting.rawValue) = \(Self.masked(value, setting)) (\(source.rawValue))")
        }
        return lines.joined(separator: "\n")
    }

    /// `value` fit to print: the admin token hidden, a database address without its password.
    static func masked(_ value: String, _ setting: RelaySetting) -> String {
        switch setting {
        case .adminToken: "***"
        case .database: DatabaseAddress.masked(value)
        default: value
        }
    }
}

/// Database addresses as people see them.
public enum DatabaseAddress {
    /// `address` with the password (between `://USER:` and `@`) replaced by `***`.
    public static func masked(_ address: String) -> String {
        address.replacingOccurrences(of: #"(://[^:/@]*):[^@]*@"#, with: "$1:***@", options: .regularExpression)
    }
}

/// A setting that cannot be used, with what to do, in the operator's language.
public struct SettingsError: HuisClosError, CustomStringConvertible {
    /// The one kind of settings failure.
    public enum Code: String, ErrorCode {
        /// A flag, variable or configuration file entry cannot be used.
        case invalid

        public static let domain = "settings"

        public var text: Text {
            Text(fr: "un réglage du serveur ne convient pas (option, variable d'environnement ou fichier de configuration) : corrigez-le (voyez huisclos-server serve --help et le README, « Configuration »)",
                 en: "a setting of the server cannot be used (flag, environment variable or configuration file): correct it (see huisclos-server serve --help and README, \"Configuration\")")
        }

        public var exitStatus: ExitStatus { .usage }
    }

    public var code: Code { .invalid }
    /// What is wrong and what to do, in both languages.
    public let text: Text

    public init(_ text: Text) { self.text = text }
}
