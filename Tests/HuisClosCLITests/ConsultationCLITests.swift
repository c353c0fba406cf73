import Foundation
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// `huisclos consultations` through the built executable against a real relay: the president
/// opens, a member may not, the second circle contributes from its device, a member reads and
/// tags, closing stops contributions.
@Suite(.tags(.slow)) struct ConsultationCLITests {
    static let marker = "CONTRIBUTION-CLI-51F0A"

    @Test func thePresidentOpensTheSecondCircleContributesAMemberReadsAndTagsClosingStopsIt() async throws {
        try await CouncilCLI.with("cli-consultation") { council in
            try await council.start(people: ["presidente": "president", "alice": "member"])
            let cercle = try await council.appoint("Nora Haddad", role: "second-cercle", category: "civilSociety", order: "AR-CD-300",
                                                   date: "2026-01-05")
            try await council.enrol([("cercle", cercle)])
            try await council.distributeKeys(to: ["cercle"])

            let refused = try await council.run("alice", ["consultations", "ouvrir", "c-1", "--sujet", "Charte", "--question", "Qu'ajouter ?",
                                                          "--public", "second-cercle", "--cloture", Days.iso(30)])
            #expect(refused.status == 77 && refused.errors.contains("présidence ou le secrétariat"), "\(refused.status) \(refused.errors)")
            let opened = try await council.ok("presidente", ["consultations", "ouvrir", "c-1", "--sujet", "Charte du numérique",
                                                             "--question", "Qu'ajouter ?", "--public", "second-cercle", "--cloture", Days.iso(30)])
            #expect(opened.contains("Consultation c-1 ouverte jusqu'au"), "\(opened)")
            try await council.sync("alice", "cercle")
            let listed = try await council.rows("alice", ["consultations", "liste"])
            #expect(listed.first?["id"] as? String == "c-1" && listed.first?["state"] as? String == "open", "\(listed)")
            #expect(try await council.ok("alice", ["consultations", "voir", "c-1"]).contains("Question : Qu'ajouter ?"))

            try await council.ok("cercle", ["consultations", "contribuer", "c-1", "Ajouter l'inclusion. \(Self.marker)"])
            let read = try await council.json("alice", ["consultations", "contributions", "c-1"]) as? [[String: Any]]
            #expect(read?.first?["text"] as? String == "Ajouter l'inclusion. \(Self.marker)" && read?.first?["author"] as? String == "Nora Haddad",
                    "\(String(describing: read))")
            #expect(try await council.run("cercle", ["consultations", "contributions", "c-1"]).status != 0, "the second circle read the contributions")
            try await council.ok("alice", ["consultations", "marquer", "c-1", "1", "écartée"])
            let tagged = try await council.json("alice", ["consultations", "contributions", "c-1"]) as? [[String: Any]]
            #expect(tagged?.first?["tag"] as? String == "ecartee")

            try await council.ok("presidente", ["consultations", "clore", "c-1"])
            // Closed early: the listing and the details show when it actually closed.
            let closed = try await council.rows("presidente", ["consultations", "liste"])
            #expect(closed.first?["state"] as? String == "closed" && closed.first?["closed_at"] is String, "\(closed)")
            let details = try await council.ok("presidente", ["consultations", "voir", "c-1"])
            #expect(details.contains("(close avant terme, prévue le"), "\(details)")
            try await council.sync("cercle")
            let late = try await council.run("cercle", ["consultations", "contribuer", "c-1", "Trop tard"])
            #expect(late.status == 65 && late.errors.contains("contribution.closed"), "\(late.status) \(late.errors)")

            // The synthesis (issue 18, item 1): drafted like an avis, adopted at a held séance with
            // the consultation's counts, published with them.
            let unnamed = try await council.run("presidente", ["avis", "creer", "syn-1", "--nature", "synthese", "--titre", "Synthèse"])
            #expect(unnamed.status == 64 && unnamed.errors.contains("--consultation"), "\(unnamed.status) \(unnamed.errors)")
            try await council.ok("presidente", ["avis", "creer", "syn-1", "--nature", "synthese", "--consultation", "c-1",
                                                "--titre", "Synthèse de la consultation sur la charte"])
            try await council.ok("presidente", ["avis", "ecrire", "syn-1", "--paragraphe", "p1", "Une contribution, écartée."])
            // Issue 18, item 3: not at a séance held before the consultation closed (yesterday);
            // at one convened for today, after the closing.
            try await council.ok("presidente", ["seances", "convoquer", "s0", "--date", Days.iso(-1), "--lieu", "Bobigny"])
            try await council.ok("presidente", ["seances", "convoquer", "s1", "--date", Days.councilToday(), "--lieu", "Bobigny", "--urgence"])
            try await council.sync("presidente", "secretariat")
            for seance in ["s0", "s1"] {
                try await council.ok("secretariat", ["presence", "pointer", seance, council.ids["presidente"]!, council.ids["alice"]!])
                try await council.ok("secretariat", ["presence", "clore", seance])
            }
            try await council.sync("secretariat", "presidente")
            let early = try await council.run("presidente", ["avis", "adopter", "syn-1", "--seance", "s0", "--votants", "2", "--pour", "2",
                                                             "--contre", "0", "--abstentions", "0"])
            #expect(early.status != 0 && early.errors.contains("Dates contradictoires : la synthèse syn-1 est adoptée le")
                    && early.errors.contains("avant la clôture de la consultation c-1"), "\(early.status) \(early.errors)")
            try await council.ok("presidente", ["avis", "adopter", "syn-1", "--seance", "s1", "--votants", "2", "--pour", "2", "--contre", "0",
                                                "--abstentions", "0"])
            try Data(TestServer.publicSite.utf8).write(to: council.folder.url.appendingPathComponent("relay/public-site.json"))
            await council.stopServer()
            try await council.restartServer()
            try await council.ok("presidente", ["avis", "publier", "syn-1"])
            let page = try await RawRequest.send(council.url, .GET, "/public/textes/syn-1.html", version: nil)
            let text = String(decoding: page.body, as: UTF8.self)
            #expect(page.status == 200 && text.contains("Synthèse de consultation : Synthèse de la consultation sur la charte")
                    && text.contains("Consultation c-1 : 1 contribution(s) reçue(s), 0 retenue(s)."), "\(page.status) \(text)")
            #expect(!text.contains(Self.marker), "a contribution reached the public page")
        }
    }
}
