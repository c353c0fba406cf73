import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosTestSupport
import HuisClosTimestamp
import HuisClosTrust
import Testing

/// Issue 17, the attacker's review of the time-stamps (finding 1): a stolen secretariat device can
/// obtain genuine tokens for any text it likes and keep them under any subject. A kept statement
/// is believed only when its lines name its record (council, séance, subject, device, revision)
/// and the records hold what it says; an earlier revision of the convocation is shown as not
/// checkable against the current records. The offline checker (`scripts/check-proof.sh`) agrees.
@Suite(.tags(.slow)) struct TimestampForgeryTests {
    @Test func statementsThatMatchNoRecordAreRefusedOnTheDeviceAndByTheChecker() async throws {
        try await ClientCouncil.withTimestamping("client-tsa-forged") { council, secretariat, tsa in
            let karimDevice = try await council.enrol("karim")
            let karim = ClientSession(device: karimDevice, clock: council.clock)
            let day = try #require(Day(unixSeconds: secretariat.instant.unixSeconds + 20 * 86_400))
            _ = try await secretariat.convene("s1", on: day, from: TimeOfDay(text: "14:00"), to: nil, place: "Bobigny", urgent: false)
            _ = try await council.secretariat.device.sync()
            _ = try await karimDevice.sync()
            // Karim's device receives the convocation; Karim never opens it.
            _ = try await karim.councilSession().seancesAcknowledgingReceipt()
            _ = try await karimDevice.sync()
            _ = try await council.secretariat.device.sync()
            let session = try await council.secretariat.councilSession()
            #expect(try await session.timestamp(seance: "s1").stamped.count == 2)

            // The stolen secretariat device has a genuine token made for a fabricated "Karim read
            // it" statement (his receipt's text with `read`) and keeps it under `read:<device>:0`.
            let receipt = try #require(try await session.timestampStatements(of: "s1").first { $0.subject.hasPrefix("received:") })
            let fabricated = TimestampStatement(seance: "s1", subject: receipt.subject.replacingOccurrences(of: "received:", with: "read:"),
                                                text: receipt.text.replacingOccurrences(of: "subject: received", with: "subject: read"))
            try session.council.recordTimestamp(fabricated, token: try await Self.genuineToken(tsa, over: fabricated.text))

            // The place changes (revision 1) and is stamped; then the genuine token of revision
            // 1's convocation is replayed as Karim's receipt of revision 1, which he never made.
            _ = try await session.convene("s1", on: day, from: TimeOfDay(text: "14:00"), to: nil, place: "Pantin", urgent: false)
            #expect(try await session.timestamp(seance: "s1").stamped.count == 1)
            let revision1 = try #require(try session.council.timestamps(of: "s1").first { $0.statement.subject == "convocation:1" })
            // The revision is the subject's last field: replacing every ":0" also changed a device id
            // that begins with 0 (1 run in 16 failed so).
            let replayed = TimestampStatement(seance: "s1", subject: String(receipt.subject.dropLast(2)) + ":1", text: revision1.statement.text)
            try session.council.recordTimestamp(replayed, token: revision1.token)

            // Subjects with Karim's device as D.
            let device = String(receipt.subject.split(separator: ":")[1])
            let status = Dictionary(uniqueKeysWithValues: try await session.timestampChecks(of: "s1").map {
                ($0.stored.statement.subject.replacingOccurrences(of: device, with: "D"), $0.status)
            })
            #expect(status == ["convocation:0": "timestamp.earlierRevision", "convocation:1": "verified", "received:D:0": "verified",
                               "read:D:0": "timestamp.noRecord", "received:D:1": "timestamp.statementMismatch"], "\(status)")
            let checks = try await session.timestampChecks(of: "s1")
            #expect(checks.filter { $0.verifiedTime != nil }.count == 2, "only the current convocation and the real receipt are verified")

            // `seances accuses` says the same: Karim's reading refused, the replay listed refused
            // (no row shows it), revision 0 valid but not comparable.
            let (listing, lines) = try await session.acknowledgementListing(of: "s1", in: .french)
            #expect(listing.objects.contains { $0["readTsaStatus"] == .string("timestamp.noRecord") }, "\(listing.objects)")
            let said = lines.map(\.french)
            #expect(said.contains { $0.contains("received:\(device):1 : refusé (timestamp.statementMismatch)") }, "\(said)")
            #expect(said.contains { $0.contains("révision 0, antérieure") && $0.contains("non comparable") }, "\(said)")
            #expect(said.contains { $0.contains("révision 1) horodatée") && $0.contains("jeton vérifié") }, "\(said)")

            // The proof: OpenSSL checks every token; the checker says OK only where the device verified.
            let proof = council.folder.url.appendingPathComponent("preuve.txt")
            try Data(try await session.proofFile(of: "s1").utf8).write(to: proof)
            let checked = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/bash"),
                                                   [ProjectTools.repository.appendingPathComponent("scripts/check-proof.sh").path, proof.path])
            let printed = checked.output.split(separator: "\n").map(String.init)
            #expect(checked.status == 1, "\(checked.output) \(checked.errors)")
            #expect(printed.filter { $0.hasPrefix("OK ") }.count == 2 && printed.contains { $0.hasPrefix("OK      convocation:1") }, "\(printed)")
            #expect(printed.filter { $0.hasPrefix("REFUSED") }.count == 2 && printed.contains { $0.contains("timestamp.noRecord") }, "\(printed)")
            #expect(printed.contains { $0.hasPrefix("EARLIER") && $0.contains("convocation:0") }, "\(printed)")
        }
    }

    /// A token the council's authority really signs over `text`, as anyone who may reach it gets.
    static func genuineToken(_ tsa: TSATestServer, over text: String) async throws -> [UInt8] {
        let request = TimestampRequest(imprint: SHA2.sha256(Array(text.utf8)), digest: .sha256, nonce: [1, 2, 3, 4, 5, 6, 7, 8])
        return try await TimestampClient(url: tsa.url).stamp(request).der
    }
}
