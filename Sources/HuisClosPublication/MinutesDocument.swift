public import HuisClosCouncil
public import HuisClosL10n

/// A séance's procès-verbal as a document leaving the device (`huisclos pv exporter`): its text
/// and what the exporting device verified of its approval, signature and time-stamp, in Markdown
/// or as one standalone HTML page built like the public pages (RGAA landmarks, `lang="fr"`), which
/// is also what a PDF prints.
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

    /// The document in Markdown: the title, the paragraphs, then the attestation as a list, each
    /// shown as written (`Escaping.markdown`).
    public func markdown() -> String {
        "# \(Escaping.markdown("\(councilName) — \(title)", inline: true))\n\n"
            + paragraphs.map { "\(Escaping.markdown($0, inline: false))\n\n" }.joined()
            + "## Approbation et signature\n\n" + attestation.map { "- \(Escaping.markdown($0, inline: true))\n" }.joined()
    }

    /// The document as one HTML page.
    public func html() -> String {
        PublicPage.document(title: pageTitle, body: htmlBody, publisher: councilName, conformance: .none, placement: .standalone)
    }

    /// The page's title: the council, then the document's title.
    var pageTitle: String { "\(councilName) — \(title)" }

    /// The HTML body shared by the export and the public site's page: the title, the paragraphs, the attestation.
    var htmlBody: String {
        "<h1>\(Escaping.html(title))</h1>\n" + paragraphs.map { "<p>\(Escaping.html($0))</p>\n" }.joined()
            + "<h2>Approbation et signature</h2>\n<ul>\n" + attestation.map { "<li>\(Escaping.html($0))</li>\n" }.joined() + "</ul>\n"
    }

    /// « Approuvé à la séance s2 du … : N présents, … » — the approval as the export and the public page state it.
    public static func approvalLine(_ approval: PublishedMinutes.Approval) -> Text {
        Text(fr: "Approuvé à la séance \(approval.seance) du \(approval.day.french) : \(approval.present) présents, \(approval.inFavour) pour, \(approval.against) contre, \(approval.abstaining) abstention(s).",
             en: "Approved at séance \(approval.seance) of \(approval.day.iso): \(approval.present) present, \(approval.inFavour) for, \(approval.against) against, \(approval.abstaining) abstaining.")
    }

    /// The approved text's SHA-256 (hex), the value the president's device signed.
    public static func hashLine(_ textSHA256: String) -> Text {
        Text(fr: "Empreinte SHA-256 du texte approuvé : \(textSHA256).", en: "SHA-256 of the approved text: \(textSHA256).")
    }
}

extension MinutesDocument {
    /// The export formats; a PDF is the HTML page printed (`ChromiumPDF`).
    public enum Format: String, Sendable, CaseIterable {
        case html, md, pdf
    }

    /// The document in `format`: for `.pdf`, the HTML page to print.
    public func rendered(_ format: Format) -> String {
        switch format {
        case .html, .pdf: html()
        case .md: markdown()
        }
    }
}
