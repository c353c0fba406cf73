import Foundation
import HuisClosTestSupport
import Testing

/// Issue 17, item 4, through the built `huisclos`: `pv brouillon`, `approuver`, `signer`, `voir`
/// and `exporter` on a council whose two past séances were held; the refusals exit with their codes.
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
            #expect(try await council.ok("secretariat", ["pv", "brouillon", "s1"]).contains("Procès-verbal de la séance s1 rédigé"))
            let atItself = try await council.run("secretariat", ["pv", "approuver", "s1", "--seance", "s1", "--pour", "2", "--contre", "0", "--abstentions", "0"])
            #expect(atItself.status == 65 && atItself.errors.contains("minutes.approvalTooEarly"), "\(atItself.errors)")
            let tooMany = try await council.run("secretariat", ["pv", "approuver", "s1", "--seance", "s2", "--pour", "2", "--contre", "1", "--abstentions", "0"])
            #expect(tooMany.status == 65 && tooMany.errors.contains("minutes.votesExceedPresent"), "\(tooMany.errors)")
            try await council.ok("secretariat", ["pv", "approuver", "s1", "--seance", "s2", "--pour", "2", "--contre", "0", "--abstentions", "0"])
            let bySecretariat = try await council.run("secretariat", ["pv", "signer", "s1"])
            #expect(bySecretariat.status == 65 && bySecretariat.errors.contains("Seule la présidence signe"), "\(bySecretariat.errors)")
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
            #expect(try await council.run("alice", ["pv", "exporter", "s1", "--format", "pdf", "--sortie", file + ".pdf"]).status == 64)
        }
    }
}
