import Foundation
import HuisClosTestSupport
import Testing

/// The register's rules of issue 6 through the built `huisclos` against a real relay: a mandate
/// renewable once (a third refused), the first circle capped at 30 (the 31st refused, nothing
/// written), a vice-president only on the president's proposal, composition and parity, and
/// badly written or impossible input refused with what to do.
@Suite(.tags(.cli, .slow)) struct RegisterCLITests {
    @Test func theRegisterRefusesAThirdMandateAnUnproposedVicePresidentAndAThirtyFirstMemberInItsOwnWords() async throws {
        try await CouncilCLI.with("cli-register") { council in
            try await council.setUp()
            let order = Days.iso(-500)
            let ines = try await council.appoint("Inès Fontaine", role: "president", category: "publicPartners", gender: "female",
                                                 order: "AR-CD-101", date: order)
            try await council.enrol([("ines", ines)])
            try await council.distributeKeys(to: ["ines"])

            // Renewable once: refused while in office, renewed after the end, a third mandate refused.
            let remi = try await council.appoint("Rémi Caron", category: "research", gender: "male", order: "AR-CD-102", date: order)
            let inOffice = try await council.run("secretariat", ["membres", "nommer", "--membre", remi, "--nom", "Rémi Caron",
                                                                 "--categorie", "research", "--arrete", "AR-CD-150", "--date", Days.iso(-5)])
            #expect(inOffice.status == 65 && inOffice.errors.contains("huisclos membres renouveler \(remi)"), "\(inOffice.status) \(inOffice.errors)")
            try await council.ok("secretariat", ["membres", "fin-mandat", remi, "--motif", "term"])
            let backdated = try await council.run("secretariat", ["membres", "nommer", "--membre", remi, "--nom", "Rémi Caron",
                                                                  "--categorie", "research", "--arrete", "AR-CD-151", "--date", Days.iso(-5)])
            #expect(backdated.status == 65 && backdated.errors.contains("un renouvellement prend effet à cette date"), "\(backdated.errors)")
            _ = try await council.appoint("Rémi Caron", category: "research", gender: "male", order: "AR-CD-151", date: Days.iso(0), member: remi)
            var rows = try await council.rows("secretariat", ["membres", "liste"])
            var row = rows.first { $0["id"] as? String == remi }
            #expect(row?["mandates"] as? Int == 2 && row?["status"] as? String == "inOffice" && row?["order"] as? String == "AR-CD-151")
            #expect(row?["start"] as? String == Days.iso(0) && row?["end"] as? String == Days.iso(0, plusYears: 3))
            try await council.ok("secretariat", ["membres", "fin-mandat", remi, "--motif", "terme"])
            let third = try await council.run("secretariat", ["membres", "nommer", "--membre", remi, "--nom", "Rémi Caron",
                                                              "--categorie", "research", "--arrete", "AR-CD-152", "--date", Days.iso(0)])
            #expect(third.status == 65 && third.errors.contains("deux mandats") && third.errors.contains("renouvelable une fois"), "\(third.errors)")
            rows = try await council.rows("secretariat", ["membres", "liste"])
            row = rows.first { $0["id"] as? String == remi }
            #expect(row?["mandates"] as? Int == 2 && row?["status"] as? String == "ended" && row?["order"] as? String == "AR-CD-151")

            // Dates and words the register cannot take: what was wrong and what to do, in French; in English with LANG=en.
            let french = try await council.run("secretariat", ["membres", "nommer", "--nom", "Zoé Marchand", "--categorie", "société-civile",
                                                               "--genre", "femme", "--role", "second-cercle", "--arrete", "AR-CD-161"])
            #expect(french.status == 0, "\(french.errors)")
            let postdated = try await council.run("secretariat", ["membres", "nommer", "--nom", "Léa Petit", "--categorie", "education",
                                                                  "--arrete", "AR-CD-160", "--date", Days.iso(40)])
            #expect(postdated.status == 65 && postdated.errors.contains("après aujourd'hui") && postdated.errors.contains("--date"), "\(postdated.errors)")
            let lapsed = try await council.run("secretariat", ["membres", "nommer", "--nom", "Léa Petit", "--categorie", "education",
                                                               "--arrete", "AR-CD-160", "--date", Days.iso(-1200)])
            #expect(lapsed.status == 65 && lapsed.errors.contains("a pris fin"), "\(lapsed.errors)")
            let badDate = try await council.run("secretariat", ["membres", "nommer", "--nom", "Léa Petit", "--categorie", "education",
                                                                "--arrete", "AR-CD-160", "--date", "2026-02-30"])
            #expect(badDate.status == 64 && badDate.errors.contains("AAAA-MM-JJ") && !badDate.errors.contains("Usage: huisclos <subcommand>"), "\(badDate.errors)")
            let badRole = try await council.run("secretariat", ["membres", "nommer", "--role", "tresorier", "--nom", "Léa Petit",
                                                                "--categorie", "education", "--arrete", "AR-CD-160"], english: true)
            #expect(badRole.status == 64 && badRole.errors.contains("allowed values: member, president"), "\(badRole.errors)")
            let nobody = try await council.run("secretariat", ["membres", "fin-mandat", String(repeating: "ab", count: 16), "--motif", "term"], english: true)
            #expect(nobody.status == 64 && nobody.errors.contains("No member") && nobody.errors.contains("huisclos sync"), "\(nobody.errors)")
            let garbled = try await council.run("secretariat", ["membres", "fin-mandat", "pas-un-identifiant", "--motif", "terme"])
            #expect(garbled.status == 64 && garbled.errors.contains("32 chiffres hexadécimaux"), "\(garbled.errors)")
            let wrong = try await council.run("secretariat", ["membres", "liste"], passphrase: "pas la bonne phrase")
            #expect(wrong.status == 77 && wrong.errors.contains("phrase de passe incorrecte") && wrong.output.isEmpty, "\(wrong.errors)")

            // A vice-president on the president's proposal only.
            let yanis = try await council.appoint("Yanis Morel", category: "economic", gender: "male", order: "AR-CD-103", date: order)
            try await council.propagate(from: ["secretariat"], to: ["ines"])
            let unproposed = try await council.run("secretariat", ["membres", "nommer", "--role", "vicePresident", "--membre", yanis,
                                                                   "--nom", "Yanis Morel", "--categorie", "economic", "--arrete", "AR-CD-170"])
            #expect(unproposed.status != 0 && unproposed.errors.contains("proposition"), "\(unproposed.errors)")
            let bySecretariat = try await council.run("secretariat", ["membres", "proposer-vp", yanis])
            #expect(bySecretariat.status == 77 && bySecretariat.errors.contains("Seule la présidence"), "\(bySecretariat.errors)")
            try await council.ok("ines", ["membres", "proposer-vp", yanis])
            let formerMember = try await council.run("ines", ["membres", "proposer-vp", remi])
            #expect(formerMember.status == 65 && formerMember.errors.contains("n'est pas membre du premier cercle en fonction"), "\(formerMember.errors)")

            // The cap: 30 first-circle members in office (Inès, Yanis and 28 more); the 31st refused, nothing written.
            let categories = ["economic", "education", "research", "publicPartners", "civilSociety"]
            for index in 0..<28 {
                _ = try await council.appoint("Membre \(index + 1)", category: categories[index % 5], gender: index % 2 == 0 ? "female" : nil,
                                              order: "AR-CD-2\(index)", date: Days.iso(0))
            }
            let before = try await council.rows("secretariat", ["membres", "liste"]).count
            let thirtyFirst = try await council.run("secretariat", ["membres", "nommer", "--nom", "Trente-et-un", "--categorie", "research",
                                                                    "--arrete", "AR-CD-299", "--date", Days.iso(-1)])
            #expect(thirtyFirst.status == 65 && thirtyFirst.errors.contains("Le premier cercle compte au plus 30 membres"), "\(thirtyFirst.errors)")
            #expect(try await council.rows("secretariat", ["membres", "liste"]).count == before)
            // Backdated to a day when Rémi's first mandate still ran, a 30th seat was already taken then too.
            let backdated31 = try await council.run("secretariat", ["membres", "nommer", "--nom", "Trente-et-un", "--categorie", "research",
                                                                    "--arrete", "AR-CD-298", "--date", Days.iso(-20)], english: true)
            #expect(backdated31.status == 65 && backdated31.errors.contains("already has 30 members in office on \(Days.iso(0))"), "\(backdated31.errors)")
            let composition = try await council.rows("secretariat", ["membres", "composition"])
            let group = Dictionary(uniqueKeysWithValues: composition.compactMap { row in (row["members"] as? Int).map { (row["group"] as! String, $0) } })
            #expect(composition.last?["group"] as? String == "parity" && composition.last?["percentWomen"] as? Int == 94, "\(composition)")
            #expect(group["total"] == 30 && group["female"] == 15 && group["male"] == 1 && group["research"] == 6 && group["undeclared"] != nil, "\(group)")
            let parity = try await council.ok("secretariat", ["membres", "composition"], english: true)
            #expect(parity.contains("Parity: 94% women among declared genders"), "\(parity)")
            // A second-circle member does not take a first-circle seat.
            _ = try await council.appoint("Nora Haddad", role: "secondCircle", category: "civilSociety", order: "AR-CD-300", date: Days.iso(-1))
        }
    }
}
