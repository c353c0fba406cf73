@testable import HuisClosCouncil
import HuisClosL10n
import Testing

/// `AppointmentImport` (issue 19, item 6): a CSV read whole, every line checked before anything
/// is written, each error naming its line.
@Suite struct AppointmentImportTests {
    static let today = Day(iso: "2026-03-02")!

    private func plan(_ text: String, register: Register = Register()) -> Result<[AppointmentImport.Row], AppointmentImport.Failure> {
        AppointmentImport.plan(text, register: register, today: Self.today)
    }

    @Test func quotedFieldsEitherSeparatorAndDefaultsAreRead() throws {
        let rows = try plan([
            "\u{FEFF}role;nom;categorie;arrete;date;genre",
            #"president;"Martin; Alice ""Lili"" ";research;AR-1;2026-01-05;female"#,
            ";Bruno Roy;economic;AR-2;;",
        ].joined(separator: "\r\n")).get()
        #expect(rows.map(\.name) == [#"Martin; Alice "Lili""#, "Bruno Roy"])
        #expect(rows[0].role == .president && rows[0].gender == .female && rows[0].termEnd == Day(iso: "2029-01-05")!)
        #expect(rows[1].role == .member && rows[1].gender == nil && rows[1].orderDay == Self.today && rows[1].line == 3)
        #expect(AppointmentImport.fields(of: " a , \"b,c\" ,", separator: ",") == ["a", "b,c", ""])
    }

    /// The new secretariat's review: a French file says « recherche », « femme », « présidence »;
    /// the English keywords of earlier files keep working.
    @Test func frenchWordsAreReadWithOrWithoutAccentsBesideTheKeywords() throws {
        let rows = try plan([
            "role;nom;categorie;arrete;date;genre",
            "président;Alice Martin;Recherche;AR-1;2026-01-05;femme",
            "second-cercle;Bruno Roy;société-civile;AR-2;;homme",
            "membre;Chloé Dubois;partenaires-publics;AR-3;;autre",
            "member;Denis Petit;economic;AR-4;;male",
        ].joined(separator: "\n")).get()
        #expect(rows.map(\.role) == [.president, .secondCircle, .member, .member])
        #expect(rows.map(\.category) == [.research, .civilSociety, .publicPartners, .economic])
        #expect(rows.map(\.gender) == [.female, .male, .other, .male])
        #expect(Member.Category(typed: "Économie") == .economic && Member.Category(typed: "education") == .education)
        // The fourth acceptance run: a header with its accents (« catégorie », « arrêté », « rôle ») was refused.
        let accented = try plan("Nom;Catégorie;Arrêté;Date;Genre;Rôle\nAlice Martin;recherche;AR-1;15/01/2026;femme;présidente\n").get()
        #expect(accented.map(\.name) == ["Alice Martin"] && accented[0].role == .president && accented[0].orderDay == Day(iso: "2026-01-15"))
        #expect(Member.Category(typed: "sport") == nil && Member.Gender(typed: "") == nil)
    }

    /// The fourth acceptance run: « Mandat de Emma Leroy ».
    @Test func aNameTakesDeOrDApostrophe() {
        #expect(["Emma Leroy", "Élise Roux", "Œdipe", "Yann"].map(FrenchGrammar.of) == ["d'Emma Leroy", "d'Élise Roux", "d'Œdipe", "d'Yann"])
        #expect(["Bruno Roy", "Hugo Petit", "", "42"].map(FrenchGrammar.of) == ["de Bruno Roy", "de Hugo Petit", "de ", "de 42"])
        // The acceptance run: « accès en lecture seule à le groupe de travail mobilite ».
        #expect(["le groupe de travail mobilite", "les notes privées", "l'audition h-1", "le conseil"].map(FrenchGrammar.to)
            == ["au groupe de travail mobilite", "aux notes privées", "à l'audition h-1", "au conseil"])
    }

    @Test func everyBadLineIsNamedAndNothingIsPlanned() {
        guard case let .failure(failure) = plan("""
            nom,categorie,arrete,date
            Alice Martin,research,AR-1,2026-01-05
            Bruno Roy,sport,AR-2,2026-01-05
            Chloé Dubois,education,AR-3,2026-13-01
            Alice Martin,research,AR-4,2026-01-05
            Denis,education
            Emma Blanc,education,AR-5,2022-01-01
            """) else { Issue.record("a file with bad lines is refused"); return }
        #expect(failure.errors.map(\.line) == [3, 4, 5, 6, 7])
        #expect(failure.errors[0].text.french == "ligne 3 : colonne categorie : « sport » est refusé ; valeurs admises : économie, éducation, recherche, partenaires-publics, société-civile")
        #expect(failure.errors[2].text.english.hasPrefix("line 5: Alice Martin is already in office or listed twice"))
        #expect(failure.errors[3].text.english == "line 6: 2 field(s) for 4 column(s)")
        #expect(failure.errors[4].text.french.contains("huisclos membres historique"))
    }

    /// The attacker's review: the relay takes at most 256 membership records in one request
    /// (`WireLimits.pushBatchesMax`) and an import sends its appointments in one; a file of 257
    /// to 500 rows passed the check here and was refused by the relay after.
    @Test func aFileOfMoreRowsThanOneMembershipRequestCarriesIsRefusedWhole() {
        let lines = ["role;nom;categorie;arrete"] + (1...257).map { "second-cercle;Personne \($0);economic;AR-\($0)" }
        guard case let .failure(failure) = plan(lines.joined(separator: "\n")) else {
            Issue.record("257 rows planned")
            return
        }
        #expect(failure.errors.contains { $0.text.french.contains("plus de 256 lignes") }, "\(failure)")
    }

    @Test func aHeaderWithoutTheRequiredColumnsIsRefused() {
        guard case let .failure(failure) = plan("name,category\nAlice,research") else { Issue.record("refused"); return }
        #expect(failure.errors.count == 1 && failure.errors[0].line == 1 && failure.errors[0].text.french.contains("obligatoires nom, categorie, arrete"))
    }

    @Test func theThirtyFirstFirstCircleMemberIsRefusedByTheRegistersRule() {
        let lines = (1...31).map { "Membre \($0),research,AR-\($0),2026-01-05" }
        guard case let .failure(failure) = plan((["nom,categorie,arrete,date"] + lines).joined(separator: "\n")) else {
            Issue.record("a 31st member is refused"); return
        }
        #expect(failure.errors.map(\.line) == [32])
        #expect(failure.errors[0].text.french.contains("30"))
    }
}
