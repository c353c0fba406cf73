import Foundation
import HuisClosTestSupport
import Testing

/// The built `huisclos dossiers` commands against a real relay on loopback: a version added on one
/// device is listed as new, read and searched on another; binary content goes only where named.
@Suite(.tags(.cli, .slow)) struct DossierCommandTests {
    static func json(_ run: CommandRun) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(run.output.utf8))
    }

    @Test func aDossierAddedByTheSecretariatIsListedAsNewReadAndSearchedOnAMembersDeviceWhoseNotesStayPrivate() async throws {
        try await TestServer.with("cli-dossiers") { server in
            let folder = try TemporaryFolder("cli-dossiers")
            defer { folder.remove() }
            let charter = folder.url.appendingPathComponent("charte.txt")
            try Data("Charte".utf8).write(to: charter)
            let base = ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken, "HUISCLOS_PASSPHRASE": "correct horse", "LANG": "en"]
            var secretariat = base
            secretariat["HUISCLOS_DEVICE"] = folder.url.appendingPathComponent("secretariat").path
            var member = base
            member["HUISCLOS_DEVICE"] = folder.url.appendingPathComponent("member").path
            func object(_ run: CommandRun) throws -> [String: Any] { try #require(try Self.json(run) as? [String: Any], "\(run.output) \(run.errors)") }

            let setup = try await CommandRun.run("huisclos", ["admin", "setup", "--server", server.url, "--name", "Conseil",
                                                              "--order", "2026-1", "--charter", charter.path, "--json"], environment: secretariat)
            let root = try #require(try object(setup)["root"] as? String)
            let memberID = try #require(try object(try await CommandRun.run("huisclos", ["membres", "nommer", "--nom", "Alice Martin", "--categorie", "research", "--arrete", "2026-2", "--json"], environment: secretariat))["member"] as? String)
            let code = try #require(try object(try await CommandRun.run("huisclos", ["admin", "code", "--json"], environment: secretariat))["code"] as? String)
            let card = try object(try await CommandRun.run("huisclos", ["enrol", "--server", server.url, "--code", code, "--root", root,
                                                                        "--member", memberID, "--charter", charter.path, "--json"], environment: member))
            _ = try await CommandRun.run("huisclos", ["admin", "certify", "--member", memberID, "--signing", card["signingKey"] as! String,
                                                      "--agreement", card["agreementKey"] as! String, "--check", card["check"] as! String],
                                         environment: secretariat)
            _ = try await CommandRun.run("huisclos", ["sync"], environment: member)
            _ = try await CommandRun.run("huisclos", ["sync"], environment: secretariat)

            let note = folder.url.appendingPathComponent("budget.txt")
            try Data("Budget 2027 : mobilité douce et pistes cyclables".utf8).write(to: note)
            let add = try await CommandRun.run("huisclos", ["dossiers", "ajouter", "--id", "budget", "--titre", "Budget", note.path], environment: secretariat)
            #expect(add.status == 0, "\(add.output) \(add.errors)")
            let scan = folder.url.appendingPathComponent("annexe.pdf")
            let binary = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
            try binary.write(to: scan)
            let second = try await CommandRun.run("huisclos", ["dossiers", "ajouter", "--id", "budget", scan.path], environment: secretariat)
            #expect(second.status == 0 && second.output.contains("version 2"), "\(second.output) \(second.errors)")
            // The acceptance run: the same file added again made a version 3 without a word.
            let sameFile = try await CommandRun.run("huisclos", ["dossiers", "ajouter", "--id", "budget", scan.path, "--json"], environment: secretariat)
            let unchanged = try object(sameFile)
            #expect(sameFile.status == 0 && unchanged["unchanged"] as? Bool == true && unchanged["version"] as? Int == 2, "\(sameFile.output) \(sameFile.errors)")

            #expect(try await CommandRun.run("huisclos", ["sync"], environment: member).status == 0)
            let listed = try #require(try Self.json(try await CommandRun.run("huisclos", ["dossiers", "liste", "--json"], environment: member)) as? [[String: Any]])
            #expect(listed.map { $0["version"] as? Int } == [1, 2])
            #expect(listed.allSatisfy { $0["seen"] as? Bool == false && $0["title"] as? String == "Budget" })
            #expect(listed.allSatisfy { $0["offline"] as? Bool == true }, "sync brought both versions' content into the device")

            let text = try await CommandRun.run("huisclos", ["dossiers", "lire", "budget", "--version", "1"], environment: member)
            #expect(text.status == 0 && text.output.contains("pistes cyclables") && text.errors.isEmpty, "\(text.output) \(text.errors)")
            let copy = folder.url.appendingPathComponent("copie.pdf")
            let file = try await CommandRun.run("huisclos", ["dossiers", "lire", "budget", "--sortie", copy.path], environment: member)
            #expect(file.status == 0 && file.errors.contains("plaintext") && file.output.isEmpty, "\(file.errors)")
            #expect(try Data(contentsOf: copy) == binary)
            #expect((try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int) == 0o600)
            // --sortie is opened once, O_EXCL | O_NOFOLLOW: never over an existing file, never through a planted link.
            let again = try await CommandRun.run("huisclos", ["dossiers", "lire", "budget", "--sortie", copy.path], environment: member)
            #expect(again.status == 74 && again.errors.contains("exists"), "\(again.errors)")
            let elsewhere = folder.url.appendingPathComponent("ailleurs.pdf")
            let link = folder.url.appendingPathComponent("lien.pdf")
            try FileManager.default.createSymbolicLink(at: link, withDestinationURL: elsewhere)
            let throughLink = try await CommandRun.run("huisclos", ["dossiers", "lire", "budget", "--sortie", link.path], environment: member)
            #expect(throughLink.status == 74 && !FileManager.default.fileExists(atPath: elsewhere.path), "\(throughLink.errors)")

            let after = try #require(try Self.json(try await CommandRun.run("huisclos", ["dossiers", "liste", "--json"], environment: member)) as? [[String: Any]])
            #expect(after.allSatisfy { $0["seen"] as? Bool == true })
            let found = try #require(try Self.json(try await CommandRun.run("huisclos", ["dossiers", "chercher", "cyclables", "--json"], environment: member)) as? [[String: Any]])
            #expect(found.map { $0["dossier"] as? String } == ["budget"])
            let missing = try await CommandRun.run("huisclos", ["dossiers", "lire", "absent"], environment: member)
            #expect(missing.status == 64 && missing.errors.contains("no dossier"))

            // A private note stays with its member: listed on their device, marked as made on an earlier version,
            // and absent from the secretariat's even after both sync.
            let added = try await CommandRun.run("huisclos", ["notes", "ajouter", "budget", "--version", "1", "--ou", "p. 1", "Chiffre à vérifier"], environment: member)
            #expect(added.status == 0, "\(added.errors)")
            let notes = try #require(try Self.json(try await CommandRun.run("huisclos", ["notes", "liste", "budget", "--json"], environment: member)) as? [[String: Any]])
            #expect(notes.count == 1 && notes.first?["earlierVersion"] as? Bool == true && notes.first?["text"] as? String == "Chiffre à vérifier")
            #expect(try await CommandRun.run("huisclos", ["sync"], environment: member).status == 0)
            #expect(try await CommandRun.run("huisclos", ["sync"], environment: secretariat).status == 0)
            let seen = try #require(try Self.json(try await CommandRun.run("huisclos", ["notes", "liste", "budget", "--json"], environment: secretariat)) as? [[String: Any]])
            #expect(seen.isEmpty)

            // Avis draft: created and written paragraph by paragraph, shown back.
            #expect(try await CommandRun.run("huisclos", ["avis", "creer", "avis-1", "--titre", "Avis budget"], environment: member).status == 0)
            #expect(try await CommandRun.run("huisclos", ["avis", "ecrire", "avis-1", "--paragraphe", "p1", "Le conseil recommande"], environment: member).status == 0)
            let shown = try #require(try Self.json(try await CommandRun.run("huisclos", ["avis", "voir", "avis-1", "--json"], environment: member)) as? [String: Any])
            #expect(shown["paragraphs"] as? [[String]] == [["Le conseil recommande"]] && (shown["conflicts"] as? [String])?.isEmpty == true)
        }
    }
}

/// The built commands across a cut connection and new processes: an interrupted `dossiers ajouter`
/// is finished by the next `huisclos sync`, which sends only the chunks the relay lacks; the
/// version then reads and is found with the relay stopped.
@Suite(.tags(.cli, .slow)) struct DossierResumeCommandTests {
    @Test func anUploadCutInOneProcessIsResumedByTheNextSyncAndReadsOfflineAfterwards() async throws {
        let data = try TemporaryFolder("cli-resume-relay")
        defer { data.remove() }
        let server = try await TestServer.start(folder: data.url)
        let proxy = try await CutProxy(targetPort: server.port, cutAfterBytes: 1_600_000)
        defer { proxy.stop() }
        let folder = try TemporaryFolder("cli-resume")
        defer { folder.remove() }
        let charter = folder.url.appendingPathComponent("charte.txt")
        try Data("Charte".utf8).write(to: charter)
        let environment = ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken, "HUISCLOS_PASSPHRASE": "correct horse", "LANG": "en",
                           "HUISCLOS_DEVICE": folder.url.appendingPathComponent("secretariat").path]
        let setup = try await CommandRun.run("huisclos", ["admin", "setup", "--server", "http://127.0.0.1:\(proxy.port)", "--name", "Conseil",
                                                          "--order", "2026-1", "--charter", charter.path], environment: environment)
        #expect(setup.status == 0, "\(setup.errors)")
        let report = folder.url.appendingPathComponent("rapport.txt")
        let marker = "REPRISE\(UInt32.random(in: 100_000...999_999))"
        try Data(("Rapport \(marker) ; " + String(repeating: "page suivante du rapport. ", count: 110_000)).utf8).write(to: report)  // 2.8 MiB

        let cut = try await CommandRun.run("huisclos", ["dossiers", "ajouter", "--id", "rapport", report.path], environment: environment)
        #expect(cut.status == 69 && cut.errors.contains("resumes at the next 'huisclos sync'"), "\(cut.status) \(cut.errors)")
        proxy.disarm()
        let sync = try await CommandRun.run("huisclos", ["sync", "--json"], environment: environment)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(sync.output.utf8)) as? [String: Any], "\(sync.output) \(sync.errors)")
        #expect(summary["uploadsResumed"] as? Int == 1)
        #expect(summary["chunksResent"] as? Int == 2, "the chunk stored before the cut is not sent again")
        #expect(summary["pushed"] as? Int == 1)

        await server.stop()
        let read = try await CommandRun.run("huisclos", ["dossiers", "lire", "rapport"], environment: environment)
        #expect(read.status == 0 && read.output.hasPrefix("Rapport \(marker)"), "\(read.errors)")
        let found = try await CommandRun.run("huisclos", ["dossiers", "chercher", marker, "--json"], environment: environment)
        #expect(found.status == 0 && found.output.contains("\"rapport\""), "\(found.output) \(found.errors)")
    }
}
