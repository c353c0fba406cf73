import Foundation
import HuisClosTestSupport
import Testing

/// Issue 17, item 3, through the real `huisclos` and `huisclos-server`: the TSA configured once,
/// the convocation and its acknowledgements time-stamped by a real `openssl ts` authority on
/// loopback, the TSA time shown by `seances accuses` on every device, and a proof file a third
/// party checks with OpenSSL alone.
@Suite(.tags(.cli, .slow)) struct TimestampCLITests {
    @Test func convocationAndAcknowledgementsAreTimeStampedVerifiedAndExported() async throws {
        try await CouncilCLI.with("cli-tsa") { council in
            try await council.start(people: ["karim": "member"])
            let tsa = try await TSATestServer.start(in: council.folder.url.appendingPathComponent("tsa"))
            let stranger = try await TSATestServer.start(in: council.folder.url.appendingPathComponent("stranger"), name: "Another CA")
            do {
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", "Bobigny"])
                let unconfigured = try await council.run("secretariat", ["seances", "horodater", "s1"])
                #expect(unconfigured.status == 64 && unconfigured.errors.contains("huisclos horodatage configurer"), "\(unconfigured.errors)")
                // The acceptance run: `horodatage voir` before any authority was an error (64), not a state.
                let none = try await council.run("secretariat", ["horodatage", "voir"], english: false)
                #expect(none.status == 0 && none.output.contains("Aucune autorité d'horodatage") && none.output.contains("huisclos horodatage configurer"),
                        "\(none.status) \(none.output) \(none.errors)")
                let notPEM = try await council.run("secretariat", ["horodatage", "configurer", "--url", tsa.url, "--racine", council.charter.path])
                #expect(notPEM.status == 64 && notPEM.errors.contains("timestamp.badRoot"), "\(notPEM.errors)")
                let byMember = try await council.run("karim", ["horodatage", "configurer", "--url", tsa.url, "--racine", tsa.rootFile.path])
                #expect(byMember.status == 77 && byMember.errors.contains("appareil du secrétariat"), "\(byMember.errors)")
                try await council.ok("secretariat", ["horodatage", "configurer", "--url", tsa.url, "--racine", tsa.rootFile.path])
                let shown = try await council.ok("secretariat", ["horodatage", "voir"], english: false)
                #expect(shown.contains("Autorité : \(tsa.url)"), "\(shown)")

                // Karim reads the convocation; the secretariat time-stamps it and both acknowledgements.
                try await council.propagate(from: ["secretariat"], to: ["karim"])
                _ = try await council.ok("karim", ["seances", "voir", "s1"])
                try await council.propagate(from: ["karim"], to: ["secretariat"])
                let memberStamps = try await council.run("karim", ["seances", "horodater", "s1"])
                #expect(memberStamps.status == 77 && memberStamps.errors.contains("appareil du secrétariat"), "\(memberStamps.errors)")
                // Refused before the authority was asked: `openssl ts` has issued no serial number yet.
                let serial = try String(contentsOf: tsa.folder.appendingPathComponent("serial"), encoding: .utf8)
                #expect(serial.trimmingCharacters(in: .whitespacesAndNewlines) == "01", "\(serial)")
                let stamped = try await council.ok("secretariat", ["seances", "horodater", "s1"])
                #expect(stamped.contains("3 horodatage(s) obtenu(s)"), "\(stamped)")
                try await council.propagate(from: ["secretariat"], to: ["karim"])
                for who in ["secretariat", "karim"] {
                    let rows = try await council.rows(who, ["seances", "accuses", "s1"])
                    let karimRow = try #require(rows.first { $0["name"] as? String == "Karim" }, "\(rows)")
                    #expect(karimRow["receivedTsaStatus"] as? String == "verified" && karimRow["readTsaStatus"] as? String == "verified", "\(who): \(rows)")
                    #expect((karimRow["readTsa"] as? String)?.hasPrefix(Days.iso(0)) == true, "\(karimRow)")
                    #expect(rows.contains { $0["subject"] as? String == "convocation" && $0["tsaStatus"] as? String == "verified" }, "\(rows)")
                }
                let table = try await council.ok("karim", ["seances", "accuses", "s1"])
                #expect(table.contains("Lue (TSA)") && table.contains("Convocation (révision 0) horodatée") && table.contains("jeton vérifié"), "\(table)")

                // The place changes: only the new revision is stamped; the proof holds four pairs OpenSSL checks,
                // three verified against the records and revision 0, which the records no longer hold, EARLIER.
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", "Pantin"])
                let again = try await council.ok("secretariat", ["seances", "horodater", "s1"])
                #expect(again.contains("1 horodatage(s) obtenu(s) et vérifié(s), 2 déjà présent(s)"), "\(again)")
                let proof = council.folder.url.appendingPathComponent("preuve-s1.txt")
                try await council.ok("secretariat", ["seances", "preuve", "s1", "--sortie", proof.path])
                let checked = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/bash"), [ProjectTools.repository.appendingPathComponent("scripts/check-proof.sh").path, proof.path])
                #expect(checked.status == 0 && checked.output.components(separatedBy: "OK ").count == 4
                        && checked.output.contains("EARLIER convocation:0"), "\(checked.output) \(checked.errors)")
                // The same file with one statement changed: OpenSSL refuses that pair.
                // One base64 character of the statements' first line changed (every statement starts the same way).
                var text = try String(contentsOf: proof, encoding: .utf8)
                let blocks = text.components(separatedBy: "-----BEGIN HUISCLOS STATEMENT-----\n")
                let firstLine = String(try #require(blocks.dropFirst().first?.split(separator: "\n").first))
                var altered = Array(firstLine)
                altered[20] = altered[20] == "A" ? "B" : "A"
                text = text.replacingOccurrences(of: firstLine, with: String(altered))
                let forgedProof = council.folder.url.appendingPathComponent("preuve-alteree.txt")
                try Data(text.utf8).write(to: forgedProof)
                let refused = try await CommandRun.run(executable: URL(fileURLWithPath: "/bin/bash"), [ProjectTools.repository.appendingPathComponent("scripts/check-proof.sh").path, forgedProof.path])
                #expect(refused.status == 1 && refused.output.contains("REFUSED"), "\(refused.output)")

                // The council's root replaced by another authority's: every token kept is refused.
                try await council.ok("secretariat", ["horodatage", "configurer", "--url", stranger.url, "--racine", stranger.rootFile.path])
                let untrusted = try await council.rows("secretariat", ["seances", "accuses", "s1"])
                #expect(untrusted.first { $0["name"] as? String == "Karim" }?["readTsaStatus"] as? String == "timestamp.untrustedAuthority", "\(untrusted)")
            } catch {
                await tsa.stop()
                await stranger.stop()
                throw error
            }
            await tsa.stop()
            await stranger.stop()
        }
    }
}
