import Foundation
import HuisClosL10n
public import HuisClosServer

/// Where the PostgreSQL database is: parsed from `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE`
/// (`--database`, `HUISCLOS_DATABASE`). TLS to the database is not offered: keep it on loopback
/// or a private network (say so in the operator's documentation).
public struct PostgresLocation: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var user: String
    /// Kept only to connect; never printed (`displayAddress` masks it).
    public var password: String?
    public var database: String

    /// A location from its parts.
    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// Parses a `postgres://` or `postgresql://` URL; a bad one throws a message saying the form.
    public init(url: String) throws(StorageError) {
        let form = "postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE"
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty,
              components.path.count > 1, components.query == nil, components.fragment == nil
        else {
            throw StorageError(.unavailable, Text(fr: "l'adresse de la base s'écrit \(form) (reçu \(DatabaseAddress.masked(url)))",
                                             en: "the database address must read \(form) (got \(DatabaseAddress.masked(url)))"))
        }
        self.init(host: host, port: components.port ?? 5432, user: components.percentEncodedUser?.removingPercentEncoding ?? user,
                  password: components.percentEncodedPassword?.removingPercentEncoding,
                  database: String(components.path.dropFirst()))
    }

    /// The address with the password masked, for logs, errors and `--print-config`.
    public var displayAddress: String {
        "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
    }
}

/// The bounds of the PostgreSQL backend, each with its reason.
enum ServerPostgresLimits {
    /// Connections one instance opens at most: PostgreSQL's default `max_connections` is 100, so
    /// three instances at 20 leave room for the operator's tools and a rolling upgrade's fourth.
    static let connectionsMax = 20
    /// Connections one instance opens at most for each hosted council beside the default one (one
    /// of them listens on the council's channel): a deployment of 10 councils on 3 instances stays
    /// within 3 × (20 + 10 × 5) = 210, to be allowed by `max_connections` (README).
    static let councilConnectionsMax = 5
    /// How long connecting may take before a request fails (a dead database answers fast).
    static let connectSecondsMax: Int64 = 10
}
