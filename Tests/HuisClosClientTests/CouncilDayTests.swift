import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosServer
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// The council's séances are dated in Paris: between midnight in Paris and midnight UTC, a séance
/// of the Paris day is held (attendance pointed and closed) although the UTC day is the day before
/// — the séance a synthesis is adopted at right after its consultation closes (issue 18).
@Suite(.tags(.slow)) struct CouncilDayTests {
    @Test func aSeanceOfTheParisDayIsHeldBeforeMidnightUTC() async throws {
        let clock = ManualClock()
        // To the next 23:30 UTC: 00:30 or 01:30 the next day in Paris.
        let secondsOfDay = Int(clock.now().timeIntervalSince1970) % 86_400
        clock.advance(seconds: Double((23 * 3_600 + 1_800 - secondsOfDay + 86_400) % 86_400))
        try await TestServer.with("council-day", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrol("alice")
            let secretariat = try await council.secretariat.councilSession()
            let parisDay = secretariat.councilDay
            #expect(parisDay.unixSeconds == secretariat.today.unixSeconds + 86_400, "Paris is already the next day")
            _ = try await secretariat.convene("s-nuit", on: parisDay, from: nil, to: nil, place: "Bobigny", urgent: true)
            try secretariat.markPresent([alice.member.hex], at: "s-nuit")
            _ = try secretariat.closeAttendance(of: "s-nuit")
            #expect(try secretariat.council.seance("s-nuit").attendanceClosed)
        }
    }
}
