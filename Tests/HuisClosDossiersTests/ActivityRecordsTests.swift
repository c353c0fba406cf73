import HuisClosCouncil
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosPublication
import Testing

/// The annual report's figures, read from records built through the libraries for a known year.
@Suite struct ActivityRecordsTests {
    /// Three first-circle members from January; Chloé appointed in March (expected only at the
    /// séances held after); a second-circle member never expected.
    static func register() throws -> Register {
        var register = Register()
        try register.appoint(id: "a", name: "Alice Martin", circle: .first, category: .research, gender: .female, orderNumber: "1", on: day("2026-01-05"))
        try register.appoint(id: "b", name: "Bruno Petit", circle: .first, category: .economic, gender: .male, orderNumber: "2", on: day("2026-01-05"))
        try register.appoint(id: "c", name: "Chloé Durand", circle: .first, category: .education, gender: .female, orderNumber: "3", on: day("2026-03-01"))
        try register.appoint(id: "s", name: "Sami Benali", circle: .second, category: .civilSociety, gender: .male, orderNumber: "4", on: day("2026-01-05"))
        return register
    }

    static func seance(_ id: String, _ date: String, present: [String], excused: [String] = [], closed: Bool = true) throws -> Seance {
        var seance = Seance(id: id, date: day(date), place: "Bobigny")
        for member in excused { try seance.respond(member, .excused) }
        for member in present { try seance.markPresent(member) }
        if closed { seance.closeAttendance() }
        return seance
    }

    @Test func reportFiguresMatchTheYearsRecords() throws {
        let stores = try Council.stores(2)
        let seances = [
            try Self.seance("s1", "2026-02-10", present: ["a"], excused: ["b"]),
            try Self.seance("s2", "2026-04-14", present: ["a", "b", "c"]),
            try Self.seance("s3", "2026-06-09", present: ["a"], excused: ["c"]),
            try Self.seance("s4", "2026-10-06", present: ["a", "b"], closed: false),  // convened, not held
            try Self.seance("s0", "2025-12-09", present: ["a", "b"]),                 // another year
        ]
        let referrals = Referrals(store: stores[0])
        try referrals.receive("sa-1", subject: "Inclusion des seniors", origin: .departmentalPresident, on: day("2026-03-02"))
        try referrals.receive("sa-2", subject: "Données ouvertes", origin: .selfReferral, on: day("2026-05-02"))
        let drafts = AvisDrafts(store: stores[0])
        try drafts.create(id: "avis-1", title: "Inclusion des seniors", kind: .avis, referral: "sa-1")
        try drafts.write("Le conseil recommande.", paragraph: "p1", of: "avis-1")
        try drafts.create(id: "programme-2027", title: "Programme 2027", kind: .programme)
        try drafts.write("Trois chantiers.", paragraph: "p1", of: "programme-2027")
        try drafts.create(id: "avis-2", title: "Encore en projet", kind: .avis)
        let register = try Self.register()
        #expect(throws: DossierError.self, "adoption at a séance not held is refused") {
            try drafts.adopt("avis-1", at: seances[3], register: register, vote: try .init(seated: 3, voting: 2, inFavour: 2, against: 0, abstaining: 0))
        }
        #expect(throws: DossierError.self, "more voting than present is refused") {
            try drafts.adopt("avis-1", at: seances[0], register: register, vote: try .init(seated: 2, voting: 2, inFavour: 2, against: 0, abstaining: 0))
        }
        // The acceptance run: 1 for and 3 against was recorded « adopté », then published.
        for (inFavour, against) in [(1, 2), (1, 1)] {
            #expect(throws: CouncilError(.notAdopted, Text(fr: "", en: "")), "\(inFavour) for, \(against) against adopts nothing") {
                try drafts.adopt("avis-1", at: seances[1], register: register,
                                 vote: try .init(seated: 3, voting: 3, inFavour: inFavour, against: against, abstaining: 3 - inFavour - against))
            }
        }
        #expect(try drafts.draft("avis-1").status == .draft)
        try drafts.adopt("avis-1", at: seances[1], register: register, vote: try .init(seated: 3, voting: 3, inFavour: 2, against: 0, abstaining: 1))
        try drafts.publish("avis-1")
        try drafts.adopt("programme-2027", at: seances[1], register: register, vote: try .init(seated: 3, voting: 1, inFavour: 1, against: 0, abstaining: 0))
        try WorkingGroupRoster(store: stores[0]).record("mobilite", members: ["a", "b"], supplementaryMembers: ["s"], on: day("2026-03-03"))
        try HearingRegister(store: stores[0]).record("h-1", guest: "g", guestName: "Dr Léa Roux, sociologue", dossier: "etude",
                                                     on: day("2026-05-05"), expiry: 1_780_000_000)
        try Council.sync(stores)

        let report = try ActivityRecords.report(year: 2026, seances: seances, register: try Self.register(), store: stores[1], on: day("2026-12-18"))
        #expect(report.seances.map(\.id) == ["s1", "s2", "s3"], "held in 2026 only: s4 not held, s0 in 2025")
        #expect(report.seances.map(\.expected.count) == [2, 3, 3], "Chloé expected only once appointed; Sami never")
        #expect(report.attendance.map { "\($0.member) \($0.present)/\($0.expected) excused \($0.excused)" } == [
            "Alice Martin 3/3 excused 0", "Bruno Petit 1/3 excused 1", "Chloé Durand 1/2 excused 1",
        ])
        #expect(report.adopted.map(\.id) == ["avis-1", "programme-2027"] && report.avisAdopted == 1)
        #expect(report.published == ["avis-1"], "avis-1 published, the programme adopted only")
        #expect(report.adopted.first?.referral == "Saisine du président du Département du 02/03/2026 : Inclusion des seniors")
        #expect(report.referrals.map(\.answeredBy) == ["avis-1", nil], "adopting the avis answered its referral")
        #expect(report.groups == [.init(name: "mobilite", members: 2, supplementaryMembers: 1, dossiers: 0)])
        // The acceptance run: a device outside the group reported « 0 dossier(s) » for a group holding one.
        let outside = try ActivityRecords.report(year: 2026, seances: seances, register: try Self.register(), store: stores[1], on: day("2026-12-18"),
                                                 readable: { $0 == .council })
        #expect(outside.groups == [.init(name: "mobilite", members: 2, supplementaryMembers: 1, dossiers: nil)])
        #expect(outside.markdown(councilName: "Conseil").contains("dossiers non comptés"))
        #expect(report.hearings == [.init(guest: "Dr Léa Roux, sociologue", day: day("2026-05-05"), dossier: "etude")])
        let markdown = report.markdown(councilName: "Conseil")
        #expect(markdown.contains("| Bruno Petit | 1 | 3 | 1 | 33 % |"))
        #expect(markdown.contains("3 séance(s) tenue(s) en 2026."))
        #expect(markdown.contains("1 avis adopté(s) ; 2 texte(s) adopté(s) au total, dont 1 publié(s)."))
    }

    /// Issue 19, item 1: the council deliberates only with its quorum; a text adopted at a séance
    /// whose attendance closed "quorum non atteint" is refused, with the rule quoted.
    @Test func adoptionAtASeanceWithoutQuorumIsRefusedWithTheRuleQuoted() throws {
        let stores = try Council.stores(1)
        let drafts = AvisDrafts(store: stores[0])
        try drafts.create(id: "avis-1", title: "Inclusion des seniors", kind: .avis)
        try drafts.write("Le conseil recommande.", paragraph: "p1", of: "avis-1")
        let withoutQuorum = try Self.seance("s3", "2026-06-09", present: ["a"], excused: ["c"])  // 1 present of 3 in office
        let vote = try PublishedText.Vote(seated: 3, voting: 1, inFavour: 1, against: 0, abstaining: 0)
        do {
            try drafts.adopt("avis-1", at: withoutQuorum, register: try Self.register(), vote: vote)
            Issue.record("an avis was adopted without quorum")
        } catch let error as CouncilError {
            #expect(error.code == .quorumNotReached)
            #expect(error.text.french.contains("1 présent(s) sur 3 en fonction, 2 requis") && error.text.french.contains("moitié au moins"), "\(error.text.french)")
            #expect(error.text.english.contains("1 present of 3 in office, 2 required"), "\(error.text.english)")
        }
        #expect(try drafts.draft("avis-1").status == .draft, "nothing recorded")
    }

    /// Issue 18, item 3: an avis cannot be adopted before the referral it answers was received.
    @Test func adoptionBeforeItsReferralWasReceivedIsRefused() throws {
        let stores = try Council.stores(1)
        try Referrals(store: stores[0]).receive("sa-1", subject: "Inclusion", origin: .departmentalPresident, on: day("2026-09-01"))
        let drafts = AvisDrafts(store: stores[0])
        try drafts.create(id: "avis-1", title: "Inclusion des seniors", kind: .avis, referral: "sa-1")
        try drafts.write("Le conseil recommande.", paragraph: "p1", of: "avis-1")
        let may = try Self.seance("s2", "2026-05-12", present: ["a", "b", "c"])
        let vote = try PublishedText.Vote(seated: 3, voting: 3, inFavour: 3, against: 0, abstaining: 0)
        do {
            try drafts.adopt("avis-1", at: may, register: try Self.register(), vote: vote)
            Issue.record("an avis was adopted before its referral")
        } catch let error as CouncilError {
            #expect(error.code == .invalidDate)
            #expect(error.text.french.contains("12/05/2026") && error.text.french.contains("01/09/2026"), "\(error.text.french)")
        }
        #expect(try drafts.draft("avis-1").status == .draft, "nothing recorded")
    }

    /// Issue 18, item 3 for reports: the activity report of a year not yet begun is refused with
    /// both dates, not written as an empty year; from the year's first day it is established.
    @Test func aReportOfAYearNotYetBegunIsRefused() throws {
        let store = try Council.stores(1)[0]
        let seances = [try Self.seance("s1", "2026-02-10", present: ["a", "b"])]
        let error = #expect(throws: CouncilError.self) {
            try ActivityRecords.report(year: 2027, seances: seances, register: try Self.register(), store: store, on: day("2026-12-18"))
        }
        #expect(error?.code == .invalidDate)
        #expect(error?.text.french.contains("le rapport d'activité 2027 est établi le 18/12/2026, avant le début de l'année 2027 le 01/01/2027") == true,
                "\(error?.text.french ?? "")")
        #expect(error?.text.english.contains("huisclos rapport annuel 2026") == true, "\(error?.text.english ?? "")")
        #expect(try ActivityRecords.report(year: 2027, seances: seances, register: try Self.register(), store: store, on: day("2027-01-01")).seances.isEmpty)
        #expect(try ActivityRecords.report(year: 2026, seances: seances, register: try Self.register(), store: store, on: day("2027-01-01")).seances.count == 1,
                "a past year's report")
    }
}
