public import HuisClosL10n

/// A `huisclos-server` command that cannot do what the operator asked: which folder or council is
/// missing, or that the data folder is damaged, and what to do.
public struct OperatorError: HuisClosError, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, ErrorCode {
        /// Neither `--data` nor `HUISCLOS_DATA` names the data folder.
        case noDataFolder
        /// `--council` names a council the data folder does not host.
        case unknownCouncil
        /// The data folder holds no relay database (a mistyped path: nothing is created).
        case noRelayDatabase
        /// The check found damage.
        case damaged

        public static let domain = "operator"

        public var text: Text {
            switch self {
            case .noDataFolder:
                Text(
                    fr: "indiquez le dossier de données : --data CHEMIN ou HUISCLOS_DATA",
                    en: "give the data folder: --data PATH or HUISCLOS_DATA")
            case .unknownCouncil:
                Text(
                    fr: "ce conseil n'est pas hébergé dans ce dossier de données : voyez huisclos-server councils list",
                    en: "this council is not hosted in this data folder: see huisclos-server councils list")
            case .noRelayDatabase:
                Text(fr: "aucune base du relais dans ce dossier : vérifiez le chemin", en: "no relay database in this folder: check the path")
            case .damaged:
                Text(
                    fr: "le dossier de données est endommagé : mettez-le de côté et restaurez la dernière sauvegarde (huisclos-server restore)",
                    en: "the data folder is damaged; keep it aside and restore the last backup (huisclos-server restore)")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .noDataFolder, .unknownCouncil: .usage
            case .noRelayDatabase: .localIO
            case .damaged: .dataRefused
            }
        }
    }

    public let code: Code
    public let text: Text

    /// An error with its code and what it says in both languages (the code's sentence when nil).
    public init(_ code: Code, _ text: Text? = nil) {
        self.code = code
        self.text = text ?? code.text
    }
}
