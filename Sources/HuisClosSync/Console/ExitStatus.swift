import HuisClosL10n
import HuisClosWire

/// The exit statuses of `huisclos`, from sysexits(3) so scripts can tell failures apart.
///
/// | status | meaning |
/// | --- | --- |
/// | 0 | done |
/// | 64 | wrong usage (unknown option, missing argument) |
/// | 65 | the server refused some data (rejected batches, bad file) |
/// | 69 | the server could not be reached |
/// | 70 | the server failed (retry later) |
/// | 74 | a local file or the local store could not be read or written |
/// | 76 | protocol version mismatch: update the client or the server |
/// | 77 | not allowed: not enrolled, wrong passphrase, revoked, expired code, no access to the scope |
/// | 78 | no passphrase: `HUISCLOS_PASSPHRASE` unset and no terminal to ask on |
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case usage = 64
    case dataRefused = 65
    case unreachable = 69
    case serverFailed = 70
    case localIO = 74
    case protocolMismatch = 76
    case notAllowed = 77
    case passphraseMissing = 78

    /// The status for a failure.
    public init(_ error: any Error) {
        guard let error = error as? APIError else {
            self = .localIO
            return
        }
        switch error.code {
        case .unreachable: self = .unreachable
        case .internal: self = .serverFailed
        case .unsupportedProtocol: self = .protocolMismatch
        case .unauthenticated, .tokenExpired, .deviceRevoked, .adminRequired, .forbidden, .enrolmentCodeInvalid,
             .unknownDevice, .challengeInvalid, .alreadyEnrolled, .quotaExceeded, .rateLimited:
            self = .notAllowed
        case .malformed, .tooLarge, .unsupportedMediaType, .unsupportedVersion, .badSignature, .notFound, .fileConflict,
             .chunkHashMismatch, .chunkNotInFile, .gap, .fork:
            self = .dataRefused
        }
    }

    /// What a person reads for a server failure, in both languages.
    public static func explain(_ error: APIError) -> Text {
        Text(fr: "Erreur (\(error.code.rawValue)) : \(error.message)", en: "Error (\(error.code.rawValue)): \(error.message)")
    }
}
