import Foundation
import HuisClosApp
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosMail
import HuisClosProtocol
import HuisClosPublication
import HuisClosReplica
import HuisClosServer
import HuisClosTerminal
import HuisClosTimestamp
import HuisClosTrust
import HuisClosWire

/// Every error code enum of the product, in the order of Protocol/ERRORS.md (the layers, bottom up).
/// `ErrorCodeTests.everyErrorTypeOfTheSourcesIsListed` fails when an error type is missing here.
enum ErrorCatalog {
    static let types: [any ErrorCode.Type] = [
        CryptoError.Code.self, PassphraseSealedFile.Refusal.Code.self, WireError.Code.self, ChangeError.Code.self, TrustError.Code.self, ReplicaError.Code.self,
        CouncilError.Code.self, AppointmentImport.LineError.Code.self, AppointmentImport.Failure.Code.self, CouncilStoreError.Code.self, PublicationError.Code.self, ContributionRefusal.Code.self, ArchiveError.Code.self,
        PlaintextFileError.Code.self, ChromiumPDFError.Code.self, MailError.Code.self, TimestampError.Code.self, DeviceError.Code.self, DossierError.Code.self, MinutesError.Code.self, APIError.Code.self,
        StorageError.Code.self, PublicSiteRefusal.Code.self, SettingsError.Code.self, OperatorError.Code.self, UsageError.Code.self, AppError.Code.self,
        UnexpectedError.Code.self,
    ]

    /// Every code of every type.
    static var codes: [any ErrorCode] { types.flatMap { cases(of: $0) } }

    private static func cases<Code: ErrorCode>(of type: Code.Type) -> [any ErrorCode] { Code.allCases.map { $0 } }

    /// The codes table of Protocol/ERRORS.md, generated from the code.
    static var table: String {
        var lines = [
            "| code | exit | HTTP | français | English |",
            "| --- | --- | --- | --- | --- |",
        ]
        for code in codes {
            let http = code.httpStatus.map(String.init) ?? "—"
            lines.append("| `\(code.qualified)` | \(code.exitStatus.rawValue) | \(http) | \(cell(code.text.french)) | \(cell(code.text.english)) |")
        }
        return lines.joined(separator: "\n")
    }

    private static func cell(_ text: String) -> String { text.replacingOccurrences(of: "|", with: "\\|") }
}
