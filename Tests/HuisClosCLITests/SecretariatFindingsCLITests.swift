import Foundation
import HuisClosTestSupport
import Testing

/// Issue 19 — what a new secretariat tripped over, met again the way it met them: through the real
/// `huisclos` and `huisclos-server`, from `--help` and the exit codes the help promises.
@Suite(.tags(.cli, .slow)) struct SecretariatFindingsCLITests {
    /// Items 1, 11, 12: adoption without quorum refused with the rule quoted (65), a wrong
    /// `--presents` is the 65 the help promises, a device without council access is told so with 77
    /// as `dossiers lire` is, `seances voir --json` carries date and place, `composition --json` the parity.
    @Test func adoptionNeedsQuorumAndListingsSayWhatTheHelpPromises() async throws {
        try await CouncilCLI.with("cli-secretariat-findings") { council in
            try await council.setUp()
            let order = Days.iso(-400)
            let claire = try await council.appoint("Claire Vidal", role: "president", category: "publicPartners", gender: "female", order: "AR-1", date: order)
            let members = [
                try await council.appoint("Hugo Petit", category: "economic", gender: "male", order: "AR-2", date: order),
                try await council.appoint("Inès Garnier", category: "research", gender: "female", order: "AR-3", date: order),
                try await council.appoint("Jade Morel", category: "education", gender: "female", order: "AR-4", date: order),
            ]
            let paul = try await council.appoint("Paul Lemaire", role: "secondCircle", category: "civilSociety", gender: "male", order: "AR-5", date: order)
            try await council.enrol([("claire", claire), ("paul", paul)])
            try await council.distributeKeys(to: ["claire", "paul"])

            // The new secretariat's review (item 23): every action on a séance answers --json with the séance as it now stands.
            let convened = try await council.object("claire", ["seances", "convoquer", "s1", "--date", Days.iso(-20), "--lieu", "Saint-Denis, salle 2"])
            #expect(convened["id"] as? String == "s1" && convened["date"] as? String == Days.iso(-20) && convened["revision"] as? Int == 0
                    && convened["cancelled"] as? Bool == false && (convened["agenda"] as? [Any])?.isEmpty == true, "\(convened)")
            try await council.ok("claire", ["seances", "convoquer", "s2", "--date", Days.iso(-10), "--lieu", "Pantin, salle 4"])
            let added = try await council.object("claire", ["ordre-du-jour", "ajouter", "s1", "budget", "--titre", "Budget", "--dossier", "d-1"])
            let items = try #require(added["agenda"] as? [[String: Any]], "\(added)")
            #expect(items.first?["item"] as? String == "budget" && items.first?["dossiers"] as? [String] == ["d-1"] && items.first?["rank"] as? Int == 1,
                    "\(added)")
            try await council.ok("claire", ["ordre-du-jour", "ajouter", "s1", "divers", "--titre", "Divers"])
            let moved = try await council.object("claire", ["ordre-du-jour", "deplacer", "s1", "divers", "--rang", "1"])
            #expect((moved["agenda"] as? [[String: Any]])?.map { $0["item"] as? String } == ["divers", "budget"], "\(moved)")
            let removed = try await council.object("claire", ["ordre-du-jour", "retirer", "s1", "divers"])
            #expect((removed["agenda"] as? [[String: Any]])?.count == 1, "\(removed)")
            let delay = try await council.object("claire", ["seances", "delai"])
            #expect(delay["clearDays"] as? Int == 5 && delay["recorded"] as? Bool == false, "\(delay)")
            try await council.ok("claire", ["avis", "creer", "avis-q", "--titre", "Avis sur la fibre"])
            try await council.ok("claire", ["avis", "ecrire", "avis-q", "--paragraphe", "p1", "Le conseil recommande la fibre."])
            try await council.propagate(from: ["claire"], to: ["secretariat"])

            // s1: one present of four in office, no quorum; s2: three of four.
            let pointed = try await council.object("secretariat", ["presence", "pointer", "s1", claire])
            #expect(pointed["seance"] as? String == "s1" && pointed["present"] as? [String] == [claire], "\(pointed)")
            try await council.ok("secretariat", ["presence", "clore", "s1"])
            try await council.ok("secretariat", ["presence", "pointer", "s2", claire, members[0], members[1]])
            try await council.ok("secretariat", ["presence", "clore", "s2"])
            let noQuorum = try await council.run("secretariat", ["avis", "adopter", "avis-q", "--seance", "s1", "--votants", "1", "--pour", "1",
                                                                 "--contre", "0", "--abstentions", "0"])
            #expect(noQuorum.status == 65 && noQuorum.errors.contains("sans quorum (1 présent(s) sur 4 en fonction, 2 requis)")
                    && noQuorum.errors.contains("la moitié au moins des membres en fonction"), "\(noQuorum.status) \(noQuorum.errors)")
            let wrongCount = try await council.run("secretariat", ["avis", "adopter", "avis-q", "--seance", "s2", "--presents", "2", "--votants", "2",
                                                                   "--pour", "2", "--contre", "0", "--abstentions", "0"])
            #expect(wrongCount.status == 65 && wrongCount.errors.contains("en compte 3"), "\(wrongCount.status) \(wrongCount.errors)")
            let listed = try await council.rows("secretariat", ["avis", "liste"])
            #expect(listed.first?["status"] as? String == "draft", "nothing adopted by the refusals: \(listed)")
            try await council.ok("secretariat", ["avis", "adopter", "avis-q", "--seance", "s2", "--presents", "3", "--votants", "3",
                                                 "--pour", "3", "--contre", "0", "--abstentions", "0"])

            let agenda = try await council.rows("secretariat", ["seances", "voir", "s1"])
            #expect(agenda.first?["date"] as? String == Days.iso(-20) && agenda.first?["place"] as? String == "Saint-Denis, salle 2"
                    && agenda.first?["seance"] as? String == "s1", "\(agenda)")
            let composition = try await council.rows("secretariat", ["membres", "composition"])
            #expect(composition.last?["group"] as? String == "parity" && composition.last?["percentWomen"] as? Int == 75, "\(composition)")

            let secondCircle = try await council.run("paul", ["seances", "liste"])
            #expect(secondCircle.status == 77 && secondCircle.errors.contains("n'a pas accès aux séances"), "\(secondCircle.status) \(secondCircle.errors)")
        }
    }

    /// Item 14: the help names the admin token's variable for what it holds, and each option once.
    @Test func helpShowsEachOptionOnceAndTheAdminTokenVariableForWhatItHolds() async throws {
        for command in [["dossiers", "lire"], ["notes", "ajouter"]] {
            let help = try await CommandRun.run("huisclos", command + ["--help"], environment: ["LANG": "fr_FR.UTF-8"])
            let optionLines = help.output.split(separator: "\n").filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("--version") }
            #expect(optionLines.count == 1, "one --version option, the dossier's version: \(help.output)")
            #expect(!help.output.contains("Show the version"), "\(help.output)")
        }
        let admin = try await CommandRun.run("huisclos", ["admin", "code", "--help"], environment: ["LANG": "fr_FR.UTF-8"])
        let flowing = admin.output.split(whereSeparator: \.isWhitespace).joined(separator: " ")  // the help wraps its lines
        #expect(flowing.contains("la variable HUISCLOS_ADMIN_TOKEN contient le jeton lui-même"), "\(admin.output)")
        let version = try await CommandRun.run("huisclos", ["--version"], environment: [:])
        #expect(version.status == 0 && !version.output.isEmpty)
    }

    /// The acceptance run of 7 December 2026: an id naming nothing is 64 in every command that
    /// takes one (a grant, a vice-presidency), an attachment naming nothing is refused, a file
    /// handed in that does not exist is named with 74, and the search table names scopes in French.
    @Test func idsAndFilesNamingNothingAreRefusedAlikeAndScopesAreNamedInFrench() async throws {
        try await CouncilCLI.with("cli-acceptance-ids") { council in
            try await council.setUp()
            let nobody = String(repeating: "0", count: 28) + "beef"
            let grant = try await council.run("secretariat", ["admin", "acces", "--membre", nobody, "--portee", "group:budget"])
            #expect(grant.status == 64 && grant.errors.contains("council.unknownMember"), "\(grant.status) \(grant.errors)")
            // The French names (`groupe:`) and any scope the log holds by its wire name (an unprefixed
            // one granted before them) still reach the member check, not a refusal of the name.
            for scope in ["groupe:budget", "budget"] {
                let named = try await council.run("secretariat", ["admin", "acces", "--membre", nobody, "--portee", scope])
                #expect(named.status == 64 && named.errors.contains("council.unknownMember"), "\(scope): \(named.status) \(named.errors)")
            }
            let vice = try await council.run("secretariat", ["membres", "nommer", "--role", "vice-président", "--membre", nobody, "--arrete", "AR-9"])
            #expect(vice.status == 64 && vice.errors.contains("council.unknownMember"), "\(vice.status) \(vice.errors)")
            // The second review: a known member's id with another person's name re-appointed the
            // former member's id (and its devices) under the new name.
            let alice = try await council.appoint("Alice Martin", category: "research", order: "AR-1", date: Days.iso(-1))
            // The acceptance run: a grant to a group nobody created was signed (« Registre mis à jour. »,
            // naming nobody and nothing), and the same grant again was refused as not authorised (77).
            let noGroup = try await council.run("secretariat", ["admin", "acces", "--membre", alice, "--portee", "groupe:inexistant"], english: false)
            #expect(noGroup.status == 64 && noGroup.errors.contains("ne connaît pas le groupe de travail inexistant") && noGroup.errors.contains("rien n'est signé"),
                    "\(noGroup.status) \(noGroup.errors)")
            let byRole = try await council.run("secretariat", ["admin", "acces", "--membre", alice, "--portee", "conseil"], english: false)
            #expect(byRole.status == 64 && byRole.errors.contains("suit le rôle"), "\(byRole.status) \(byRole.errors)")
            let noReason = try await council.run("secretariat", ["membres", "fin-mandat", alice])
            #expect(noReason.status == 64 && noReason.errors.contains("--motif"), "no default reason: \(noReason.errors)")
            let ended = try await council.ok("secretariat", ["membres", "fin-mandat", alice, "--motif", "terme"])
            #expect(ended.contains("il courait jusqu'au \(Days.french(-1, plusYears: 3))"), "\(ended)")
            // The acceptance run: the same person appointed anew got a second id, each with one
            // mandate, so "renewable once" no longer saw her two.
            let again = try await council.run("secretariat", ["membres", "nommer", "--nom", "alice martin", "--categorie", "research", "--arrete", "AR-3"])
            #expect(again.status == 64 && again.errors.contains("council.formerMemberNamesake") && again.errors.contains("membres renouveler \(alice)"),
                    "\(again.status) \(again.errors)")
            let comeback = council.folder.url.appendingPathComponent("retour.csv")
            try Data("nom;categorie;arrete\nAlice Martin;recherche;AR-3\n".utf8).write(to: comeback)
            let imported = try await council.run("secretariat", ["membres", "importer", comeback.path, "--essai"])
            #expect(imported.status == 65 && imported.errors.contains("ligne 2 : Alice Martin a déjà été membre"), "\(imported.errors)")
            try await council.ok("secretariat", ["membres", "nommer", "--nom", "Alice Martin", "--categorie", "education", "--arrete", "AR-4", "--homonyme"])
            let wrongID = try await council.run("secretariat", ["membres", "nommer", "--membre", alice, "--nom", "Bruno Roy", "--categorie", "education",
                                                                "--arrete", "AR-2"])
            #expect(wrongID.status == 64 && wrongID.errors.contains("council.nameMismatch") && wrongID.errors.contains("Alice Martin"),
                    "\(wrongID.status) \(wrongID.errors)")

            let file = council.folder.url.appendingPathComponent("budget.txt")
            try Data("Budget 2027 : fibre optique".utf8).write(to: file)
            let attached = try await council.run("secretariat", ["dossiers", "ajouter", "--rattache-a", "s9", "--id", "d2", file.path])
            #expect(attached.status == 64 && attached.errors.contains("--rattache-a") && attached.errors.contains("s9"), "\(attached.errors)")
            try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(30), "--lieu", "Bobigny"])
            let item = try await council.run("secretariat", ["dossiers", "ajouter", "--rattache-a", "agenda:s1/absent", "--id", "d3", file.path])
            #expect(item.status == 64 && item.errors.contains("agenda:s1/absent"), "\(item.errors)")
            let missing = council.folder.url.appendingPathComponent("introuvable.pdf").path
            let dossier = try await council.run("secretariat", ["dossiers", "ajouter", "--id", "x", missing])
            #expect(dossier.status == 74 && dossier.errors.contains("fichier introuvable : \(missing)"), "\(dossier.status) \(dossier.errors)")
            let csv = try await council.run("secretariat", ["membres", "importer", missing, "--essai"])
            #expect(csv.status == 74 && csv.errors.contains("fichier introuvable"), "\(csv.status) \(csv.errors)")

            try await council.ok("secretariat", ["dossiers", "ajouter", "--id", "budget", file.path])
            let found = try await council.ok("secretariat", ["dossiers", "chercher", "fibre"])
            #expect(found.contains("le conseil") && !found.contains("council"), "\(found)")
        }
    }

    /// With the relay stopped, a command says what became of it: a signing command that could not
    /// reach the relay signed nothing; a dossier is kept sealed, listed as waiting, and sent at the
    /// next sync (the acceptance run: both said only « relancez huisclos sync plus tard », and the
    /// dossier, absent from the listing, was added twice). An early renewal is refused unconfirmed.
    @Test func commandsRunOfflineSayWhatBecameOfThem() async throws {
        try await CouncilCLI.with("cli-acceptance-offline") { council in
            try await council.setUp()
            let alice = try await council.appoint("Alice Martin", category: "research", order: "AR-1", date: Days.iso(-30))
            let early = try await council.run("secretariat", ["membres", "renouveler", alice, "--arrete", "AR-R"])
            #expect(early.status == 64 && early.errors.contains("council.earlyRenewal") && early.errors.contains("--anticipe"), "\(early.errors)")
            let file = council.folder.url.appendingPathComponent("budget.txt")
            try Data("Budget 2027".utf8).write(to: file)
            await council.stopServer()

            let appoint = try await council.run("secretariat", ["membres", "nommer", "--nom", "Bruno Roy", "--categorie", "education", "--arrete", "AR-2"])
            #expect(appoint.status == 69 && appoint.errors.contains("rien n'a été signé"), "\(appoint.status) \(appoint.errors)")
            let added = try await council.run("secretariat", ["dossiers", "ajouter", "--id", "budget", file.path])
            #expect(added.status == 69 && added.errors.contains("dossier.uploadWaiting") && added.errors.contains("ne l'ajoutez pas de nouveau")
                    && !added.errors.contains("relancez huisclos sync plus tard"), "\(added.status) \(added.errors)")
            let waiting = try await council.ok("secretariat", ["dossiers", "liste"])
            #expect(waiting.contains("budget") && waiting.contains("en attente d'envoi"), "\(waiting)")

            try await council.restartServer()
            try await council.ok("secretariat", ["sync"])
            let listed = try await council.rows("secretariat", ["dossiers", "liste"])
            #expect(listed.map { $0["dossier"] as? String } == ["budget"] && listed.first?["version"] as? Int == 1, "\(listed)")
            #expect(try await council.rows("secretariat", ["membres", "liste"]).allSatisfy { $0["name"] as? String != "Bruno Roy" }, "nothing signed offline")
        }
    }

    /// The acceptance run: a key typed with one wrong digit certified a device that does not
    /// exist, and the real one could then never be certified. The card's check code refuses the
    /// slip before anything is signed; once right, the fingerprint to compare is printed.
    @Test func aCardCopiedWrongIsRefusedBeforeAnythingIsSigned() async throws {
        try await CouncilCLI.with("cli-acceptance-card") { council in
            try await council.setUp()
            let bruno = try await council.appoint("Bruno Roy", category: "education", order: "AR-1", date: Days.iso(-1))
            let code = try #require(try await council.object("secretariat", ["admin", "code", "--json"])["code"] as? String)
            let card = try #require(try await council.json("bruno", ["enrol", "--server", council.url, "--code", code, "--root", council.root,
                                                                     "--member", bruno, "--charter", council.charter.path]) as? [String: Any])
            let signing = try #require(card["signingKey"] as? String), agreement = try #require(card["agreementKey"] as? String)
            let check = try #require(card["check"] as? String)
            let slipped = String(signing.dropLast()) + (signing.hasSuffix("0") ? "1" : "0")
            let typo = try await council.run("secretariat", ["admin", "certifier", "--membre", bruno, "--cle-signature", slipped,
                                                              "--cle-accord", agreement, "--controle", check])
            #expect(typo.status == 64 && typo.errors.contains("--controle") && typo.errors.contains("rien n'a été certifié")
                    && typo.errors.contains("ne correspond pas à ces clés et à ce membre") && !typo.errors.contains("valeurs admises"), "\(typo.status) \(typo.errors)")
            let certify = ["admin", "certifier", "--membre", bruno, "--cle-signature", signing, "--cle-accord", agreement, "--controle", check.uppercased()]
            let done = try await council.ok("secretariat", certify)
            #expect(done.contains("Appareil certifié : empreinte \(try #require(card["fingerprint"] as? String))"), "\(done)")
            // The third acceptance run: run again, it was refused in four clauses (« … : … : … : … »), 77.
            let again = try await council.run("secretariat", certify)
            #expect(again.status == 0 && again.output.contains("Appareil déjà certifié") && again.output.contains("rien n'a été signé de nouveau"),
                    "\(again.status) \(again.output) \(again.errors)")
            // The attacker's review: a revoked device was said « déjà certifié » (exit 0) as if it could be used.
            try await council.ok("secretariat", ["admin", "revoquer", "--cle-appareil", signing])
            let revoked = try await council.run("secretariat", certify)
            #expect(revoked.status == 77 && revoked.errors.contains("a été révoqué") && revoked.errors.contains("huisclos admin code")
                    && !revoked.output.contains("déjà certifié"), "\(revoked.status) \(revoked.output) \(revoked.errors)")
        }
    }
}
