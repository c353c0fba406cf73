import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosL10n
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

            // 00:30 in Paris or later: a séance of that day convened for 00:00 has begun. It is one
            // held (recorded after the fact), not a convocation too late (the second acceptance run).
            let begun = try await secretariat.convene("s-minuit", on: parisDay, from: TimeOfDay(hour: 0, minute: 0), to: nil,
                                                      place: "Bobigny", urgent: false)
            #expect(begun.delay == .pastSeance)
            await #expect {
                _ = try await secretariat.convene("s-soir", on: parisDay, from: TimeOfDay(hour: 23, minute: 0), to: nil, place: "Bobigny", urgent: false)
            } throws: { error in
                (error as? CouncilError)?.code == .convocationTooLate
            }
        }
    }
}

/// The new secretariat's acceptance run: a pointing refused for one wrong member left nobody
/// marked without saying so, and the sheet then closed at once with nobody present — for good.
@Suite(.tags(.slow)) struct AttendanceSheetTests {
    @Test func aSheetWithNobodyMarkedClosesOnlyWhenNobodyCameAndARefusedPointingSaysNobodyWasMarked() async throws {
        let clock = ManualClock()
        try await TestServer.with("attendance-sheet", configure: { $0.clock = clock.serverClock }) { server in
            let council = try await ClientCouncil.start(server, clock: clock)
            defer { council.remove() }
            let alice = try await council.enrol("alice")
            let secretariat = try await council.secretariat.councilSession()
            _ = try await secretariat.convene("s1", on: secretariat.councilDay, from: nil, to: nil, place: "Bobigny", urgent: true)
            let stranger = String(repeating: "0f", count: 16)
            let refused = #expect(throws: CouncilError.self) { try secretariat.markPresent([alice.member.hex, stranger], at: "s1") }
            #expect(refused?.text.french.contains("Personne n'a été pointé") == true, "\(String(describing: refused))")
            #expect(try secretariat.council.seance("s1").present.isEmpty)

            let empty = #expect(throws: CouncilError.self) { _ = try secretariat.closeAttendance(of: "s1") }
            #expect(empty?.code == .nobodyMarkedPresent && empty?.code.exitStatus == .usage)
            #expect(try !secretariat.council.seance("s1").attendanceClosed, "the sheet stays open")
            try secretariat.markPresent([alice.member.hex], at: "s1")
            #expect(try secretariat.closeAttendance(of: "s1").present == 1)

            _ = try await secretariat.convene("s2", on: secretariat.councilDay, from: nil, to: nil, place: "Bobigny", urgent: true)
            #expect(try secretariat.closeAttendance(of: "s2", nobodyCame: true).present == 0)

            // The second acceptance run: a member pointing a séance to come was told to wait for its
            // day, as if she could then; the sheet is the secretariat's, and that is said first.
            _ = try await secretariat.convene("s3", on: secretariat.councilDay.adding(months: 1), from: nil, to: nil, place: "Bobigny", urgent: false)
            _ = try await council.secretariat.device.sync()
            _ = try await alice.sync()
            let member = try await ClientSession(device: alice, clock: clock).councilSession()
            let notHers = #expect(throws: CouncilError.self) { try member.markPresent([alice.member.hex], at: "s3") }
            #expect(notHers?.code == .roleRequired, "\(String(describing: notHers))")
            #expect(#expect(throws: CouncilError.self) { _ = try member.closeAttendance(of: "s3") }?.code == .roleRequired)
        }
    }
}
