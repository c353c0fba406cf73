import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosL10n
import HuisClosStore
import Testing

@Suite struct AttendanceRecordsTests {
    @Test func proxyIsRefusedQuotingTheRuleAndNothingIsWritten() throws {
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        try peers.exchange()
        let before = try peers[1].store.digest()
        #expect(throws: Seance.proxyRefused) { try peers[1].respond(seance: "s1", member: "m1", .excused, proxy: "m2") }
        #expect(Seance.proxyRefused.text.french.contains("procurations ne sont pas admises"))
        #expect(try peers[1].store.digest() == before)
    }

    @Test func offlineAnswersAndPresencesMergeIntoOneSeance() throws {
        let peers = try CouncilPeers(3)
        try peers[0].convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        try peers.exchange()
        try peers[1].respond(seance: "s1", member: "m1", .willAttend)
        try peers[2].respond(seance: "s1", member: "m2", .excused)
        try peers.exchange()
        try peers[0].markPresent(seance: "s1", member: "m1")
        try peers[0].closeAttendance(seance: "s1")
        try peers.exchange()
        let seance = try #require(try peers[2].seances().first)
        #expect(seance.attendanceClosed)
        #expect(seance.attendance(of: "m1") == .present)
        #expect(seance.attendance(of: "m2") == .excused)
        #expect(seance.attendance(of: "m3") == .absent)
        #expect(throws: CouncilError(.attendanceClosed, .init(fr: "", en: ""))) { try peers[2].markPresent(seance: "s1", member: "m3") }
    }

    @Test func eachDeviceAcknowledgesReceiptThenReadingOnce() throws {
        var now: Int64 = 1_000
        let peers = try CouncilPeers(2)
        try peers[0].convene(seance: "s1", date: Day(iso: "2026-03-12")!, place: "Bobigny")
        try peers.exchange()
        let member = CouncilStore(store: peers[1].store, nowMs: { [now] in now })
        try member.acknowledgeReceipt(seance: "s1", member: "m1")
        now = 2_000
        let later = CouncilStore(store: peers[1].store, nowMs: { [now] in now })
        try later.acknowledgeReceipt(seance: "s1", member: "m1")
        try later.acknowledgeReading(seance: "s1", member: "m1")
        try later.acknowledgeReading(seance: "s1", member: "m1")
        try peers.exchange()
        let acknowledgements = try peers[0].acknowledgements(of: "s1")
        #expect(acknowledgements.count == 1)
        #expect(acknowledgements.first?.receivedMs == 1_000)
        #expect(acknowledgements.first?.readMs == 2_000)
        #expect(acknowledgements.first?.device == peers.keys[1].publicKey.bytes.hex)
    }

    @Test func unknownSeanceSaysToSync() throws {
        let peers = try CouncilPeers(1)
        #expect(throws: CouncilStoreError.unknownSeance("s9")) { try peers[0].respond(seance: "s9", member: "m1", .willAttend) }
        #expect(CouncilStoreError.unknownSeance("s9").text.french.contains("huisclos sync"))
    }
}
