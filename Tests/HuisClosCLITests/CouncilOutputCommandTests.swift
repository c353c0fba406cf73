import Foundation
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// Issue 7's commands with the real executables against a real relay: working groups, hearings,
/// avis adoption and publication on the public pages, and the annual report from the records.
@Suite(.tags(.cli, .slow)) struct CouncilOutputCommandTests {
    static let marker = "CONFIDENTIEL-MARQUEUR-42"

    static func file(_ folder: TemporaryFolder, _ name: String, _ text: String) throws -> String {
        let url = folder.url.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func aGroupDossierReachesOnlyTheGroupAndAHearingGuestIsLockedOutAndWipedAfterExpiry() async throws {
        try await CouncilCLI.with("cli-groups", english: true) { council in
            try await council.start(people: ["presidente": "president", "alice": "member", "bruno": "member"])
            let folder = council.folder
            let alice = try #require(council.ids["alice"])

            // A hearing: the guest reads the one dossier and nothing else. What happens at its expiry (access
            // ends, the secretariat's sync closes it and orders the guest's device wiped) is driven by a manual
            // clock in HuisClosClientTests, not waited for here.
            let council1 = try await council.run("secretariat", ["dossiers", "ajouter", "--id", "budget",
                                                                 try Self.file(folder, "budget.txt", "Budget \(Self.marker)")])
            #expect(council1.status == 0, "\(council1.errors)")
            let opened = try #require(try await council.json("secretariat", [
                "auditions", "ouvrir", "h-1", "--invite", "Dr Léa Roux", "--dossier", "budget",
                "--jusqu-au", "2030-01-01",
            ]) as? [String: String])
            try await council.enrol("invitee", member: try #require(opened["member"]), code: try #require(opened["code"]))
            try await council.sync("invitee", "secretariat", "invitee")
            let heard = try await council.run("invitee", ["dossiers", "lire", "budget", "--portee", "hearing:h-1"])
            #expect(heard.status == 0 && heard.output.contains("Budget"), "\(heard.errors)")
            #expect((try await council.json("invitee", ["dossiers", "liste"]) as? [Any])?.isEmpty == true, "the guest sees council dossiers")

            // Meanwhile, a working group.
            let refused = try await council.run("bruno", ["groupes", "creer", "intrus", "--membres", alice])
            #expect(refused.status == 77 && refused.errors.contains("only the president"), "\(refused.errors)")
            let created = try await council.run("presidente", ["groupes", "creer", "mobilite", "--membres", alice])
            #expect(created.status == 0, "\(created.errors)")
            let added = try await council.run("presidente", ["dossiers", "ajouter", "--portee", "group:mobilite", "--id", "etude-groupe",
                                                             try Self.file(folder, "etude.txt", "Tracés \(Self.marker)")])
            #expect(added.status == 0, "\(added.errors)")
            try await council.sync("alice", "bruno", "secretariat")
            let read = try await council.run("alice", ["dossiers", "lire", "etude-groupe", "--portee", "groupe:mobilite"])
            #expect(read.status == 0 && read.output.contains(Self.marker), "\(read.errors)")
            // The acceptance run: `--portee conseil` (the French word) was refused as « api.forbidden », 77,
            // and a group of no name uploaded, was refused by the relay, then « abandoned » at the next add.
            let conseil = try await council.json("alice", ["dossiers", "liste", "--portee", "conseil"]) as? [[String: Any]]
            let listed = try await council.json("alice", ["dossiers", "liste"]) as? [[String: Any]]
            #expect(conseil?.isEmpty == false && conseil?.count == listed?.count)
            let nowhere = try await council.run("presidente", ["dossiers", "ajouter", "--portee", "groupe:inconnu",
                                                               try Self.file(folder, "ailleurs.txt", "Nulle part")])
            #expect(nowhere.status == 77 && nowhere.errors.contains("device.notAuthorised")
                    && nowhere.errors.contains("may not write in working group inconnu") && nowhere.errors.contains("Nothing was sent"),
                    "\(nowhere.status) \(nowhere.errors)")
            let unknownWord = try await council.run("presidente", ["dossiers", "liste", "--portee", "comite"])
            #expect(unknownWord.status == 64 && unknownWord.errors.contains("comite"), "\(unknownWord.errors)")
            for outsider in ["bruno", "secretariat"] {
                #expect(try await council.json(outsider, ["dossiers", "liste", "--portee", "group:mobilite"]) as? [Any] != nil)
                #expect((try await council.json(outsider, ["dossiers", "liste", "--portee", "group:mobilite"]) as? [Any])?.isEmpty == true,
                        "\(outsider) received the group's dossier")
                #expect(try await council.run(outsider, ["dossiers", "lire", "etude-groupe", "--portee", "group:mobilite"]).status == 77, "an outsider is refused by the log before anything is looked up")
            }
            let groups = try #require(try await council.json("bruno", ["groupes", "liste"]) as? [[String: Any]])
            #expect(groups.map { $0["name"] as? String } == ["mobilite"] && groups.first?["members"] as? [String] == [alice])
            // The acceptance run: a grant said « Log updated. » naming nobody, and the same grant again was refused (77).
            let bruno = try #require(council.ids["bruno"])
            let grant = ["admin", "acces", "--membre", bruno, "--portee", "groupe:mobilite", "--lecture-seule"]
            let granted = try await council.ok("secretariat", grant)
            #expect(granted.contains("member \(bruno) now has read-only access to working group mobilite"), "\(granted)")
            // The acceptance run: any name was granted (« mobilite », « n-importe-quoi »), and the
            // secretariat could give itself a group the help says it never reads.
            for scope in ["mobilite", "n-importe-quoi", "seance:s1"] {
                let named = try await council.run("secretariat", ["admin", "acces", "--membre", bruno, "--portee", scope], english: false)
                #expect(named.status == 64 && named.errors.contains("seuls les groupes de travail"), "\(scope): \(named.status) \(named.errors)")
            }
            let status = try await council.object("secretariat", ["status", "--json"])
            let secretariatID = try #require((status["device"] as? [String: Any])?["member"] as? String)
            let itself = try await council.run("secretariat", ["admin", "acces", "--membre", secretariatID, "--portee", "groupe:mobilite"], english: false)
            #expect(itself.status == 64 && itself.errors.contains("ne siège pas dans les groupes de travail"), "\(itself.status) \(itself.errors)")
            // The acceptance run: `groupes liste` did not show who was given access by `admin acces`.
            let listedGroups = try #require(try await council.json("secretariat", ["groupes", "liste"]) as? [[String: Any]])
            #expect(listedGroups.first?["granted"] as? [String] == [bruno] && listedGroups.first?["members"] as? [String] == [alice], "\(listedGroups)")
            let groupTable = try await council.ok("secretariat", ["groupes", "liste"], english: false)
            #expect(groupTable.contains("Autres accès"), "\(groupTable)")
            let regranted = try await council.run("secretariat", grant)
            #expect(regranted.status == 0 && regranted.output.contains("Nothing to sign"), "\(regranted.status) \(regranted.output) \(regranted.errors)")
            // The attacker's review: a grant ending in 2030 (the hearing's) counted as the lasting one asked,
            // and nothing was signed.
            let invitee = try #require(opened["member"])
            let lasting = try await council.run("secretariat", ["admin", "acces", "--membre", invitee, "--portee", "audition:h-1", "--lecture-seule"])
            #expect(lasting.status == 0 && lasting.output.contains("now has read-only access to hearing h-1"), "\(lasting.output) \(lasting.errors)")
            let lastingAgain = try await council.run("secretariat", ["admin", "acces", "--membre", invitee, "--portee", "audition:h-1", "--lecture-seule"])
            #expect(lastingAgain.output.contains("Nothing to sign"), "\(lastingAgain.output) \(lastingAgain.errors)")

            #expect(try await council.run("invitee", ["dossiers", "lire", "etude-groupe", "--portee", "group:mobilite"]).status != 0)
            let typo = try await council.run("secretariat", ["auditions", "ouvrir", "h-0", "--invite", "X", "--dossier", "absent",
                                                             "--jusqu-au", "2030-01-01"])
            #expect(typo.status == 64 && typo.errors.contains("no council dossier 'absent'"), "\(typo.errors)")
            let notSecretariat = try await council.run("presidente", ["auditions", "ouvrir", "h-0", "--invite", "X", "--dossier", "budget",
                                                                      "--jusqu-au", "2030-01-01"])
            #expect(notSecretariat.status == 77, "\(notSecretariat.errors)")
            // Closed before its expiry: the grant is withdrawn and the hearing recorded closed.
            #expect(try await council.run("secretariat", ["auditions", "ouvrir", "h-early", "--invite", "Y", "--dossier", "budget",
                                                          "--jusqu-au", "2030-01-01"]).status == 0)
            #expect(try await council.run("secretariat", ["auditions", "clore", "h-early"]).status == 0)
            // The acceptance run: closed again, it said « nouvelle clé … » once more.
            let closedAgain = try await council.run("secretariat", ["auditions", "clore", "h-early"], english: false)
            #expect(closedAgain.status == 0 && closedAgain.output.contains("déjà close le") && !closedAgain.output.contains("nouvelle clé"),
                    "\(closedAgain.output) \(closedAgain.errors)")
            let early = try #require(try await council.json("secretariat", ["auditions", "liste"]) as? [[String: Any]])
            #expect(early.first { $0["id"] as? String == "h-early" }?["closed"] != nil)
            // The table in the council's time and French form; JSON keeps ISO 8601.
            let table = try await council.run("secretariat", ["auditions", "liste"], english: false)
            #expect(table.output.contains(#/\d{2}/\d{2}/\d{4} \d+ h \d{2}/#) && !table.output.contains(#/\d{4}-\d{2}-\d{2}/#), "\(table.output)")
            #expect((early.first?["expiry"] as? String)?.hasSuffix("Z") == true, "\(early)")

            // Closed by the secretariat: the guest's device is ordered wiped at its next sync.
            #expect(try await council.run("secretariat", ["auditions", "clore", "h-1"]).status == 0)
            let wiped = try await council.run("invitee", ["sync"])
            #expect(wiped.status != 0 && wiped.errors.contains("wiped"), "\(wiped.errors)")
            #expect(!FileManager.default.fileExists(atPath: folder.url.appendingPathComponent("invitee").path), "the guest's device was not wiped")
            let hearings = try #require(try await council.json("secretariat", ["auditions", "liste"]) as? [[String: Any]])
            let heardOne = hearings.first { $0["id"] as? String == "h-1" }
            #expect(heardOne?["closed"] != nil && heardOne?["guestName"] as? String == "Dr Léa Roux")
        }
    }

    @Test func anAdoptedAvisIsPublishedAsHTMLJSONAndCSVWithoutConfidentialMaterialAndCountsInTheAnnualReport() async throws {
        try await CouncilCLI.with("cli-avis", english: true) { council in
            let folder = council.folder
            try await council.start(people: ["presidente": "president", "alice": "member", "bruno": "member"])
            let ids = council.ids
            #expect(try await council.run("presidente", ["seances", "convoquer", "s1", "--date", "2026-03-10", "--lieu", "Bobigny"]).status == 0)
            #expect(try await council.run("secretariat", ["dossiers", "ajouter", "--id", "note",
                                                          try Self.file(folder, "note.txt", "Note \(Self.marker)")]).status == 0)
            #expect(try await council.run("secretariat", ["saisines", "recevoir", "sa-1", "--objet", "Inclusion", "--origine", "president",
                                                          "--date", "2026-02-01"]).status == 0)
            try await council.sync("presidente", "secretariat", "alice", "bruno")
            #expect(try await council.run("alice", ["avis", "creer", "a-1", "--titre", "Avis inclusion", "--saisine", "sa-1"]).status == 0)
            #expect(try await council.run("alice", ["avis", "ecrire", "a-1", "--paragraphe", "p1", "Brouillon \(Self.marker)"]).status == 0)
            #expect(try await council.run("alice", ["avis", "ecrire", "a-1", "--paragraphe", "p1", "Le conseil recommande."]).status == 0)
            try await council.sync("alice", "bruno")
            #expect(try await council.run("alice", ["avis", "ecrire", "a-1", "--paragraphe", "p2", "Version d'Alice \(Self.marker)"]).status == 0)
            #expect(try await council.run("bruno", ["avis", "ecrire", "a-1", "--paragraphe", "p2", "Version de Bruno"]).status == 0)
            try await council.sync("alice", "bruno", "secretariat")

            let vote = ["--votants", "3", "--pour", "2", "--contre", "0", "--abstentions", "1"]
            let notHeld = try await council.run("secretariat", ["avis", "adopter", "a-1", "--seance", "s1"] + vote)
            #expect(notHeld.status == 64 && notHeld.errors.contains("has not been held"), "\(notHeld.errors)")
            #expect(try await council.run("secretariat", ["presence", "pointer", "s1", ids["presidente"]!, ids["alice"]!, ids["bruno"]!]).status == 0)
            #expect(try await council.run("secretariat", ["presence", "clore", "s1"]).status == 0)
            let conflict = try await council.run("secretariat", ["avis", "adopter", "a-1", "--seance", "s1"] + vote)
            #expect(conflict.status == 64 && conflict.errors.contains("conflicting versions"), "\(conflict.errors)")
            #expect(try await council.run("bruno", ["avis", "ecrire", "a-1", "--paragraphe", "p2", "Version commune"]).status == 0)
            try await council.sync("bruno", "secretariat")
            let wrongCount = try await council.run("secretariat", ["avis", "adopter", "a-1", "--seance", "s1", "--votants", "3", "--pour", "3",
                                                                   "--contre", "1", "--abstentions", "0"])
            #expect(wrongCount.status == 65, "\(wrongCount.errors)")
            let adopted = try await council.run("secretariat", ["avis", "adopter", "a-1", "--seance", "s1", "--presents", "3"] + vote)
            #expect(adopted.status == 0, "\(adopted.errors)")
            try await council.sync("alice")
            let byAMember = try await council.run("alice", ["avis", "publier", "a-1"])
            #expect(byAMember.status == 77 && byAMember.errors.contains("Only the president and the secretariat publish"), "\(byAMember.errors)")
            // Issue 18, item 4: the relay's public site does not publish yet (no public-site.json):
            // publishing is refused and nothing reaches the public scope.
            let unconfigured = try await council.run("secretariat", ["avis", "publier", "a-1"])
            #expect(unconfigured.status == 64 && unconfigured.errors.contains("public-site.json") && unconfigured.errors.contains("nothing was published"),
                    "\(unconfigured.status) \(unconfigured.errors)")
            let stillAdopted = try #require(try await council.json("secretariat", ["avis", "liste"]) as? [[String: Any]])
            #expect(stillAdopted.first { $0["id"] as? String == "a-1" }?["status"] as? String == "adopted", "\(stillAdopted)")

            // The public site publishes once the relay knows whose SIRET it publishes under.
            try Data(TestServer.publicSite.utf8).write(to: council.folder.url.appendingPathComponent("relay/public-site.json"))
            await council.stopServer()
            try await council.restartServer()
            #expect(try await council.run("secretariat", ["avis", "publier", "a-1"]).status == 0)
            try await council.sync("alice")
            let referrals = try #require(try await council.json("alice", ["saisines", "liste"]) as? [[String: Any]])
            #expect(referrals.first?["avis"] as? String == "a-1", "adopting the avis answered its referral")
            let referralTable = try await council.run("alice", ["saisines", "liste"], english: false)
            #expect(referralTable.output.contains("01/02/2026") && !referralTable.output.contains("2026-02-01"), "\(referralTable.output)")

            let index = try await RawRequest.send(council.url, .GET, "/public/", version: nil)
            let page = try await RawRequest.send(council.url, .GET, "/public/textes/a-1.html", version: nil)
            let json = try await RawRequest.send(council.url, .GET, "/public/deliberations.json", version: nil)
            let csv = try await RawRequest.send(council.url, .GET, "/public/deliberations.csv", version: nil)
            let texts = [index, page, json, csv].map { String(decoding: $0.body, as: UTF8.self) }
            #expect([index, page, json, csv].allSatisfy { $0.status == 200 })
            #expect(texts[0].contains("Avis inclusion") && texts[1].contains("Le conseil recommande.") && texts[1].contains("Version commune"))
            #expect(texts[1].contains("Saisine du président du Département du 01/02/2026 : Inclusion"))
            #expect(texts[2].contains("\"a-1\"") && texts[3].contains(",a-1,2026-03-10,") && texts[3].contains(",3,3,2,0,1,"), "\(texts[3])")
            for text in texts { #expect(!text.contains(Self.marker), "a confidential marker reached the public pages") }

            try await council.sync("presidente")
            let output = folder.url.appendingPathComponent("rapport")
            let report = try await council.run("presidente", ["rapport", "annuel", "2026", "--sortie", output.path])
            #expect(report.status == 0 && report.output.contains("1 séance(s), 1 avis, 1 referral(s)"), "\(report.output) \(report.errors)")
            let markdown = try String(contentsOf: output.appendingPathComponent("rapport-2026.md"), encoding: .utf8)
            #expect(markdown.contains("1 séance(s) tenue(s) en 2026.") && markdown.contains("- 10/03/2026 : 3 présent(s) sur 3"))
            #expect(markdown.contains("| Alice | 1 | 1 | 0 | 100 % |"))
            #expect(markdown.contains("1 saisine(s) reçue(s), 1 ayant reçu un avis."))
            #expect(try String(contentsOf: output.appendingPathComponent("assiduite-2026.svg"), encoding: .utf8).hasPrefix("<svg"))
            #expect(try String(contentsOf: output.appendingPathComponent("rapport-2026.html"), encoding: .utf8).contains("<svg"))
            #expect(report.errors.contains("en clair") || report.errors.contains("plaintext"), "\(report.errors)")
            for name in ["rapport-2026.md", "rapport-2026.html", "assiduite-2026.svg"] {
                let mode = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(name).path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(name) is \(String(mode ?? 0, radix: 8))")
            }
        }
    }
}
