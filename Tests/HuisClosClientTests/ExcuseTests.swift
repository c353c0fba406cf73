import HuisClosClient
import HuisClosCouncil
import HuisClosDevice
import HuisClosL10n
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// The secretariat records an excuse a member telephoned (`presence excuser`).
@Suite(.tags(.slow)) struct ExcuseTests {
    /// The acceptance run: an excuse silently replaced the « viendra » the member had sent.
    @Test func anExcuseSaysWhichAnswerItReplaces() async throws {
        try await MinutesFixture.with("excuse-replaces") { fixture in
            let president = try await fixture.session(fixture.president)
            _ = try await president.convene("s9", on: try #require(Day(unixSeconds: president.today.unixSeconds + 30 * 86_400)), from: nil, to: nil,
                                            place: "Bobigny", urgent: false)
            try await fixture.syncAll()
            try await fixture.session(fixture.karim).answer("s9", .willAttend)
            try await fixture.syncAll()
            let karim = fixture.karim.member.hex
            #expect(try await fixture.secretariat().recordExcuses([karim], at: "s9") == [karim: .willAttend])
            #expect(try await fixture.secretariat().recordExcuses([karim], at: "s9").isEmpty, "an excuse over an excuse replaces no answer")
            #expect(Text.excuseRecorded("Karim Benali", replacing: .willAttend).french.contains("elle remplace sa réponse « viendra »"))
        }
    }
}
