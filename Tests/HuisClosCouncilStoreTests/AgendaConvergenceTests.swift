import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosStore
import Testing

@Suite struct AgendaConvergenceTests {
    @Test func concurrentOfflineAgendaEditsBySecretariatAndPresidentConverge() throws {
        let peers = try CouncilPeers(2)
        let (secretariat, president) = (peers[0], peers[1])
        try president.convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny, salle du conseil")
        for (item, title) in [("budget", "Budget numérique"), ("ecoles", "Écoles connectées"), ("donnees", "Données ouvertes")] {
            try president.addAgendaItem(seance: "s1", item: item, title: title, dossiers: ["d-\(item)"])
        }
        try peers.exchange()

        // Offline: the president moves the last item first and removes one; the secretariat
        // appends two items and moves the first to the end.
        try president.moveAgendaItem(seance: "s1", item: "donnees", to: 1)
        try president.removeAgendaItem(seance: "s1", item: "ecoles")
        try secretariat.addAgendaItem(seance: "s1", item: "divers", title: "Questions diverses")
        try secretariat.addAgendaItem(seance: "s1", item: "rapport", title: "Rapport annuel", dossiers: ["d-rapport"])
        try secretariat.moveAgendaItem(seance: "s1", item: "budget", to: 4)
        try peers.exchange()

        let order = try secretariat.agenda(of: "s1").map(\.item.id)
        #expect(order == (try president.agenda(of: "s1").map(\.item.id)))
        #expect(try secretariat.store.digest() == president.store.digest())
        // The president's move and the secretariat's (budget after "divers", as it saw the agenda) both hold.
        #expect(order == ["donnees", "divers", "budget", "rapport"])
        #expect(try president.agenda(of: "s1").map(\.item.dossierIDs) == [["d-donnees"], [], ["d-budget"], ["d-rapport"]])
    }

    @Test func movesIntoAFullGapRenumberTheAgendaAndStillConverge() throws {
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        for item in ["a", "b", "c"] { try peers[0].addAgendaItem(seance: "s1", item: item, title: item) }
        // Swapping the first two items again and again halves the gap until it is used up.
        try peers.exchange()
        for round in 0..<24 { try peers[0].moveAgendaItem(seance: "s1", item: round % 2 == 0 ? "b" : "a", to: 1) }
        try peers[1].moveAgendaItem(seance: "s1", item: "c", to: 1)
        try peers.exchange()
        #expect(try peers[0].agenda(of: "s1").map(\.item.id) == peers[1].agenda(of: "s1").map(\.item.id))
        #expect(try peers[0].store.digest() == peers[1].store.digest())
        #expect(Set(try peers[0].agenda(of: "s1").map(\.item.id)) == ["a", "b", "c"])
    }

    @Test func membersReadTheAgendaFromTheirOwnReplica() throws {
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        try peers[0].addAgendaItem(seance: "s1", item: "budget", title: "Budget", dossiers: ["d1", "d2"])
        try peers.send(from: 0, to: 1)
        let seance = try #require(try peers[1].seances().first)
        #expect(seance.place == "Bobigny")
        #expect(seance.agenda == [AgendaItem(id: "budget", title: "Budget", dossierIDs: ["d1", "d2"])])
        #expect(throws: CouncilStoreError.itemExists(seance: "s1", item: "budget")) {
            try peers[1].addAgendaItem(seance: "s1", item: "budget", title: "Encore")
        }
    }
}
