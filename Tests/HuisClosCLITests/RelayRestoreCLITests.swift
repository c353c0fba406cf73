import Foundation
import HuisClosTestSupport
import Testing

/// Issue 15 item 1 through the built executables: the relay's data folder is copied, three devices
/// write and the relay acknowledges it, the copy is put back (a restore from an older backup), more
/// is written, and syncing every device brings every acknowledged write back on every replica —
/// with the repair said in words.
@Suite(.tags(.slow)) struct RelayRestoreCLITests {
    @Test func aRelayRestoredFromAnOlderCopyLosesNoAcknowledgedWrite() async throws {
        try await CouncilCLI.with("cli-relay-restore") { council in
            try await council.setUp()
            let order = Days.iso(-100)
            let helene = try await council.appoint("Hélène Roux", role: "president", category: "publicPartners", order: "AR-1", date: order)
            let karim = try await council.appoint("Karim Haddad", category: "economic", order: "AR-2", date: order)
            try await council.enrol([("helene", helene), ("karim", karim)])
            try await council.distributeKeys(to: ["helene", "karim"])
            try await council.ok("helene", ["seances", "convoquer", "s1", "--date", Days.iso(-10), "--lieu", "Bobigny"])
            try await council.propagate(from: ["helene"], to: ["secretariat", "karim"])

            let relay = council.folder.url.appendingPathComponent("relay")
            let copy = council.folder.url.appendingPathComponent("relay-copy")
            await council.stopServer()
            try FileManager.default.copyItem(at: relay, to: copy)
            try await council.restartServer()

            // Writes from three devices, each acknowledged by the relay and pulled by the others.
            try await council.ok("helene", ["ordre-du-jour", "ajouter", "s1", "budget", "--titre", "Budget 2027"])
            try await council.ok("secretariat", ["ordre-du-jour", "ajouter", "s1", "divers", "--titre", "Questions diverses"])
            try await council.ok("karim", ["presence", "repondre", "s1", "--reponse", "viendra"])
            try await council.propagate(from: ["helene", "secretariat", "karim"], to: ["helene", "secretariat", "karim"])

            // The relay is restored from the older copy, then written to again.
            await council.stopServer()
            try FileManager.default.removeItem(at: relay)
            try FileManager.default.copyItem(at: copy, to: relay)
            try await council.restartServer()
            try await council.ok("helene", ["ordre-du-jour", "ajouter", "s1", "fibre", "--titre", "Fibre dans les collèges"])

            let first = try await council.run("helene", ["sync"])
            #expect(first.status == 0 && first.output.contains("Le serveur avait perdu des lots de « council »"), "\(first.output) \(first.errors)")
            try await council.sync(["karim", "secretariat"])
            try await council.sync(["helene", "secretariat", "karim"])

            // The state digests `huisclos status --json` shows per scope agree: the replicas are equal
            // (before reading: `seances voir` records an acknowledgement of its own on each device).
            var digests: [String] = []
            for who in ["helene", "secretariat", "karim"] {
                digests.append(try #require((try await council.object(who, ["status"])["digests"] as? [String: String])?["council"]))
            }
            #expect(Set(digests).count == 1 && digests[0].count == 64, "\(digests)")
            for who in ["helene", "secretariat", "karim"] {
                let items = try await council.rows(who, ["seances", "voir", "s1"]).compactMap { $0["item"] as? String }
                #expect(Set(items) == ["budget", "divers", "fibre"], "\(who): \(items)")
            }
            let answers = try await council.rows("secretariat", ["presence", "liste", "s1"])
            #expect(answers.first { $0["member"] as? String == karim }?["response"] as? String == "willAttend", "\(answers)")

            // A device enrolled after the restore gets everything from the relay alone.
            let omar = try await council.appoint("Omar Diallo", category: "research", order: "AR-3", date: order)
            try await council.enrol([("omar", omar)])
            try await council.distributeKeys(to: ["omar"])
            let items = try await council.rows("omar", ["seances", "voir", "s1"]).compactMap { $0["item"] as? String }
            #expect(Set(items) == ["budget", "divers", "fibre"], "the relay holds every acknowledged write again: \(items)")
        }
    }

    /// A restore through `huisclos-server restore` gives the relay a new incarnation: the next
    /// `huisclos sync` of each device says the server was restored and what it gave back, even
    /// when the restore lost nothing its cursors would show.
    @Test func aSyncAfterHuisclosServerRestoreSaysTheServerWasRestored() async throws {
        try await CouncilCLI.with("cli-relay-incarnation") { council in
            try await council.setUp()
            let karim = try await council.appoint("Karim Haddad", category: "economic", order: "AI-1", date: Days.iso(-100))
            try await council.enrol([("karim", karim)])
            try await council.distributeKeys(to: ["karim"])
            let relay = council.folder.url.appendingPathComponent("relay")
            let backup = council.folder.url.appendingPathComponent("relay-backup.sqlite")
            let taken = try await CommandRun.run("huisclos-server", ["backup", "--data", relay.path, "--to", backup.path])
            #expect(taken.status == 0, "\(taken.errors)")
            await council.stopServer()
            let restored = try await CommandRun.run("huisclos-server", ["restore", "--data", relay.path, "--from", backup.path])
            #expect(restored.status == 0, "\(restored.errors)")
            try await council.restartServer()

            let sync = try await council.run("karim", ["sync"])
            #expect(sync.status == 0 && sync.output.contains("Le serveur a été restauré depuis une sauvegarde"), "\(sync.output) \(sync.errors)")
            let again = try await council.run("karim", ["sync"])
            #expect(again.status == 0 && !again.output.contains("restauré"), "said once per restore: \(again.output)")
        }
    }
}
