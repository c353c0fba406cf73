import Foundation
import HuisClosDossiers
import HuisClosProtocol

/// File naming for dossiers: media type from the extension, identifier from the file name.
enum DossierMedia {
    /// Media types by lowercase extension; anything else is `application/octet-stream`.
    static let types: [String: String] = [
        "txt": "text/plain", "md": "text/markdown", "csv": "text/csv", "html": "text/html",
        "json": "application/json", "xml": "application/xml", "pdf": "application/pdf",
        "odt": "application/vnd.oasis.opendocument.text", "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg",
    ]

    /// The media type of `file`, from its extension.
    static func type(of file: URL) -> String { types[file.pathExtension.lowercased()] ?? "application/octet-stream" }

    /// A record identifier from a file name: lowercase letters, digits and '-'.
    static func identifier(from name: String) -> String {
        let mapped = name.lowercased().map { $0.isLetter && $0.isASCII || $0.isNumber && $0.isASCII ? $0 : "-" }
        let id = String(mapped).split(separator: "-").joined(separator: "-")
        return id.isEmpty ? "dossier" : id
    }

    /// One version as listed (`--json`): no key, no content.
    struct Listed: Encodable {
        let scope: String, dossier: String, title: String, version: Int, fileName: String, mediaType: String, size: Int64, seen: Bool
        /// True when the content is kept on this device (readable offline).
        let offline: Bool

        init(version: DossierVersion, title: String, scope: ScopeID, seen: Bool, offline: Bool) {
            self.scope = scope.rawValue
            dossier = version.dossier
            self.title = title
            self.version = version.number
            fileName = version.fileName
            mediaType = version.mediaType
            size = version.size
            self.seen = seen
            self.offline = offline
        }
    }
}
