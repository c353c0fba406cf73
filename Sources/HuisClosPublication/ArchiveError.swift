public import HuisClosL10n

/// Why an archive package (SEDA 2.2) was not built: a missing or unusable identifier of an
/// archives service, a séance not held yet, or a year without a held séance.
public struct ArchiveError: HuisClosError, Equatable, CustomStringConvertible {
    /// The kind of failure, for callers that branch on it.
    public enum Code: String, ErrorCode {
        /// No identifier of the archives service that receives the package (ArchivalAgency).
        case archivalAgencyMissing
        /// An identifier given (an archives service, an agreement) is blank or holds control characters.
        case invalidIdentifier
        /// The séance has not been held (attendance not closed): its records are not final.
        case seanceNotHeld
        /// No séance held (attendance closed) in the year asked, on this device.
        case noSeanceHeld

        public static let domain = "archive"

        public var text: Text {
            switch self {
            case .archivalAgencyMissing:
                Text(fr: "le service d'archives destinataire n'est pas indiqué : donnez son identifiant (--service-archives, par exemple FRAD093 pour les Archives départementales de la Seine-Saint-Denis)",
                     en: "the receiving archives service is not given: pass its identifier (--service-archives, e.g. FRAD093 for the Seine-Saint-Denis departmental archives)")
            case .invalidIdentifier:
                Text(fr: "un identifiant de service ou d'accord de versement est vide ou contient des caractères de contrôle : corrigez-le",
                     en: "an identifier of a service or of a transfer agreement is blank or holds control characters: correct it")
            case .seanceNotHeld:
                Text(fr: "la séance n'a pas été tenue (feuille de présence non close) : ses registres ne sont pas définitifs ; archivez-la une fois close (huisclos presence clore)",
                     en: "the séance has not been held (attendance not closed): its records are not final; archive it once closed (huisclos presence clore)")
            case .noSeanceHeld:
                Text(fr: "aucune séance tenue (présence close) cette année-là sur cet appareil : synchronisez, ou vérifiez l'année (huisclos seances liste)",
                     en: "no séance held (attendance closed) that year on this device: sync, or check the year (huisclos seances liste)")
            }
        }

        public var exitStatus: ExitStatus { .usage }
    }

    /// The kind of failure.
    public let code: Code
    /// What went wrong and what to do, in French and English.
    public let text: Text

    /// An error with `code` and its own words (`code.text` when none are given).
    public init(_ code: Code, _ text: Text? = nil) {
        self.code = code
        self.text = text ?? code.text
    }
}
