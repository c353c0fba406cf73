import Foundation
import HuisClosTestSupport
import NIOHTTP1
import Testing

/// Issue 19, the workflow items: what a new secretariat does again and again (enrolments,
/// renewals, a whole council's appointments), through the real `huisclos` and `huisclos-server`.
@Suite(.tags(.slow)) struct SecretariatWorkflowCLITests {
    /// Item 4: the council key is sealed to a device when the secretariat certifies it, so after
    /// enrol and certify ONE sync of the member's device reads the council; and where a key is
    /// still on its way, `status` says which and who must act.
    @Test func oneMemberSyncAfterCertificationReadsTheCouncilAndStatusNamesWhatIsPending() async throws {
        try await CouncilCLI.with("cli-enrol-one-sync") { council in
            try await council.setUp()
            let hugo = try await council.appoint("Hugo Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            let file = council.folder.url.appendingPathComponent("ordre-du-jour.txt")
            try Data("Ordre du jour de la première séance".utf8).write(to: file)
            try await council.ok("secretariat", ["dossiers", "ajouter", "--id", "odj", "--titre", "Ordre du jour", file.path])
            try await council.enrol([("hugo", hugo)])
            let sync = try await council.ok("hugo", ["sync"])  // the one member sync
            #expect(sync.contains("clés : +1"), "the council key arrives at the first sync: \(sync)")
            let listing = try await council.ok("hugo", ["dossiers", "liste"])
            #expect(listing.contains("Ordre du jour"), "read after one sync: \(listing)")
            let status = try await council.object("hugo", ["status"])
            #expect((status["readable"] as? [String])?.contains("council") == true && (status["pending"] as? [String]) == [], "\(status)")

            // A second device, approved from the first: until a device holding the keys syncs, its
            // status names the keys it waits for and who hands them out.
            try await council.enrol([("tablette", hugo)])
            try await council.ok("tablette", ["sync"])
            let fingerprint = try #require((try await council.object("tablette", ["status"])["device"] as? [String: Any])?["fingerprint"] as? String)
            try await council.ok("hugo", ["appareils", "approuver", fingerprint])
            try await council.ok("tablette", ["sync"])
            let waiting = try await council.ok("tablette", ["status"])
            #expect(waiting.contains("En attente — clé (le conseil) : pas encore reçue ; un appareil qui la détient"), "\(waiting)")
            let keywords = try await council.object("tablette", ["status"])["pending"] as? [String]
            #expect(keywords?.contains("key:council") == true, "\(String(describing: keywords))")
            try await council.propagate(from: ["hugo"], to: ["tablette"])
            let done = try await council.object("tablette", ["status"])
            #expect((done["pending"] as? [String]) == [], "\(done)")
        }
    }

    /// Item 5: a renewal is one `membres renouveler` step (no end of mandate, no name or category
    /// typed again), and every appointment prints its term; a third mandate is refused with the rule.
    @Test func aRenewalIsOneStepAndEveryAppointmentPrintsItsTerm() async throws {
        try await CouncilCLI.with("cli-renewal") { council in
            try await council.setUp()
            let appointed = try await council.ok("secretariat", ["membres", "nommer", "--nom", "Inès Garnier", "--categorie", "research",
                                                                 "--genre", "female", "--arrete", "AR-3", "--date", Days.iso(-1000)])
            let firstTerm = Days.iso(-1000, plusYears: 3)
            #expect(appointed.contains("mandat jusqu'au"), "\(appointed)")
            let ines = try #require(try await council.rows("secretariat", ["membres", "liste"]).first { $0["name"] as? String == "Inès Garnier" }?["id"] as? String)
            #expect(try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == ines }?["end"] as? String == firstTerm)

            let renewed = try await council.object("secretariat", ["membres", "renouveler", ines, "--arrete", "AR-RENOUV-3"])
            #expect(renewed["termEnd"] as? String == Days.iso(0, plusYears: 3) && renewed["start"] as? String == Days.iso(0), "\(renewed)")
            let row = try #require(try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == ines })
            #expect(row["mandates"] as? Int == 2 && row["status"] as? String == "inOffice" && row["category"] as? String == "research"
                    && row["order"] as? String == "AR-RENOUV-3" && row["end"] as? String == Days.iso(0, plusYears: 3), "\(row)")

            // The acceptance run: the refusal said « a déjà exercé deux mandats » of a member in her second.
            let third = try await council.run("secretariat", ["membres", "renouveler", ines, "--arrete", "AR-RENOUV-4"])
            #expect(third.status == 65 && third.errors.contains("renouvelable une fois")
                    && third.errors.contains("Inès Garnier : le mandat a déjà été renouvelé une fois") && !third.errors.contains("exercé"),
                    "\(third.status) \(third.errors)")
            let text = try await council.ok("secretariat", ["membres", "liste"])
            #expect(text.contains("Inès Garnier"))
        }
    }

    /// The acceptance run: appointing a second president demoted the first in the register while
    /// her devices kept the president's rights in the log; a member in office could be appointed
    /// again under another order (the composition counted her twice). Both are refused, nothing signed.
    @Test func aSecondPresidencyAndASecondAppointmentOfAMemberInOfficeAreRefused() async throws {
        try await CouncilCLI.with("cli-one-presidency") { council in
            try await council.setUp()
            let nadia = try await council.appoint("Nadia Ali", role: "president", category: "research", gender: "female", order: "AR-1", date: Days.iso(-10))
            let lea = try await council.run("secretariat", ["membres", "nommer", "--role", "presidente", "--nom", "Léa Roux", "--categorie", "recherche",
                                                            "--arrete", "AR-2", "--date", Days.iso(-1)], english: false)
            #expect(lea.status == 65 && lea.errors.contains("council.presidencyHeld") && lea.errors.contains("La présidence est occupée par Nadia Ali"),
                    "\(lea.status) \(lea.errors)")
            let again = try await council.run("secretariat", ["membres", "nommer", "--nom", "nadia  ali", "--categorie", "recherche",
                                                              "--arrete", "AR-3", "--date", Days.iso(-1)], english: false)
            #expect(again.status == 64 && again.errors.contains("council.namesakeInOffice") && again.errors.contains("Nadia Ali est déjà en fonction (identifiant \(nadia)"),
                    "\(again.status) \(again.errors)")
            let rows = try await council.rows("secretariat", ["membres", "liste"])
            #expect(rows.filter { $0["role"] as? String != "secretariat" }.map { $0["id"] as? String } == [nadia], "nothing signed: \(rows)")
            // Another person of the same name is appointed when said so.
            _ = try await council.object("secretariat", ["membres", "nommer", "--nom", "Nadia Ali", "--categorie", "recherche",
                                                         "--arrete", "AR-4", "--date", Days.iso(-1), "--homonyme"])
            #expect(try await council.rows("secretariat", ["membres", "liste"]).filter { $0["name"] as? String == "Nadia Ali" }.count == 2)
        }
    }

    /// The attacker's review: renewing a former president once another holds the presidency
    /// re-appointed her as president, and the council had two. The renewal keeps the presidency
    /// only while nobody else holds it.
    @Test func renewingAFormerPresidentLeavesTheSittingOneTheOnlyPresident() async throws {
        try await CouncilCLI.with("cli-renew-president") { council in
            try await council.setUp()
            let nadia = try await council.appoint("Nadia Ali", role: "president", category: "research", gender: "female", order: "AR-1", date: Days.iso(-10))
            try await council.enrol([(who: "nadia", member: nadia)])
            let nadiaKey = try #require((try await council.object("nadia", ["status"])["device"] as? [String: Any])?["signingKey"] as? String)
            _ = try await council.ok("secretariat", ["membres", "fin-mandat", nadia, "--motif", "demission"])
            // The acceptance run: « Nommé·e » whatever the gender given, « (arrêté arrêté n° …) ».
            let appointed = try await council.ok("secretariat", ["membres", "nommer", "--role", "president", "--nom", "Léa Roux", "--categorie", "recherche",
                                                                 "--genre", "femme", "--arrete", "AR-2", "--date", Days.iso(0)], english: false)
            #expect(appointed.contains("Nommée : Léa Roux — identifiant "), "\(appointed)")
            let lea = try #require(try await council.rows("secretariat", ["membres", "liste"]).first { $0["name"] as? String == "Léa Roux" }?["id"] as? String)
            let renewed = try await council.run("secretariat", ["membres", "renouveler", nadia, "--arrete", "arrêté n° AR-3"], english: false)
            #expect(renewed.status == 0 && renewed.output.contains("la présidence n'est pas reconduite")
                    && renewed.output.contains("(arrêté n° AR-3)") && !renewed.output.contains("arrêté arrêté"), "\(renewed.status) \(renewed.output) \(renewed.errors)")
            // Her device was certified for the presidency: a device does not follow its member into
            // another role, so the secretariat is told which to replace (the attacker's review).
            #expect(renewed.output.contains("révoquez-les") && renewed.output.contains(nadiaKey), "\(renewed.output)")
            let rows = try await council.rows("secretariat", ["membres", "liste"])
            #expect(rows.first { $0["id"] as? String == lea }?["role"] as? String == "president", "\(rows)")
            #expect(rows.first { $0["id"] as? String == nadia }?["role"] as? String == "member", "\(rows)")
        }
    }

    /// Item 2: the secretariat records a sitting member's past mandate (order, dates) as history:
    /// it counts for "renewable once" and grants nothing; one that overlaps or is not over is refused.
    @Test func aPastMandateCountsForTheRenewalRuleAndGrantsNothing() async throws {
        try await CouncilCLI.with("cli-past-mandate") { council in
            try await council.setUp()
            let hugo = try await council.appoint("Hugo Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            let overlapping = try await council.run("secretariat", ["membres", "historique", hugo, "--arrete", "AR-2019-7",
                                                                    "--debut", Days.iso(-400), "--fin", Days.iso(-10)])
            #expect(overlapping.status == 65 && overlapping.errors.contains("ne se chevauchent pas"), "\(overlapping.status) \(overlapping.errors)")
            let recorded = try await council.ok("secretariat", ["membres", "historique", hugo, "--arrete", "AR-2019-7",
                                                                "--debut", Days.iso(-30, plusYears: -3), "--fin", Days.iso(-30)])
            #expect(recorded.contains("2 mandat(s)"), "\(recorded)")
            let row = try #require(try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == hugo })
            #expect(row["mandates"] as? Int == 2 && row["order"] as? String == "AR-2" && row["status"] as? String == "inOffice", "\(row)")

            let third = try await council.run("secretariat", ["membres", "renouveler", hugo, "--arrete", "AR-RENOUV"])
            #expect(third.status == 65 && third.errors.contains("renouvelable une fois"), "\(third.status) \(third.errors)")
            let still = try #require(try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == hugo })
            #expect(still["order"] as? String == "AR-2" && still["status"] as? String == "inOffice", "nothing signed: \(still)")
            // The acceptance run: a second past mandate made the sitting member's a third.
            let older = try await council.run("secretariat", ["membres", "historique", hugo, "--arrete", "AR-2016-3",
                                                              "--debut", Days.iso(-30, plusYears: -6), "--fin", Days.iso(-30, plusYears: -3)], english: false)
            #expect(older.status == 65 && older.errors.contains("council.thirdMandateRefused") && older.errors.contains("le mandat en cours n'aurait pas dû être ouvert"),
                    "\(older.status) \(older.errors)")
            #expect(try await council.rows("secretariat", ["membres", "liste"]).first { $0["id"] as? String == hugo }?["mandates"] as? Int == 2)
        }
    }

    /// Item 6: `membres importer` checks the whole file before writing anything (each bad line named,
    /// in French or English), `--essai` writes nothing, and a good file appoints everyone at once.
    @Test func anImportIsCheckedWholeThenAppointsEveryone() async throws {
        try await CouncilCLI.with("cli-import") { council in
            try await council.setUp()
            let bad = council.folder.url.appendingPathComponent("mauvais.csv")
            try Data("""
                nom;categorie;arrete;date;genre;role
                Alice Martin;research;AR-10;\(Days.iso(-5));female;member
                Bruno Roy;sport;AR-11;\(Days.iso(-5));male;member
                "Chloé ""Clo"" Dubois";education;AR-12;\(Days.iso(5));;

                """.utf8).write(to: bad)
            let refused = try await council.run("secretariat", ["membres", "importer", bad.path])
            #expect(refused.status == 65 && refused.errors.contains("ligne 3 : colonne categorie : « sport » est refusé")
                    && refused.errors.contains("ligne 4 : arrêté daté du") && !refused.errors.contains("ligne 2 "), "\(refused.status) \(refused.errors)")
            let english = try await council.run("secretariat", ["membres", "importer", bad.path], english: true)
            #expect(english.status == 65 && english.errors.contains("line 3: column categorie: \"sport\" is refused"), "\(english.errors)")
            #expect(try await council.rows("secretariat", ["membres", "liste"]).allSatisfy { $0["role"] as? String == "secretariat" },
                    "nothing appointed from a refused file")

            let good = council.folder.url.appendingPathComponent("nominations.csv")
            try Data("""
                nom,categorie,arrete,date,genre,role
                Alice Martin,research,AR-10,\(Days.iso(-5)),female,president
                Bruno Roy,economic,AR-11,\(Days.iso(-5)),male,
                "Chloé ""Clo"" Dubois",education,AR-12,,,secondCircle

                """.utf8).write(to: good)
            let trial = try await council.ok("secretariat", ["membres", "importer", good.path, "--essai"])
            #expect(trial.contains("Essai : 3 nomination(s) valide(s)") && trial.contains("mandat du \(Days.french(-5)) au \(Days.french(-5, plusYears: 3))"), "\(trial)")
            #expect(try await council.rows("secretariat", ["membres", "liste"]).count == 1, "a dry run writes nothing")

            let done = try await council.ok("secretariat", ["membres", "importer", good.path, "--json"])
            let lines = try #require(try JSONSerialization.jsonObject(with: Data(done.utf8)) as? [[String: Any]])
            #expect(lines.count == 3 && lines.allSatisfy { ($0["member"] as? String)?.count == 32 }, "\(lines)")
            let listed = try await council.rows("secretariat", ["membres", "liste"])
            #expect(listed.contains { $0["name"] as? String == "Alice Martin" && $0["role"] as? String == "president" }
                    && listed.contains { $0["name"] as? String == "Chloé \"Clo\" Dubois" && $0["circle"] as? String == "second" }, "\(listed)")
            let again = try await council.run("secretariat", ["membres", "importer", good.path])
            #expect(again.status == 65 && again.errors.contains("déjà en fonction"), "importing twice appoints nobody twice: \(again.errors)")
        }
    }

    /// Item 9: a member whose mandate ended keeps nothing of the council scope after a sync: no
    /// dossier title, file name or size in `dossiers liste`, not only no content.
    @Test func aResignedMemberKeepsNoTitleOfTheScopeLost() async throws {
        try await CouncilCLI.with("cli-lost-scope") { council in
            try await council.setUp()
            let hugo = try await council.appoint("Hugo Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            try await council.enrol([("hugo", hugo)])
            try await council.distributeKeys(to: ["hugo"])
            let file = council.folder.url.appendingPathComponent("projet-secret.txt")
            try Data("Projet de budget confidentiel".utf8).write(to: file)
            try await council.ok("secretariat", ["dossiers", "ajouter", "--id", "budget", "--titre", "Budget confidentiel", file.path])
            try await council.propagate(from: ["secretariat"], to: ["hugo"])
            let before = try await council.ok("hugo", ["dossiers", "liste"])
            #expect(before.contains("Budget confidentiel") && before.contains("projet-secret.txt"), "\(before)")

            try await council.ok("secretariat", ["membres", "fin-mandat", hugo, "--motif", "resignation"])
            try await council.ok("hugo", ["sync"])
            let after = try await council.run("hugo", ["dossiers", "liste", "--json"])
            #expect(!after.output.contains("Budget") && !after.output.contains("projet-secret") && !after.errors.contains("Budget"),
                    "\(after.status) \(after.output) \(after.errors)")
        }
    }

    /// Item 10: the paths named speak French throughout (English with LANG=en): an adoption whose
    /// totals do not add up, a hearing on a missing dossier, a missing option of `membres nommer`
    /// (no generic usage line after it), and a sync with the server down (the cause included).
    @Test func theNamedPathsSpeakOneLanguage() async throws {
        try await CouncilCLI.with("cli-one-language") { council in
            try await council.setUp()
            let claire = try await council.appoint("Claire Vidal", role: "president", category: "publicPartners", gender: "female",
                                                   order: "AR-1", date: Days.iso(-30))
            try await council.enrol([("claire", claire)])
            try await council.distributeKeys(to: ["claire"])
            try await council.ok("claire", ["seances", "convoquer", "s1", "--date", Days.iso(-1), "--lieu", "Bobigny"])
            try await council.ok("claire", ["avis", "creer", "avis-1", "--titre", "Avis"])
            let totals = try await council.run("claire", ["avis", "adopter", "avis-1", "--seance", "s1", "--votants", "3", "--pour", "1",
                                                          "--contre", "0", "--abstentions", "0"])
            #expect(totals.status == 65 && totals.errors.contains("le décompte ne tombe pas juste") && !totals.errors.contains("does not add up"),
                    "\(totals.status) \(totals.errors)")

            let hearing = try await council.run("secretariat", ["auditions", "ouvrir", "h-1", "--invite", "Dr Léa Roux", "--dossier", "absent",
                                                                "--jusqu-au", Days.iso(10)])
            #expect(hearing.status == 64 && hearing.errors.contains("aucun dossier du conseil « absent »") && !hearing.errors.contains("no council dossier"),
                    "\(hearing.status) \(hearing.errors)")

            let missing = try await council.run("secretariat", ["membres", "nommer", "--arrete", "AR-9"])
            #expect(missing.status == 64 && missing.errors.contains("Erreur (usage.missingOption) : --nom et --categorie manquant(s). Exemple : huisclos membres nommer")
                    && !missing.errors.contains("Usage") && !missing.errors.contains("required"), "\(missing.status) \(missing.errors)")
            let missingEnglish = try await council.run("secretariat", ["membres", "nommer", "--arrete", "AR-9"], english: true)
            #expect(missingEnglish.errors.contains("Error (usage.missingOption): --nom and --categorie missing."), "\(missingEnglish.errors)")
            // Given the name, only the category is named missing (the new secretariat's review).
            let missingCategory = try await council.run("secretariat", ["membres", "nommer", "--nom", "n", "--arrete", "AR-9"])
            #expect(missingCategory.status == 64 && missingCategory.errors.contains("Erreur (usage.missingOption) : --categorie manquant(s).")
                    && !missingCategory.errors.contains("--nom et"), "\(missingCategory.errors)")

            await council.stopServer()
            let down = try await council.run("claire", ["sync"])
            #expect(down.status == 69 && down.errors.contains("connexion refusée") && !down.errors.contains("connection refused")
                    && !down.errors.contains("cannot reach"), "\(down.status) \(down.errors)")
        }
    }

    /// Item 3: the public site never publishes under another authority's identity: until the
    /// publisher's SIRET is configured it refuses, saying what to write; then it is titled with
    /// the council's own name, from its set-up.
    @Test func thePublicSiteNeedsItsSIRETAndBearsTheCouncilsOwnName() async throws {
        try await CouncilCLI.with("cli-public-identity") { council in
            try await council.setUp()
            let refused = try await RawRequest.send(council.url, .GET, "/public/", version: nil)
            let refusal = String(decoding: refused.body, as: UTF8.self)
            #expect(refused.status == 404 && refusal.contains("SIRET") && refusal.contains("public-site.json")
                    && !refusal.contains("Seine-Saint-Denis"), "\(refused.status) \(refusal)")

            await council.stopServer()
            try Data(#"{"siret": "21930000000017"}"#.utf8).write(to: council.folder.url.appendingPathComponent("relay/public-site.json"))
            try await council.restartServer()
            let index = try await RawRequest.send(council.url, .GET, "/public/", version: nil)
            let page = String(decoding: index.body, as: UTF8.self)
            #expect(index.status == 200 && page.contains("<title>Textes publiés — Conseil du scénario indépendant</title>") && !page.contains("Seine-Saint-Denis"),
                    "\(index.status) \(page)")
        }
    }
}
