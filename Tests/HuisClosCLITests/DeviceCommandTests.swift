import Foundation
import HuisClosTestSupport
import Testing

/// `huisclos appareils`: a member sees every device of theirs with its fingerprint, is told at sync
/// when one awaits approval, and approves it from a device already approved.
@Suite(.tags(.cli, .slow)) struct DeviceCommandTests {
    @Test func aSecondDeviceIsPendingUntilApprovedFromTheFirstByItsFingerprint() async throws {
        try await CouncilCLI.with("cli-appareils", english: true) { council in
            try await council.start(people: ["alice": "member"])
            let alice = try #require(council.ids["alice"])
            let code = try #require((try await council.json("secretariat", ["admin", "code"]) as? [String: String])?["code"])
            try await council.enrol("tablette", member: alice, code: code)
            try await council.sync("tablette")
            let status = try await council.run("tablette", ["status"])
            #expect(status.output.contains("Pending — approval by one of your devices"), "\(status.output)")

            let sync = try await council.run("alice", ["sync"])
            let listing = try #require(try await council.json("alice", ["appareils", "liste"]) as? [[String: Any]])
            #expect(listing.count == 2)
            let pending = try #require(listing.first { $0["approval"] as? String == "pending" })
            let fingerprint = try #require(pending["fingerprint"] as? String)
            #expect(pending["thisDevice"] as? Bool == false)
            #expect(sync.output.contains("A new device was added to your account, fingerprint \(fingerprint)"), "\(sync.output)")
            #expect(try await council.run("alice", ["appareils", "approuver", "0000-0000"]).status == 64)
            // The acceptance run: a well-formed fingerprint of no waiting device exited 77, « not allowed ».
            let other = try await council.run("alice", ["appareils", "approuver", "0000-1111-2222-3333-4444"])
            #expect(other.status == 64 && other.errors.contains("Error (device.noDeviceAwaiting)")
                    && other.errors.contains("no device of this member awaits approval with fingerprint 0000-1111-2222-3333-4444"),
                    "\(other.status) \(other.errors)")

            let approve = try await council.run("alice", ["appareils", "approuver", fingerprint])
            #expect(approve.status == 0, "\(approve.errors)")
            try await council.sync("alice", "tablette")
            let after = try #require(try await council.json("tablette", ["appareils", "liste"]) as? [[String: Any]])
            #expect(after.allSatisfy { $0["approval"] as? String == "approved" })
            let report = try #require(try await council.json("tablette", ["status"]) as? [String: Any])
            #expect(report["approved"] as? Bool == true)
            #expect((report["readable"] as? [String])?.contains("council") == true)

            // A person reads dates in the council's time and French form; JSON keeps ISO 8601.
            let iso = #/\d{4}-\d{2}-\d{2}|\(UTC\)/#
            let french = #/\d{2}/\d{2}/\d{4}/#
            let table = try await council.run("alice", ["appareils", "liste"], english: false)
            #expect(table.output.contains(french) && !table.output.contains(iso), "\(table.output)")
            #expect((after.first?["certifiedOn"] as? String)?.contains(#/^\d{4}-\d{2}-\d{2}$/#) == true, "\(after)")
            let frenchStatus = try await council.run("alice", ["status"], english: false)
            #expect(frenchStatus.output.contains("Dernière synchronisation : ") && frenchStatus.output.contains(french)
                        && !frenchStatus.output.contains(iso), "\(frenchStatus.output)")
            let enrolment = try await council.run("secretariat", ["admin", "code"], english: false)
            #expect(enrolment.output.contains("valable jusqu'au ") && enrolment.output.contains(french)
                        && !enrolment.output.contains(iso), "\(enrolment.output)")
        }
    }
}
