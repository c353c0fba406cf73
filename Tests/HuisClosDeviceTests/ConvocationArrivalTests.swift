import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// The convocation proof's second time: the relay's arrival time of the batch carrying each
/// acknowledgement, which the acknowledging device cannot choose.
@Suite(.tags(.slow)) struct ConvocationArrivalTests {
    static let dayMs: Int64 = 86_400_000

    static var wallMs: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    @Test func anAcknowledgementMadeOfflineGetsTheRelaysArrivalTimeNotTheDeviceClockAndKeepsItAcrossARestart() async throws {
        let folder = try TemporaryFolder("arrivals")
        defer { folder.remove() }
        var server = try await TestServer.start(folder: folder.url)
        // Every device's clock is a day behind the relay's (the system clock).
        let clock = ManualClock()
        clock.advance(seconds: -86_400)
        let council = try await CouncilHarness.start(on: server, clock: clock)
        defer { council.remove() }
        let president = try await council.enrolMember("presidente", role: .president)
        let alice = try await council.enrolMember("alice")
        try president.council.convene(seance: "s1", date: try #require(Day(iso: "2026-03-12")), place: "Bobigny, salle du conseil")
        _ = try await president.sync()
        _ = try await alice.sync()

        // Offline, Alice's device acknowledges receipt and reading: signed, stamped by its own clock.
        await server.stop()
        try alice.council.acknowledgeReading(seance: "s1", member: alice.member.hex)
        let offline = try #require(try alice.council.acknowledgements(of: "s1").first)
        #expect(offline.receivedServerMs == nil && offline.readServerMs == nil)

        server = try await TestServer.start(folder: folder.url, port: server.port)
        let pushedFrom = Self.wallMs
        _ = try await alice.sync()
        let pushedBy = Self.wallMs
        let ack = try #require(try alice.council.acknowledgements(of: "s1").first)
        let received = try #require(ack.receivedServerMs)
        let read = try #require(ack.readServerMs)
        #expect(received >= pushedFrom && received <= pushedBy)
        #expect(read >= received && read <= pushedBy)
        // The device's own times stay its clock's, a day earlier: the relay's time is not the device's.
        let deviceTime = try #require(ack.receivedMs)
        #expect(received - deviceTime > Self.dayMs - 60_000)

        _ = try await council.secretariat.sync()
        #expect(try council.secretariat.council.acknowledgements(of: "s1") == [ack])

        // The relay restarts: a device that pulls the log afterwards sees the same arrival times.
        await server.stop()
        server = try await TestServer.start(folder: folder.url, port: server.port)
        let bruno = try await council.enrolMember("bruno")
        let seen = try #require(try bruno.council.acknowledgements(of: "s1").first)
        #expect(seen.receivedServerMs == received && seen.readServerMs == read && seen.receivedMs == deviceTime)
        await server.stop()
    }
}
