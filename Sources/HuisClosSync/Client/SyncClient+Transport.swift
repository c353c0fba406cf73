import Foundation
public import HuisClosL10n

extension SyncClient {
    /// What a person should be told about the transport to `server`, or nil when nothing.
    ///
    /// Plain `http://` to anything but loopback sends the session token and the metadata (who
    /// syncs what, when) in clear on the network: batches and files stay end-to-end encrypted,
    /// but a token read on the wire lets its reader act as the device until it expires. The
    /// client does not refuse (a council may run the relay on a trusted LAN during set-up); it
    /// says so, and every face that connects shows it.
    public static func transportWarning(for server: String) -> Text? {
        guard let url = URL(string: server), url.scheme?.lowercased() == "http" else { return nil }
        let host = (url.host ?? "").lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        guard !isLoopback(host) else { return nil }
        return Text(fr: "Attention : \(server) est joint en HTTP sans chiffrement ; le jeton de session et les métadonnées passent en clair. Demandez au secrétariat une adresse https://.",
                    en: "Warning: \(server) is reached over plain HTTP; the session token and metadata travel in clear. Ask the secretariat for an https:// address.")
    }

    /// Whether `host` names this machine: `localhost`, `127.0.0.0/8` or `::1`.
    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.") && host.split(separator: ".").count == 4
    }

    /// The warning for this client's server (see `transportWarning(for:)`).
    public nonisolated var transportWarning: Text? { Self.transportWarning(for: server) }
}
