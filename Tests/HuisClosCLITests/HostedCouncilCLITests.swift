import Foundation
import HuisClosProtocol
import HuisClosSync
import HuisClosTestSupport
import Testing

/// A council hosted beside the default one (issue 14, item 3), driven by today's `huisclos` given
/// the council's base URL as its server: set-up, appointment, enrolment, certification and a
/// member's sync all work unchanged, and the relay's default council sees none of it.
@Suite struct HostedCouncilCLITests {
    @Test func aHostedCouncilRunsWithTheCurrentClientAndStaysApartFromTheDefaultOne() async throws {
        try await CouncilCLI.with("cli-hosted-council", hosted: "cese-93") { council in
            #expect(council.url.hasSuffix("/councils/cese-93"))
            try await council.setUp()
            let hugo = try await council.appoint("Hugo Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            let file = council.folder.url.appendingPathComponent("ordre-du-jour.txt")
            try Data("Ordre du jour du conseil hébergé".utf8).write(to: file)
            try await council.ok("secretariat", ["dossiers", "ajouter", "--id", "odj", "--titre", "Ordre du jour", file.path])
            try await council.enrol([("hugo", hugo)])
            try await council.ok("hugo", ["sync"])
            let listing = try await council.ok("hugo", ["dossiers", "liste"])
            #expect(listing.contains("Ordre du jour"), "the member reads the hosted council: \(listing)")

            // The relay's default council: no set-up, no log, nothing of cese-93's.
            let root = try #require(council.server?.url)
            let stranger = try await TestDevice.enrolled(on: root)
            #expect(try await stranger.client.pullMembership(from: 0).records.isEmpty, "the default council has no log of its own yet")
            #expect(try await stranger.client.pull(scope: .council, after: 0).head == 0)
            let listed = try await CommandRun.run("huisclos-server", ["councils", "list", "--json",
                                                                     "--data", council.folder.url.appendingPathComponent("relay").path])
            #expect(listed.status == 0 && listed.output.contains(#""id":"cese-93""#), "\(listed.output)")
        }
    }
}
