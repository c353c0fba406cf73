import Foundation
import GRDB
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosStore
import HuisClosTestSupport
import HuisClosTrust
import Testing

/// Issue 17, the attacker's review of the time-stamps (finding 3): the convocation's statement
/// covers its agenda (items, titles, attached dossiers' ids), each agenda change is a new revision
/// of the convocation, and a statement in the first format (no agenda) still verifies.
@Suite(.tags(.slow)) struct TimestampAgendaTests {
    @Test func theConvocationStatementCoversTheAgendaAndEachChangeIsARevision() async throws {
        try await ClientCouncil.withTimestamping("client-tsa-agenda") { council, session, tsa in
            let day = try #require(Day(unixSeconds: session.instant.unixSeconds + 20 * 86_400))
            _ = try await session.convene("s1", on: day, from: TimeOfDay(text: "14:00"), to: nil, place: "Bobigny", urgent: false)
            #expect(try await session.timestamp(seance: "s1").stamped.count == 1)

            // Each agenda change raises the revision: what was convened changed. (An item's
            // dossiers are a set: the statement lists them in the records' order, by id.)
            _ = try await session.addAgendaItem("budget", to: "s1", title: "Budget 2027", dossiers: ["d-budget", "d-annexe"])
            #expect(try session.council.seance("s1").revision == 1)
            _ = try await session.addAgendaItem("avis", to: "s1", title: "Avis sur le PLU", dossiers: [])
            _ = try session.moveAgendaItem("avis", of: "s1", to: 1)
            #expect(try session.council.seance("s1").revision == 3)
            try session.council.removeAgendaItem(seance: "s1", item: "avis")
            #expect(try session.council.seance("s1").revision == 4)

            let stamped = try await session.timestamp(seance: "s1").stamped
            let statement = try #require(stamped.first { $0.subject == "convocation:4" }, "\(stamped.map(\.subject))")
            #expect(statement.text.hasPrefix("HuisClos time-stamp statement v2\n"))
            #expect(statement.text.hasSuffix("cancelled: false\nagenda-items: 1\nagenda-1: budget\nagenda-1-title: Budget 2027\n"
                                             + "agenda-1-dossier-1: d-annexe\nagenda-1-dossier-2: d-budget\n"), "\(statement.text)")
            let status = Dictionary(uniqueKeysWithValues: try await session.timestampChecks(of: "s1").map { ($0.stored.statement.subject, $0.status) })
            #expect(status == ["convocation:0": "timestamp.earlierRevision", "convocation:4": "verified"], "\(status)")

            // The agenda changed behind the revision's back (a replica altered by SQL): no longer verified.
            try await council.secretariat.device.council.store.database.write { db in
                try db.execute(sql: "UPDATE fields SET value = 'Budget 2028' WHERE kind = 'agenda_item' AND name = 'title'")
            }
            #expect(try await session.timestampChecks(of: "s1").first { $0.stored.statement.subject == "convocation:4" }?.status
                    == "timestamp.recordChanged")
            try await council.secretariat.device.council.store.database.write { db in
                try db.execute(sql: "UPDATE fields SET value = 'Budget 2027' WHERE kind = 'agenda_item' AND name = 'title'")
            }

            // A statement of the first format (v1: no agenda), kept before agendas were covered,
            // still verifies against the records of its revision and is not stamped again.
            _ = try await session.convene("s1", on: day, from: TimeOfDay(text: "14:00"), to: nil, place: "Pantin", urgent: false)
            let root = try #require(statement.text.split(separator: "\n").first { $0.hasPrefix("council: ") })
            let v1 = TimestampStatement(seance: "s1", subject: "convocation:5", text: """
                HuisClos time-stamp statement v1
                \(root)
                seance: s1
                subject: convocation
                revision: 5
                date: \(day.iso)
                start: 14:00
                end: -
                place: Pantin
                urgent: false
                cancelled: false

                """)
            try session.council.recordTimestamp(v1, token: try await TimestampForgeryTests.genuineToken(tsa, over: v1.text))
            #expect(try await session.timestampChecks(of: "s1").first { $0.stored.statement.subject == "convocation:5" }?.status == "verified")
            #expect(try await session.timestamp(seance: "s1").stamped.isEmpty)
        }
    }
}
