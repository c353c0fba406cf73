import Foundation
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// Issue 17, item 4, through the built `huisclos`: `pv brouillon`, `approuver`, `signer`, `voir`
/// `exporter` and `publier` on a council whose two past séances were held (and a third without
/// quorum); the refusals exit with their codes.
@Suite(.tags(.slow)) struct MinutesCLITests {
    @Test func minutesAreDraftedApprovedLaterSignedByThePresidentAndExportedInPlaintext() async throws {
        try await CouncilCLI.with("cli-minutes") { council in
            try await council.start(people: ["presidente": "president", "alice": "member"])
            let present = [council.ids["presidente"]!, council.ids["alice"]!]
            for (seance, day) in [("s1", -2), ("s2", -1)] {
                _ = try await council.run("presidente", ["seances", "convoquer", seance, "--date", Days.iso(day), "--lieu", "Bobigny"])
                try await council.sync("presidente", "secretariat")
                try await council.ok("secretariat", ["presence", "pointer", seance] + present)
                try await council.ok("secretariat", ["presence", "clore", seance])
            }
            // s3, today, is held with nobody present: no quorum, so it approves no minutes.
            try await council.ok("presidente", ["seances", "convoquer", "s3", "--date", Days.iso(0), "--lieu", "Bobigny", "--urgence"])
            try await council.sync("presidente", "secretariat")
            try await council.ok("secretariat", ["presence", "clore", "s3", "--aucun-present"])
            #expect(try await council.ok("secretariat", ["pv", "brouillon", "s1"]).contains("Procès-verbal de la séance s1 rédigé"))
            try await council.ok("secretariat", ["pv", "ecrire", "s1", "1", "La rapporteuse présente l'inclusion numérique."])
            let atItself = try await council.run("secretariat", ["pv", "approuver", "s1", "--seance", "s1", "--pour", "2", "--contre", "0", "--abstentions", "0"])
            #expect(atItself.status == 65 && atItself.errors.contains("minutes.approvalTooEarly"), "\(atItself.errors)")
            let tooMany = try await council.run("secretariat", ["pv", "approuver", "s1", "--seance", "s2", "--pour", "2", "--contre", "1", "--abstentions", "0"])
            #expect(tooMany.status == 65 && tooMany.errors.contains("minutes.votesExceedPresent"), "\(tooMany.errors)")
            let withoutQuorum = try await council.run("secretariat", ["pv", "approuver", "s1", "--seance", "s3", "--pour", "0", "--contre", "0", "--abstentions", "0"])
            #expect(withoutQuorum.status == 65 && withoutQuorum.errors.contains("council.quorumNotReached") && withoutQuorum.errors.contains("sans quorum"),
                    "\(withoutQuorum.errors)")
            try await council.ok("secretariat", ["pv", "approuver", "s1", "--seance", "s2", "--pour", "2", "--contre", "0", "--abstentions", "0"])
            let bySecretariat = try await council.run("secretariat", ["pv", "signer", "s1"])
            #expect(bySecretariat.status == 77 && bySecretariat.errors.contains("Seule la présidence signe"), "\(bySecretariat.errors)")
            try await council.sync("presidente")
            #expect(try await council.ok("presidente", ["pv", "signer", "s1"]).contains("signé et synchronisé"))
            try await council.sync("alice")
            let shown = try await council.ok("alice", ["pv", "voir", "s1"])
            #expect(shown.contains("Présents (2)") && shown.contains("Signé par l'appareil de la présidence (Presidente)"), "\(shown)")

            let file = council.folder.url.appendingPathComponent("pv-s1.md").path
            #expect(try await council.ok("alice", ["pv", "exporter", "s1", "--format", "md", "--sortie", file]).contains("en clair"))
            let exported = try String(contentsOfFile: file, encoding: .utf8)
            #expect(exported.hasPrefix("# Conseil du scénario indépendant — Procès-verbal de la séance du ") && exported.contains("signature vérifiée"))
            #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
            #expect(try await council.run("alice", ["pv", "exporter", "s1", "--format", "md", "--sortie", file]).status == 74, "never over a file")
            #expect(try await council.run("alice", ["pv", "exporter", "s1", "--format", "docx", "--sortie", file + ".docx"]).status == 64)

            // PDF: the HTML export printed by headless Chromium; a clear refusal, nothing written, without Chromium.
            let pdf = council.folder.url.appendingPathComponent("pv-s1.pdf").path
            let noChromium = try await council.run("alice", ["pv", "exporter", "s1", "--format", "pdf", "--sortie", pdf], environment: ["PATH": "/nonexistent"])
            #expect(noChromium.status == 74 && noChromium.errors.contains("pdf.missing") && noChromium.errors.contains("Chromium est introuvable"),
                    "\(noChromium.errors)")
            #expect(!FileManager.default.fileExists(atPath: pdf))
            if ProjectTools.enabled {
                #expect(try await council.ok("alice", ["pv", "exporter", "s1", "--format", "pdf", "--sortie", pdf]).contains("en clair"))
                let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
                #expect(bytes.starts(with: Array("%PDF-".utf8)))
                #expect((try FileManager.default.attributesOfItem(atPath: pdf)[.posixPermissions] as? Int) == 0o600)
                let text = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/pdftotext"), [pdf, "-"])
                #expect(text.status == 0 && text.output.contains("Procès-verbal de la séance du ")
                        && text.output.contains("La rapporteuse présente l'inclusion numérique."), "\(text.output) \(text.errors)")
            }

            // Published when the council decides: by the president or the secretariat, once the relay's site publishes.
            let byAMember = try await council.run("alice", ["pv", "publier", "s1"])
            #expect(byAMember.status == 77 && byAMember.errors.contains("Seules la présidence et le secrétariat publient"), "\(byAMember.errors)")
            try await council.sync("secretariat")
            let unconfigured = try await council.run("secretariat", ["pv", "publier", "s1"])
            #expect(unconfigured.status == 64 && unconfigured.errors.contains("public-site.json") && unconfigured.errors.contains("rien n'a été publié"),
                    "\(unconfigured.status) \(unconfigured.errors)")
            try Data(TestServer.publicSite.utf8).write(to: council.folder.url.appendingPathComponent("relay/public-site.json"))
            await council.stopServer()
            try await council.restartServer()
            let published = try await council.ok("secretariat", ["pv", "publier", "s1"])
            #expect(published.contains("Procès-verbal de la séance s1 publié : ") && published.contains("/public/proces-verbaux/s1.html"), "\(published)")
            let page = try await RawRequest.send(council.url, .GET, "/public/proces-verbaux/s1.html", version: nil)
            let html = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 200 && html.contains("Procès-verbal de la séance du ") && html.contains("Approuvé à la séance s2"), "\(html)")
        }
    }
}
