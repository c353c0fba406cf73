public import HuisClosL10n

extension APIError.TransportCause {
    /// Why the relay could not be reached, in both languages, in words a person can act on.
    public var text: Text {
        switch self {
        case .connectionRefused:
            Text(fr: "connexion refusée (aucun huisclos-server n'écoute à cette adresse et ce port)",
                 en: "connection refused (no huisclos-server listens at that address and port)")
        case .connectionReset:
            Text(fr: "connexion coupée par le serveur ou un proxy", en: "connection reset by the server or a proxy")
        case .networkUnreachable:
            Text(fr: "réseau injoignable", en: "network unreachable")
        case .connectTimeout:
            Text(fr: "pas de réponse à la connexion en 5 s", en: "no answer to the connection within 5 s")
        case .closedEarly:
            Text(fr: "la connexion a été fermée avant la fin de la réponse (serveur qui redémarre, ou proxy qui l'a coupée)",
                 en: "the connection was closed before the whole answer arrived (server restarting, or a proxy cut it)")
        case .answerLate:
            Text(fr: "la réponse n'est pas arrivée à temps", en: "the answer did not arrive in time")
        case .other:
            Text(fr: "erreur réseau", en: "network error")
        }
    }
}
