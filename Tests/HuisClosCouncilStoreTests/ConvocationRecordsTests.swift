import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosStore
import Testing

/// What a new secretariat found in séances (issue 17 review, items A1–A3, A5, A6): a held séance
/// stays as held, the agenda of a cancelled or held séance does not change, convening again with
/// the same values records nothing, receipts follow each version of the convocation.
@Suite struct ConvocationRecordsTests {
    let day = Day(iso: "2027-03-12")!

    @Test func aHeldSeanceIsNotConvenedAgain() throws {
        let peers = try CouncilPeers(1)
        try peers[0].convene(seance: "s7", date: day, place: "Bobigny")
        try peers[0].markPresent(seance: "s7", member: "m1")
        try peers[0].closeAttendance(seance: "s7")
        let before = try peers[0].store.digest()
        #expect(throws: CouncilError(.seanceHeld, .init(fr: "", en: ""))) {
            try peers[0].convene(seance: "s7", date: Day(iso: "2027-04-01")!, place: "Pantin")
        }
        #expect(try peers[0].store.digest() == before)
        #expect(Seance.heldNotReconvenable(try peers[0].seance("s7")).text.french.contains("s'est tenue"))
    }

    /// The attacker's review: a presence withdrawn on one secretariat device while another closed
    /// the sheet changed the closed sheet after merge (quorum reached became not reached).
    @Test func aWithdrawalMergedAfterTheClosureLeavesTheClosedSheetAsClosed() throws {
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s8", date: day, place: "Bobigny")
        try peers[0].markPresent(seance: "s8", member: "m1")
        try peers.exchange()
        try peers[1].unmarkPresent(seance: "s8", member: "m1")
        try peers[0].markPresent(seance: "s8", member: "m2")
        try peers[0].closeAttendance(seance: "s8")
        try peers.exchange()
        for index in 0..<2 {
            let seance = try peers[index].seance("s8")
            #expect(seance.attendanceClosed && seance.present == ["m1", "m2"], "peer \(index): \(seance.present)")
        }
        #expect(try peers[0].store.digest() == peers[1].store.digest())
    }

    /// The attacker's review: a séance convened in time and corrected after it began was marked
    /// « recorded late »; lateness is said when the séance is first recorded.
    @Test func aSeanceIsRecordedLateOnlyWhenFirstRecordedSo() throws {
        let peers = try CouncilPeers(1)
        try peers[0].convene(seance: "s9", date: day, place: "Bobigny")
        try peers[0].convene(seance: "s9", date: day, place: "Pantin", recordedLate: true)
        #expect(try !peers[0].seance("s9").recordedLate)
        try peers[0].convene(seance: "s10", date: day, place: "Bobigny", recordedLate: true)
        #expect(try peers[0].seance("s10").recordedLate)
    }

    @Test func theAgendaOfACancelledHeldOrUnknownSeanceDoesNotChange() throws {
        let peers = try CouncilPeers(1)
        try peers[0].convene(seance: "annulee", date: day, place: "Bobigny")
        try peers[0].addAgendaItem(seance: "annulee", item: "budget", title: "Budget")
        try peers[0].cancel(seance: "annulee")
        try peers[0].convene(seance: "tenue", date: day, place: "Bobigny")
        try peers[0].addAgendaItem(seance: "tenue", item: "budget", title: "Budget")
        try peers[0].closeAttendance(seance: "tenue")
        let before = try peers[0].store.digest()
        for seance in ["annulee", "tenue"] {
            #expect(throws: CouncilError.self) { try peers[0].addAgendaItem(seance: seance, item: "x", title: "X") }
            #expect(throws: CouncilError.self) { try peers[0].moveAgendaItem(seance: seance, item: "budget", to: 1) }
            #expect(throws: CouncilError.self) { try peers[0].removeAgendaItem(seance: seance, item: "budget") }
        }
        #expect(throws: CouncilStoreError.unknownSeance("s99")) { try peers[0].addAgendaItem(seance: "s99", item: "x", title: "X") }
        #expect(try peers[0].store.digest() == before)
    }

    @Test func convenedAgainWithTheSameValuesNothingIsRecorded() throws {
        let peers = try CouncilPeers(1)
        let start = TimeOfDay(hour: 14, minute: 30), end = TimeOfDay(hour: 17, minute: 0)
        try peers[0].convene(seance: "s1", date: day, place: "Bobigny", start: start, end: end)
        let before = try peers[0].store.digest()
        try peers[0].convene(seance: "s1", date: day, place: "Bobigny", start: start, end: end)
        #expect(try peers[0].store.digest() == before)
        #expect(try peers[0].seance("s1").revision == 0)
        try peers[0].convene(seance: "s1", date: day, place: "Pantin", start: start, end: end)
        #expect(try peers[0].seance("s1").revision == 1)
    }

    @Test func aBlankPlaceOrAnEndWithoutAStartIsRefused() throws {
        let peers = try CouncilPeers(1)
        let before = try peers[0].store.digest()
        #expect(throws: CouncilError.self) { try peers[0].convene(seance: "s1", date: day, place: "   ") }
        #expect(throws: CouncilError.self) {
            try peers[0].convene(seance: "s1", date: day, place: "Bobigny", end: TimeOfDay(hour: 17, minute: 0))
        }
        #expect(throws: CouncilError.self) {
            try peers[0].convene(seance: "s1", date: day, place: "Bobigny", start: TimeOfDay(hour: 14, minute: 0), end: TimeOfDay(hour: 14, minute: 0))
        }
        #expect(try peers[0].store.digest() == before)
    }

    /// Issue 17 (ackrev): a séance id cannot contain « : », the separator of the acknowledgement
    /// ids ("<séance>:<revision>:<device>" would be ambiguous for "s:1"); nothing is written.
    @Test func aSeanceIDWithAColonIsRefused() throws {
        let peers = try CouncilPeers(1)
        let before = try peers[0].store.digest()
        for id in ["s:1", "s:", "a:b"] {
            let error = #expect(throws: CouncilError.self) { try peers[0].convene(seance: id, date: day, place: "Bobigny") }
            #expect(error?.code == .invalidSeanceID && error?.text.french.contains("« : »") == true, "\(String(describing: error))")
        }
        #expect(try peers[0].store.digest() == before)
        try peers[0].convene(seance: "s-1.b_2", date: day, place: "Bobigny")
    }

    /// Issue 17 (ackrev): two secretariat devices change the same séance offline and each notifies
    /// its revision 1; merged, one of them told members of content that is no longer the record's.
    /// Before notifying again, the revision is raised (the .ics SEQUENCE moves), and only then.
    @Test func aVersionNotifiedWithOtherContentThanTheMergedRecordIsRaisedBeforeNotifyingAgain() throws {
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: day, place: "Bobigny")
        let first = try peers[0].seance("s1")
        try peers[0].recordNotice(seance: "s1", member: "m1", revision: 0, content: first.noticedContent, sentMs: 1_000)
        try peers.exchange()
        #expect(try peers[1].reviseIfNotifiedOtherwise(seance: "s1").revision == 0, "what was notified is the record: nothing raised")

        try peers[0].convene(seance: "s1", date: day, place: "Pantin")
        try peers[1].convene(seance: "s1", date: day, place: "Montreuil")
        for (index, member) in [(0, "m1"), (1, "m2")] {
            let notified = try peers[index].seance("s1")
            #expect(notified.revision == 1)
            try peers[index].recordNotice(seance: "s1", member: member, revision: 1, content: notified.noticedContent, sentMs: 2_000)
        }
        try peers.exchange()
        let merged = try peers[0].seance("s1")
        #expect(merged.revision == 1 && ["Pantin", "Montreuil"].contains(merged.place))
        let revised = try peers[0].reviseIfNotifiedOtherwise(seance: "s1")
        #expect(revised.revision == 2 && revised.place == merged.place, "a notice of revision 1 told the other place")
        #expect(try peers[0].reviseIfNotifiedOtherwise(seance: "s1").revision == 2, "raised once, not at each call")
    }

    @Test func eachVersionOfTheConvocationHasItsOwnReceipt() throws {
        var now: Int64 = 1_000
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: day, place: "Bobigny")
        try peers.exchange()
        try CouncilStore(store: peers[1].store, nowMs: { [now] in now }).acknowledgeReading(seance: "s1", member: "m1")
        try peers.exchange()
        try peers[0].convene(seance: "s1", date: day, place: "Pantin")
        try peers.exchange()
        now = 2_000
        let later = CouncilStore(store: peers[1].store, nowMs: { [now] in now })
        try later.acknowledgeReceipt(seance: "s1", member: "m1")
        try later.acknowledgeReceipt(seance: "s1", member: "m1")
        try peers.exchange()
        let receipts = try peers[0].acknowledgements(of: "s1")
        #expect(receipts.count == 2, "\(receipts)")
        #expect(Set(receipts.map(\.receivedMs)) == [1_000, 2_000], "\(receipts)")
        #expect(receipts.first { $0.receivedMs == 1_000 }?.readMs == 1_000, "the first version's reading stays")
        #expect(receipts.first { $0.receivedMs == 2_000 }?.readMs == nil, "the new version is received, not read yet")
    }
}
