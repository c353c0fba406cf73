import Foundation
import HuisClosDossiers
import Testing

/// The one media-type and identifier rule every face applies when a file becomes a dossier version.
@Suite struct DossierMediaTests {
    @Test func theMediaTypeComesFromTheExtensionWhateverItsCase() {
        #expect(DossierMedia.type(of: URL(fileURLWithPath: "/tmp/Budget.PDF")) == "application/pdf")
        #expect(DossierMedia.type(of: URL(fileURLWithPath: "/tmp/note.md")) == "text/markdown")
        #expect(DossierMedia.type(of: URL(fileURLWithPath: "/tmp/archive.tar.zst")) == "application/octet-stream")
    }

    @Test func anIdentifierKeepsAsciiLettersAndDigitsAndJoinsTheRestWithOneDash() {
        #expect(DossierMedia.identifier(from: "Budget 2027 — v2") == "budget-2027-v2")
        #expect(DossierMedia.identifier(from: "Étude mobilité") == "tude-mobilit")
        #expect(DossierMedia.identifier(from: "«»") == "dossier")
    }
}
