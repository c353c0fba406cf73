public import Foundation

/// File naming for dossiers: media type from the extension, identifier from the file name (the
/// one rule every face applies when a file becomes a dossier version).
public enum DossierMedia {
    /// A PDF's media type (the app draws those page by page).
    public static let pdf = "application/pdf"

    /// Media types by lowercase extension; anything else is `application/octet-stream`.
    public static let types: [String: String] = [
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "html": "text/html",
        "json": "application/json", "xml": "application/xml", "pdf": pdf,
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    ]

    /// The media type of `file`, from its extension.
    public static func type(of file: URL) -> String { types[file.pathExtension.lowercased()] ?? "application/octet-stream" }

    /// A record identifier from a file name: lowercase letters, digits and '-'.
    public static func identifier(from name: String) -> String {
        let mapped = name.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        let id = String(mapped).split(separator: "-").joined(separator: "-")
        return id.isEmpty ? "dossier" : id
    }
}
