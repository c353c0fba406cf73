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

/// Issue 17, item 3, in the client layer: the secretariat time-stamps a convocation and its
/// acknowledgements with a real `openssl ts` authority on loopback; every device verifies the
/// tokens offline; a record altered after its time-stamp no longer matches it.
@Suite(.tags(.slow)) struct TimestampWorkflowTests {
    @Test func tokensVerifyOnEveryDeviceAndATamperedRecordNoLongerMatches() async throws {
        try await ClientCouncil.withTimestamping("client-tsa") { council, secretariat, _ in
            let karimDevice = try await council.enrol("karim")
            let karim = ClientSession(device: karimDevice, clock: council.clock)
            _ = try await secretariat.convene("s1", on: try #require(Day(unixSeconds: secretariat.instant.unixSeconds + 20 * 86_400)), from: TimeOfDay(text: "14:00"), to: nil,
                                        place: "Bobigny", urgent: false)
            _ = try await council.secretariat.device.sync()
            _ = try await karimDevice.sync()
            _ = try await karim.councilSession().seanceAcknowledgingReading("s1")
            _ = try await karimDevice.sync()
            _ = try await council.secretariat.device.sync()

            let session = try await council.secretariat.councilSession()
            let first = try await session.timestamp(seance: "s1")
            #expect(first.stamped.map { $0.subject.split(separator: ":")[0] } == ["convocation", "received", "read"] && first.already == 0)
            #expect(try await session.timestampChecks(of: "s1").map(\.status) == ["verified", "verified", "verified"])
            #expect(try await session.timestamp(seance: "s1").stamped.isEmpty, "nothing stamped twice")

            // Karim's device verifies the same tokens offline.
            _ = try await council.secretariat.device.sync()
            _ = try await karimDevice.sync()
            let onKarim = try await karim.councilSession().timestampChecks(of: "s1")
            #expect(onKarim.count == 3 && onKarim.allSatisfy { $0.verifiedTime != nil }, "\(onKarim.map(\.status))")

            // A record altered in the replica after its time-stamp (the place, Karim's reading
            // time) no longer gives the text stamped; the others still verify.
            try await council.secretariat.device.council.store.database.write { db in
                try db.execute(sql: "UPDATE fields SET value = 'Ailleurs' WHERE kind = 'seance' AND name = 'place'")
                try db.execute(sql: "UPDATE fields SET value = value + 3600000 WHERE kind = 'convocation_ack' AND name = 'read_ms'")
            }
            let altered = try await council.secretariat.councilSession().timestampChecks(of: "s1")
            let status = Dictionary(uniqueKeysWithValues: altered.map { ($0.stored.statement.subject.split(separator: ":")[0], $0.status) })
            #expect(status == ["convocation": "timestamp.recordChanged", "read": "timestamp.recordChanged", "received": "verified"], "\(status)")

            // A stored statement altered to fit the new record: its token covers another hash.
            try await council.secretariat.device.council.store.database.write { db in
                try db.execute(sql: "UPDATE fields SET value = replace(value, 'place: Bobigny', 'place: Ailleurs') WHERE kind = 'timestamp' AND name = 'statement'")
            }
            let rewritten = try await council.secretariat.councilSession().timestampChecks(of: "s1")
            #expect(rewritten.first { $0.stored.statement.subject.hasPrefix("convocation") }?.status == "timestamp.otherHash",
                    "\(rewritten.map(\.status))")
        }
    }
}
