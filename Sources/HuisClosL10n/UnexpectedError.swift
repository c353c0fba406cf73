/// A failure no HuisClos type describes (the system's, a library's): named in English for the
/// English reader, and by what to check for the French one, so no English reaches a French reader.
public struct UnexpectedError: HuisClosError, CustomStringConvertible {
    /// The one kind: a local operation failed.
    public enum Code: String, ErrorCode {
        case failed

        public static let domain = "local"

        public var text: Text {
            Text(fr: "une opération locale a échoué : vérifiez les fichiers et dossiers donnés, la place libre et les droits, puis réessayez",
                 en: "a local operation failed: check the files and folders given, the free space and the permissions, then try again")
        }

        public var exitStatus: ExitStatus { .localIO }
    }

    public var code: Code { .failed }
    /// The failure as the system or library described it (English).
    public let description: String
    public var text: Text { Text(fr: code.text.french, en: "\(code.text.english) (\(description))") }

    /// Wraps `error`, keeping its description for the English reader.
    public init(_ error: any Error) {
        description = String(describing: error)
    }
}

extension Text {
    /// What `error` says, in both languages: its own text when it is a HuisClos error, else that of
    /// an `UnexpectedError` — for a cause named inside another sentence.
    public init(explaining error: any Error) {
        self = (error as? any HuisClosError)?.text ?? UnexpectedError(error).text
    }
}
