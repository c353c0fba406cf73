import HuisClosL10n

/// How a secretariat device reaches its mail server: set once (`huisclos courriel configurer`),
/// kept inside the device's encrypted replica, never sent to the relay.
public struct SMTPSettings: Sendable, Equatable, Codable {
    /// How the connection is encrypted.
    public enum Security: String, Sendable, CaseIterable, Codable {
        /// Plain connection upgraded by STARTTLS (port 587): required, never skipped.
        case startTLS = "starttls"
        /// TLS from the first byte (port 465).
        case tls
        /// No encryption: only to a server on this machine (a local relay such as Postfix on 127.0.0.1).
        case plain = "aucune"

        /// The port a mail server listens on for this security: 587, 465, or 25.
        public var defaultPort: Int {
            switch self {
            case .startTLS: 587
            case .tls: 465
            case .plain: 25
            }
        }
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The sender's address (the secretariat's).
    public var sender: MailAddress
    /// The sender's display name.
    public var senderName: String
    /// A PEM file of the authorities to trust instead of the system's (a private mail server).
    public var trustRootsFile: String?

    public init(host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
                sender: MailAddress, senderName: String, trustRootsFile: String? = nil) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.sender = sender
        self.senderName = senderName
        self.trustRootsFile = trustRootsFile
    }

    /// Refuses settings that would leak: a password over an unencrypted connection, or no
    /// encryption to anything but this machine.
    public func validate() throws(MailError) {
        guard security != .plain || ["127.0.0.1", "::1", "localhost"].contains(host) else {
            throw MailError(.badSettings, .init(
                fr: "Sans chiffrement (--securite aucune), seul un serveur de courriel sur cette machine (127.0.0.1) est accepté : utilisez starttls (port 587) ou tls (port 465).",
                en: "Without encryption (--securite aucune) only a mail server on this machine (127.0.0.1) is accepted: use starttls (port 587) or tls (port 465)."))
        }
        guard username == nil || security != .plain else {
            throw MailError(.badSettings, .init(
                fr: "Un mot de passe ne passe jamais en clair : choisissez --securite starttls ou tls pour vous identifier.",
                en: "A password never travels in plaintext: choose --securite starttls or tls to authenticate."))
        }
        guard (1...65_535).contains(port) else {
            throw MailError(.badSettings, .init(fr: "Port \(port) invalide (1 à 65535).", en: "Invalid port \(port) (1 to 65535)."))
        }
    }
}
