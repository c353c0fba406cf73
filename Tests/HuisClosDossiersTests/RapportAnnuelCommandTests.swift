import Foundation
import HuisClosTestSupport
import Testing

/// `huisclos rapport annuel` run as a member would run it.
@Suite struct RapportAnnuelCommandTests {
    static let input = """
        {"conseil": "Conseil numérique de la Seine-Saint-Denis",
         "seances": [
           {"id": "s1", "date": "2026-01-20", "attendus": ["Alice Martin", "Bruno Diallo"], "presents": ["Alice Martin"], "excuses": ["Bruno Diallo"]},
           {"id": "s2", "date": "2026-04-14", "attendus": ["Alice Martin", "Bruno Diallo"], "presents": ["Alice Martin", "Bruno Diallo"]}],
         "textes": [{"id": "AVIS-2026-01", "nature": "avis", "titre": "Inclusion numérique", "date": "2026-04-14", "seance": "s2",
                     "vote": {"effectif": 2, "votants": 2, "pour": 2, "contre": 0, "abstention": 0}}],
         "saisines": [{"id": "r1", "objet": "Fracture numérique", "origine": "president", "recue": "2026-02-01", "avis": "AVIS-2026-01"}],
         "groupes": [{"nom": "budget", "membres": 2, "supplementaires": 1, "dossiers": 3}],
         "auditions": [{"invite": "Mme Expert", "date": "2026-03-03", "dossier": "etude"}]}
        """

    @Test func annualReportIsWrittenAsMarkdownHTMLAndSVGWithTheScenariosFigures() async throws {
        let folder = try TemporaryFolder("rapport-annuel")
        defer { folder.remove() }
        let input = folder.url.appendingPathComponent("activite-2026.json")
        try Data(Self.input.utf8).write(to: input)
        let output = folder.url.appendingPathComponent("rapport")
        let run = try await CommandRun.run("huisclos", ["rapport", "annuel", "2026", "--donnees", input.path, "--sortie", output.path],
                                           environment: ["LANG": "fr_FR.UTF-8"])
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("Rapport 2026 : 2 séance(s), 1 avis, 1 saisine(s)"))
        let markdown = try String(contentsOf: output.appendingPathComponent("rapport-2026.md"), encoding: .utf8)
        #expect(markdown.contains("| Bruno Diallo | 1 | 2 | 1 | 50 % |"))
        #expect(markdown.contains("![Assiduité aux séances 2026](assiduite-2026.svg)"))
        let html = try String(contentsOf: output.appendingPathComponent("rapport-2026.html"), encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("1 audition(s)."))
        let svg = try String(contentsOf: output.appendingPathComponent("assiduite-2026.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
    }

    @Test func malformedInputIsRefusedWithExitStatus65() async throws {
        let folder = try TemporaryFolder("rapport-annuel-bad")
        defer { folder.remove() }
        let input = folder.url.appendingPathComponent("activite.json")
        try Data(Self.input.replacingOccurrences(of: "2026-03-03", with: "03/03/2026").utf8).write(to: input)
        let run = try await CommandRun.run("huisclos", ["rapport", "annuel", "2026", "--donnees", input.path, "--sortie", folder.url.path],
                                           environment: ["LANG": "en_GB.UTF-8"])
        #expect(run.status == 65)
        #expect(run.errors.contains("Data refused: invalid date '03/03/2026': write YYYY-MM-DD"))
    }
}
