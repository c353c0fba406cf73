import Foundation
import HuisClosTerminal
import HuisClosTestSupport
import Testing

/// The attacker's review (LOW): the page Chromium prints to PDF must reach no network and run no
/// script, whatever HTML reaches it — a bare IP address is not stopped by the name-resolution rule.
@Suite struct ChromiumPDFTests {
    @Test func aPrintedPageReachesNoAddressAndRunsNoScriptAndIsStillPrinted() async throws {
        let listener = try await ConnectionCounter()
        defer { listener.stop() }
        let html = """
            <!DOCTYPE html>
            <html lang="fr"><head><meta charset="utf-8"><title>Essai</title></head>
            <body><p>Texte imprimé</p>
            <img src="http://127.0.0.1:\(listener.port)/image.png" alt="">
            <script>fetch("http://127.0.0.1:\(listener.port)/script"); document.body.append("SCRIPT-EXECUTE")</script>
            </body></html>
            """
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("chromium-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Chromium runs for a second or two: off Swift's cooperative threads.
        let bytes = try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try ChromiumPDF.print(html, environment: ["PATH": "/usr/bin:/bin"]) })
            }
        }
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        let pdf = folder.appendingPathComponent("page.pdf")
        try bytes.write(to: pdf)
        let text = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf.path, "-"])
        #expect(text.output.contains("Texte imprimé") && !text.output.contains("SCRIPT-EXECUTE"), "\(text.output)")
        #expect(listener.connections == 0, "Chromium reached 127.0.0.1:\(listener.port)")
    }
}
