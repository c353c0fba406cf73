import HuisClosCouncil

/// A séance's procès-verbal as a document leaving the device (`huisclos pv exporter`): its text
/// and what the exporting device verified of its approval, signature and time-stamp, in Markdown
/// or as one standalone HTML page built like the public pages (RGAA landmarks, `lang="fr"`).
public struct MinutesDocument: Sendable, Equatable {
    public let councilName: String
    public let seance: String
    public let day: Day
    public let paragraphs: [String]
    /// What the exporting device checked: the approval with its vote, the signature, the time-stamp (French sentences).
    public let attestation: [String]

    public init(councilName: String, seance: String, day: Day, paragraphs: [String], attestation: [String]) {
        (self.councilName, self.seance, self.day, self.paragraphs, self.attestation) = (councilName, seance, day, paragraphs, attestation)
    }

    /// « Procès-verbal de la séance du jeudi 17 décembre 2026 ».
    public var title: String { "Procès-verbal de la séance du \(day.frenchInFull)" }

    /// The document in Markdown: the title, the paragraphs, then the attestation as a list.
    public func markdown() -> String {
        "# \(councilName) — \(title)\n\n" + paragraphs.map { "\($0)\n\n" }.joined()
            + "## Approbation et signature\n\n" + attestation.map { "- \($0)\n" }.joined()
    }

    /// The document as one HTML page.
    public func html() -> String {
        let body = "<h1>\(Escaping.html(title))</h1>\n" + paragraphs.map { "<p>\(Escaping.html($0))</p>\n" }.joined()
            + "<h2>Approbation et signature</h2>\n<ul>\n" + attestation.map { "<li>\(Escaping.html($0))</li>\n" }.joined() + "</ul>\n"
        return PublicPage.document(title: "\(councilName) — \(title)", body: body, publisher: councilName, conformance: .none, placement: .standalone)
    }
}

extension MinutesDocument {
    /// The export formats.
    public enum Format: String, Sendable, CaseIterable {
        case html, md
    }

    /// The document in `format`.
    public func rendered(_ format: Format) -> String {
        switch format {
        case .html: html()
        case .md: markdown()
        }
    }
}
