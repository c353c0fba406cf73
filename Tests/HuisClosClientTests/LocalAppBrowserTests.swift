import Foundation
import HuisClosCouncil
import HuisClosEngine
import HuisClosL10n
import HuisClosTestSupport
import Testing

/// The local app in a real headless Chromium (scripts/check-app.py, with the tools
/// `scripts/setup.sh` installs): the launch's own `.localhost` name resolves and keeps the session
/// cookie from other programs on 127.0.0.1, every screen passes axe-core with no serious or
/// critical violation, loads nothing from elsewhere, opening the convocation acknowledges reading
/// it, the convocation is answered with the keyboard alone, and a PDF dossier is drawn page by
/// page on a canvas with the member's watermark over it, with no CSP violation, and the search
/// field finds a passage and opens it, and a note is added, with the keyboard alone. Screenshots go to a temporary folder, or to HUISCLOS_APP_SCREENSHOTS (docs/ for the README).
@Suite(.enabled(if: ProjectTools.enabled), .tags(.slow))
struct LocalAppBrowserTests {
    @Test func aMemberReadsAndAnswersInChromiumAndEveryScreenPassesAxe() async throws {
        let shots = try TemporaryFolder("app-screenshots")
        defer { shots.remove() }
        let folder = ProcessInfo.processInfo.environment["HUISCLOS_APP_SCREENSHOTS"] ?? shots.url.path
        try await LocalAppCouncil.with("app-browser") { council, _, entry, _ in
            let checked = try await ProjectTools.run("python3", [ProjectTools.repository.appendingPathComponent("scripts/check-app.py").path,
                                                                 entry.printed, folder])
            let printed = checked.output + checked.errors
            #expect(checked.status == 0, "\(printed)")
            for screen in ["accueil", "seances", "seance", "dossiers", "dossier", "pdf", "recherche", "appareils", "notes"] {
                #expect(printed.contains("axe: \(screen): 0 serious/critical"), "\(printed)")
                #expect(FileManager.default.fileExists(atPath: folder + "/app-\(screen).png"), "\(screen)")
            }
            #expect(printed.contains("answered « excusé·e » with the keyboard alone"), "\(printed)")
            let watermark = "\(LocalAppCouncil.memberName) — \(Moment(unixSeconds: council.clock.unixSeconds).text.in(.french))"
            #expect(printed.contains("pdf page 1 drawn under the watermark « \(watermark) »"), "\(printed)")
            #expect(printed.contains("pdf page 2 drawn under the watermark with the keyboard alone"), "\(printed)")
            #expect(printed.contains("no Content-Security-Policy violation"), "\(printed)")
            #expect(printed.contains("searched and opened the hit with the keyboard alone"), "\(printed)")
            #expect(printed.contains("added a note with the keyboard alone"), "\(printed)")
            #expect(printed.contains("another program on 127.0.0.1 received no session cookie"), "\(printed)")
            #expect(try await council.acknowledged(reading: true), "opening the convocation in the browser acknowledges reading it")
            #expect(try await council.memberAnswer() == .excused)
        }
    }
}
