import Foundation
import HuisClosTestSupport
import Testing

/// The council's life of issue 6 played end to end with the built `huisclos` and `huisclos-server`
/// executables, with other people, places and dates than `scripts/demo.sh`: the secretariat, a
/// president, four first-circle members (one appointed mid-series) and one second-circle member;
/// séances convened with an agenda and a dossier, edited offline by the president and the
/// secretariat at once, read with the relay stopped; answers given offline, a proxy refused;
/// attendance over four séances with quorum; the absences rule; the declaration and the lock-out.
@Suite(.tags(.cli, .slow)) struct CouncilLifeCLITests {
    @Test func theCouncilsLifeThroughTheCLIFollowsEveryRuleOfIssue6() async throws {
        try await CouncilCLI.with("cli-council-life") { council in
            try await council.setUp()
            // Orders of 400 days ago; Zoé's order falls between the first and second séances.
            let order = Days.iso(-400)
            let helene = try await council.appoint("Hélène Roux", role: "president", category: "publicPartners", gender: "female",
                                                   order: "AR-CD-031", date: order)
            let karim = try await council.appoint("Karim Haddad", category: "economic", gender: "male", order: "AR-CD-032", date: order)
            let lucie = try await council.appoint("Lucie Moreau", category: "education", gender: "female", order: "AR-CD-033", date: order)
            let omar = try await council.appoint("Omar Diallo", category: "research", gender: "male", order: "AR-CD-034", date: order)
            let zoe = try await council.appoint("Zoé Lambert", category: "civilSociety", gender: "female", order: "AR-CD-047", date: Days.iso(-280))
            let paul = try await council.appoint("Paul Nguyen", role: "secondCircle", category: "civilSociety", gender: "male",
                                                 order: "AR-CD-035", date: order)
            try await council.enrol([("helene", helene), ("karim", karim), ("lucie", lucie), ("omar", omar), ("paul", paul)])
            try await council.distributeKeys(to: ["helene", "karim", "lucie", "omar", "paul"])

            // The register: a mandate of 3 years from the order's date, roles and circles as appointed.
            let register = try await council.rows("secretariat", ["membres", "liste"])
            let byID = Dictionary(uniqueKeysWithValues: register.map { ($0["id"] as! String, $0) })
            #expect(byID[helene]?["role"] as? String == "president" && byID[helene]?["start"] as? String == order)
            #expect(byID[karim]?["end"] as? String == Days.iso(-400, plusYears: 3) && byID[karim]?["status"] as? String == "inOffice")
            #expect(byID[paul]?["circle"] as? String == "second" && byID[paul]?["role"] as? String == "secondCircle")
            #expect(byID[zoe]?["start"] as? String == Days.iso(-280) && byID[zoe]?["order"] as? String == "AR-CD-047")

            // No séance yet: the 12-month warning.
            let before = try await council.ok("secretariat", ["seances", "liste"])
            #expect(before.contains("Aucune séance tenue depuis sa création"), "\(before)")
            let beforeJSON = try await council.run("secretariat", ["seances", "liste", "--json"], english: true)
            #expect(beforeJSON.output == "[]\n" && beforeJSON.errors.contains("No séance held since it was set up"), "\(beforeJSON.output) \(beforeJSON.errors)")

            // The president convenes s1 with an agenda in order and a dossier on an item.
            // A séance held 390 days ago (after the orders: none is recorded before the council began), and none since: the warning names its date.
            try await council.ok("helene", ["seances", "convoquer", "installation", "--date", Days.iso(-390), "--lieu", "Bobigny, hôtel du Département"])
            let stale = try await council.ok("helene", ["seances", "liste"])
            let held = Days.iso(-390).split(separator: "-")
            #expect(stale.contains("Aucune séance tenue depuis le \(held[2])/\(held[1])/\(held[0])"), "\(stale)")
            try await council.ok("helene", ["seances", "convoquer", "pleniere-1", "--date", Days.iso(-300), "--lieu", "Montreuil, salle des fêtes"])
            try await council.ok("helene", ["ordre-du-jour", "ajouter", "pleniere-1", "inclusion", "--titre", "Inclusion numérique des seniors",
                                            "--dossier", "dossier-inclusion-2025"])
            try await council.ok("helene", ["ordre-du-jour", "ajouter", "pleniere-1", "donnees", "--titre", "Données ouvertes du Département"])
            try await council.propagate(from: ["helene"], to: ["secretariat", "karim", "lucie", "omar"])
            let convened = try await council.rows("karim", ["seances", "voir", "pleniere-1"])
            #expect(convened.map { $0["item"] as? String } == ["inclusion", "donnees"])
            #expect(convened.first?["dossiers"] as? String == "dossier-inclusion-2025")

            // The relay stops: members still read the agenda and answer; president and secretariat edit the agenda at once.
            await council.stopServer()
            let offline = try await council.rows("lucie", ["seances", "voir", "pleniere-1"])
            #expect(offline.map { $0["title"] as? String } == ["Inclusion numérique des seniors", "Données ouvertes du Département"])
            let down = try await council.run("karim", ["sync"])
            #expect(down.status == 69 && down.errors.contains("serveur injoignable") && down.errors.contains("huisclos sync plus tard"), "\(down.status) \(down.errors)")
            try await council.ok("secretariat", ["ordre-du-jour", "ajouter", "pleniere-1", "divers", "--titre", "Questions diverses"])
            try await council.ok("secretariat", ["ordre-du-jour", "deplacer", "pleniere-1", "donnees", "--rang", "1"])
            try await council.ok("helene", ["ordre-du-jour", "ajouter", "pleniere-1", "fibre", "--titre", "Fibre dans les collèges"])
            let moved = try await council.ok("helene", ["ordre-du-jour", "deplacer", "pleniere-1", "inclusion", "--rang", "30"])
            #expect(moved.contains("placé au rang 3."), "past the end it goes last, third of three: \(moved)")
            try await council.ok("karim", ["presence", "repondre", "pleniere-1", "--reponse", "viendra"])
            try await council.ok("lucie", ["presence", "repondre", "pleniere-1", "--reponse", "excuse"])
            try await council.ok("omar", ["presence", "repondre", "pleniere-1", "--reponse", "absent"])
            let proxy = try await council.run("lucie", ["presence", "repondre", "pleniere-1", "--reponse", "excuse", "--procuration", karim])
            #expect(proxy.status == 65 && proxy.errors.contains("les procurations ne sont pas admises"), "\(proxy.errors)")

            try await council.restartServer()
            try await council.propagate(from: ["secretariat", "helene", "karim", "lucie", "omar"], to: ["secretariat", "helene", "karim", "lucie"])
            var orders: [[String?]] = []
            for who in ["helene", "secretariat", "karim", "lucie"] {
                orders.append(try await council.rows(who, ["seances", "voir", "pleniere-1"]).map { $0["item"] as? String })
            }
            #expect(Set(orders).count == 1 && orders[0].count == 4 && Set(orders[0].compactMap { $0 }) == ["donnees", "inclusion", "divers", "fibre"],
                    "\(orders)")
            let english = try await council.ok("karim", ["seances", "voir", "pleniere-1"], english: true)
            #expect(english.contains("Séance pleniere-1 — \(Days.iso(-300)), Montreuil") && english.contains("Title"), "\(english)")
            let answers = try await council.rows("secretariat", ["presence", "liste", "pleniere-1"])
            let answer = Dictionary(uniqueKeysWithValues: answers.map { ($0["member"] as! String, $0["response"] as? String) })
            #expect(answer[karim] == "willAttend" && answer[lucie] == "excused" && answer[omar] == "absent" && answer[helene] == "none")
            #expect(answer[zoe] == nil && answer[paul] == nil, "Zoé was not yet appointed, Paul is not in the first circle")

            // Who received and read the convocation: Karim opened it, Omar listed séances (receipt), Zoé has no device.
            _ = try await council.ok("omar", ["seances", "liste"])
            try await council.propagate(from: ["karim", "omar"], to: ["secretariat"])
            let acks = try await council.rows("secretariat", ["seances", "accuses", "pleniere-1"])
            func ack(_ name: String) -> [String: Any]? { acks.first { $0["name"] as? String == name } }
            #expect((ack("Karim Haddad")?["read"] as? String)?.hasPrefix(Days.iso(0).prefix(4)) == true, "\(acks)")
            // The same keys as every other listing: `member` is the identifier, `name` the name, keys
            // in camelCase, and a device named by the fingerprint `appareils liste` shows.
            #expect(ack("Karim Haddad")?["member"] as? String == karim, "\(acks)")
            #expect(acks.allSatisfy { $0["read_server"] == nil && $0["notice_sent"] == nil } && ack("Karim Haddad")?["readServer"] is String, "\(acks)")
            let karimDevices = try await council.rows("karim", ["appareils", "liste"])
            #expect(ack("Karim Haddad")?["device"] as? String == karimDevices.first?["fingerprint"] as? String, "\(acks) \(karimDevices)")
            #expect((ack("Omar Diallo")?["received"] as? String)?.hasPrefix(Days.iso(0).prefix(4)) == true)
            // Machine output: null where nothing was acknowledged, never the table's "-" or "non reçue".
            #expect(ack("Omar Diallo")?["read"] is NSNull)
            #expect(ack("Zoé Lambert")?["received"] is NSNull && ack("Zoé Lambert")?["device"] is NSNull, "\(acks)")

            // Four séances; Hélène and Karim come to each; the secretariat closes attendance and sees quorum.
            let dates = [Days.iso(-300), Days.iso(-250), Days.iso(-200), Days.iso(-150)]
            for (index, date) in dates.enumerated().dropFirst() {
                try await council.ok("helene", ["seances", "convoquer", "pleniere-\(index + 1)", "--date", date, "--lieu", "Saint-Denis, Bourse du travail"])
            }
            try await council.propagate(from: ["helene"], to: ["secretariat"])
            var quorums: [[String: Any]] = []
            for index in 1...3 {
                try await council.ok("secretariat", ["presence", "pointer", "pleniere-\(index)", helene, karim])
                quorums.append(try await council.object("secretariat", ["presence", "clore", "pleniere-\(index)"]))
            }
            // At the first séance Zoé was not yet appointed: 4 in office; then 5.
            #expect(quorums.map { $0["inOffice"] as? Int } == [4, 5, 5] && quorums.allSatisfy { $0["present"] as? Int == 2 })
            #expect(quorums.map { $0["reached"] as? Bool } == [true, false, false] && quorums.map { $0["required"] as? Int } == [2, 3, 3])
            let listed = try await council.rows("secretariat", ["seances", "liste"]).first { $0["id"] as? String == "pleniere-1" }
            let quorum = listed?["quorum"] as? [String: Any]
            #expect(quorum?["present"] as? Int == 2 && quorum?["inOffice"] as? Int == 4 && quorum?["reached"] as? Bool == true
                        && listed?["attendance"] as? String == "closed" && listed?["items"] is Int, "\(String(describing: listed))")
            // Wrong ids are refused with what to do, and nothing is written.
            let unknownSeance = try await council.run("karim", ["seances", "voir", "pleniere-9"])
            #expect(unknownSeance.status == 64 && unknownSeance.errors.contains("Aucune séance « pleniere-9 »"), "\(unknownSeance.errors)")
            let orphanItem = try await council.run("helene", ["ordre-du-jour", "ajouter", "pleniere-9", "budget", "--titre", "Budget"], english: true)
            #expect(orphanItem.status == 64 && orphanItem.errors.contains("No séance \"pleniere-9\" on this device: sync"), "\(orphanItem.errors)")
            let secondCircle = try await council.run("secretariat", ["presence", "pointer", "pleniere-4", paul])
            #expect(secondCircle.status == 65 && secondCircle.errors.contains("premier cercle"), "\(secondCircle.errors)")
            let stranger = try await council.run("secretariat", ["presence", "pointer", "pleniere-4", String(repeating: "0f", count: 16)])
            #expect(stranger.status == 64 && stranger.errors.contains("Aucun membre"), "\(stranger.errors)")
            let late = try await council.run("secretariat", ["presence", "pointer", "pleniere-1", lucie])
            #expect(late.status == 65 && late.errors.contains("close"), "\(late.errors)")

            // The absences rule after three séances: Omar (absent) and Lucie (one excuse, which counts), not Zoé (two during her mandate).
            let third = try await council.rows("secretariat", ["rapport", "absences"])
            #expect(Set(third.map { $0["memberID"] as! String }) == [omar, lucie], "\(third)")
            #expect(third.first { $0["memberID"] as? String == omar }?["seanceIDs"] as? [String] == ["pleniere-1", "pleniere-2", "pleniere-3"])
            #expect(third.first { $0["memberID"] as? String == lucie }?["excused"] as? Int == 1)
            #expect(third.first { $0["memberID"] as? String == omar }?["recordedLate"] as? [String] == ["pleniere-1", "pleniere-2", "pleniere-3"], "\(third)")
            let text = try await council.ok("secretariat", ["rapport", "absences"])
            #expect(text.contains("démissionnaire d'office") && text.contains("Omar Diallo"))
            // The acceptance run: séances entered after the fact, never notified, counted for a
            // resignation without a word; they are named, and what to check is said.
            #expect(text.contains("pleniere-1 (a posteriori), pleniere-2 (a posteriori)") && text.contains("HuisClos n'y a convoqué personne"), "\(text)")

            try await council.ok("secretariat", ["presence", "pointer", "pleniere-4", helene, karim, lucie])
            let fourth = try await council.ok("secretariat", ["presence", "clore", "pleniere-4"])
            #expect(fourth.contains("quorum atteint"), "\(fourth)")
            let after = try await council.rows("secretariat", ["rapport", "absences"])
            #expect(Set(after.map { $0["memberID"] as! String }) == [omar, zoe], "\(after)")
            #expect(after.first { $0["memberID"] as? String == zoe }?["seanceIDs"] as? [String] == ["pleniere-2", "pleniere-3", "pleniere-4"])
            let recent = try await council.ok("secretariat", ["seances", "liste"])
            #expect(!recent.contains("Aucune séance tenue"))

            // The declaration: only the president, only for a member of the report the secretariat signed; then Omar loses the council.
            try await council.propagate(from: ["secretariat"], to: ["helene"])
            let unsigned = try await council.run("helene", ["membres", "declarer-demission", omar])
            #expect(unsigned.status == 65 && unsigned.errors.contains("rapport absences --signer"), "\(unsigned.errors)")
            let signed = try await council.ok("secretariat", ["rapport", "absences", "--signer"])
            #expect(signed.contains("Omar Diallo"), "\(signed)")
            let appointedByMember = try await council.run("karim", ["membres", "nommer", "--nom", "Ami de Karim", "--categorie", "economic",
                                                                    "--arrete", "AR-CD-999"])
            #expect(appointedByMember.status == 77 && appointedByMember.errors.contains("Seul le secrétariat peut nommer"), "\(appointedByMember.errors)")
            let endedByMember = try await council.run("karim", ["membres", "fin-mandat", omar, "--motif", "resignation"], english: true)
            #expect(endedByMember.status == 77 && endedByMember.errors.contains("Only the secretariat can end another member's mandate"), "\(endedByMember.errors)")
            let byMember = try await council.run("karim", ["membres", "declarer-demission", omar])
            #expect(byMember.status == 77 && byMember.errors.contains("présidence"), "\(byMember.status) \(byMember.errors)")
            let notReported = try await council.run("helene", ["membres", "declarer-demission", karim])
            #expect(notReported.status == 65 && notReported.errors.contains("ne figure pas au rapport"), "\(notReported.errors)")
            let declared = try await council.ok("helene", ["membres", "declarer-demission", omar])
            #expect(declared.contains("Omar Diallo est déclaré·e démissionnaire d'office") && declared.contains("nouvelle clé du conseil"), "\(declared)")
            try await council.sync(["secretariat"])
            let ended = try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == omar }
            #expect(ended?["status"] as? String == "declaredResigned", "\(String(describing: ended))")
            let toldAtSync = try await council.run("omar", ["sync"])
            let status = try await council.run("omar", ["status"])
            let reads = status.output.split(separator: "\n").first { $0.hasPrefix("Lecture") }
            #expect(reads.map { !$0.contains("council") } == true, "\(status.output) \(status.errors)")
            // Issue 19, item 8: the member is told their mandate ended, not that the device is "not certified".
            #expect(status.output.contains("Votre mandat a pris fin le") && status.output.contains("accès au conseil retiré")
                    && !status.output.contains("certifié"), "\(status.output)")
            #expect(toldAtSync.output.contains("Votre mandat a pris fin le"), "\(toldAtSync.output) \(toldAtSync.errors)")
            try await council.ok("helene", ["seances", "convoquer", "pleniere-5", "--date", Days.iso(30), "--lieu", "Bobigny"])
            try await council.propagate(from: ["helene"], to: ["karim"])
            _ = try await council.run("omar", ["sync"])
            #expect(try await council.rows("karim", ["seances", "liste"]).contains { $0["id"] as? String == "pleniere-5" })
            let locked = try await council.run("omar", ["seances", "liste", "--json"])
            #expect(!locked.output.contains("pleniere-5"), "\(locked.output)")
            // Paul, second circle, never had the council scope.
            let paulSees = try await council.run("paul", ["seances", "liste"])
            #expect(paulSees.status == 77 && paulSees.errors.contains("n'a pas accès aux séances du conseil")
                    && !paulSees.errors.contains("Aucune séance tenue") && paulSees.output.isEmpty, "\(paulSees.status) \(paulSees.errors)")
        }
    }
}
