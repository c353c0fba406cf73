public import HuisClosL10n

/// Why an e-mail did not leave: the mail server's words kept, and what to do, in French and English.
public struct MailError: HuisClosError, CodeEquatable, CustomStringConvertible {
    public enum Code: String, ErrorCode {
        /// No connection to the mail server (name, port, network).
        case unreachable
        /// The TLS handshake failed, or the server does not offer STARTTLS when it is required.
        case tlsFailed
        /// The server refused the user name or password.
        case authenticationRefused
        /// The server refused the sender or a recipient's address.
        case addressRefused
        /// The server refused the message, or answered out of the protocol.
        case refused
        /// The settings cannot work (authentication without TLS, no sender).
        case badSettings

        public static let domain = "mail"

        public var text: Text {
            switch self {
            case .unreachable:
                Text(fr: "le serveur de courriel est injoignable : vérifiez son nom, son port et le réseau (huisclos courriel configurer), puis relancez l'envoi",
                     en: "the mail server cannot be reached: check its name, port and the network (huisclos courriel configurer), then send again")
            case .tlsFailed:
                Text(fr: "la connexion chiffrée (TLS) au serveur de courriel a échoué : vérifiez le port et le mode (--securite starttls|tls)",
                     en: "the encrypted (TLS) connection to the mail server failed: check the port and mode (--securite starttls|tls)")
            case .authenticationRefused:
                Text(fr: "le serveur de courriel refuse l'identifiant ou le mot de passe : reconfigurez-les (huisclos courriel configurer)",
                     en: "the mail server refuses the user name or password: configure them again (huisclos courriel configurer)")
            case .addressRefused:
                Text(fr: "le serveur de courriel refuse une adresse : corrigez-la (huisclos membres courriel) ou l'expéditeur",
                     en: "the mail server refuses an address: correct it (huisclos membres courriel) or the sender")
            case .refused:
                Text(fr: "le serveur de courriel refuse le message : relancez l'envoi plus tard ou voyez son administrateur",
                     en: "the mail server refuses the message: send again later or see its administrator")
            case .badSettings:
                Text(fr: "les réglages de courriel ne peuvent pas fonctionner (authentification sans TLS, pas d'expéditeur, port invalide) : corrigez-les (huisclos courriel configurer)",
                     en: "the mail settings cannot work (authentication without TLS, no sender, invalid port): correct them (huisclos courriel configurer)")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .badSettings: .usage
            case .addressRefused: .dataRefused
            case .unreachable, .tlsFailed, .authenticationRefused, .refused: .unreachable
            }
        }
    }

    public let code: Code
    public let text: Text

    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    /// True when the failure is the server's or the settings' (unreachable, TLS, login): every
    /// other message would fail the same way, so a run stops at the first (one failed login, not
    /// one per member: directories lock accounts after a few).
    public var concernsTheServer: Bool {
        switch code {
        case .unreachable, .tlsFailed, .authenticationRefused, .badSettings: true
        case .addressRefused, .refused: false
        }
    }

    /// The connection failed; the system's cause (a long NIO description) is left out: name, port
    /// and network are what a person checks.
    static func unreachable(_ host: String, _ port: Int) -> MailError {
        MailError(.unreachable, Text(
            fr: "Serveur de courriel \(host):\(port) injoignable : vérifiez son nom, son port et le réseau (huisclos courriel configurer), puis relancez l'envoi ; rien n'a été envoyé à ce destinataire.",
            en: "Mail server \(host):\(port) unreachable: check its name, port and the network (huisclos courriel configurer), then send again; nothing was sent to this recipient."))
    }

    static func tls(_ host: String, _ cause: String) -> MailError {
        MailError(.tlsFailed, Text(
            fr: "Connexion chiffrée (TLS) refusée avec \(host). Vérifiez le port et le mode (--securite starttls|tls) et, pour une autorité privée, --autorite.",
            en: "Encrypted (TLS) connection refused with \(host): \(cause). Check the port and mode (--securite starttls|tls) and, for a private authority, --autorite."))
    }

    static func server(_ code: Code, _ step: String, _ reply: SMTPReply) -> MailError {
        let words = reply.lines.joined(separator: " / ")
        return switch code {
        case .authenticationRefused:
            MailError(code, Text(fr: "Le serveur de courriel refuse l'identifiant ou le mot de passe (\(reply.code) \(words)) : reconfigurez-les (huisclos courriel configurer).",
                                 en: "The mail server refuses the user name or password (\(reply.code) \(words)): configure them again (huisclos courriel configurer)."))
        case .addressRefused:
            MailError(code, Text(fr: "Le serveur de courriel refuse l'adresse à l'étape \(step) (\(reply.code) \(words)) : corrigez l'adresse (huisclos membres courriel) ou l'expéditeur.",
                                 en: "The mail server refuses the address at \(step) (\(reply.code) \(words)): correct the address (huisclos membres courriel) or the sender."))
        default:
            MailError(code, Text(fr: "Le serveur de courriel refuse l'étape \(step) (\(reply.code) \(words)) ; relancez l'envoi plus tard ou voyez son administrateur.",
                                 en: "The mail server refuses step \(step) (\(reply.code) \(words)); send again later or see its administrator."))
        }
    }
}

/// One reply of an SMTP server: its three-digit code and its lines of text.
public struct SMTPReply: Sendable, Equatable {
    public let code: Int
    public let lines: [String]
}
