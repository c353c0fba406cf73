import Foundation
import HuisClosTestSupport
import Testing

/// Issue 17, item 2: convocation notices e-mailed from the secretariat's device to a real SMTP
/// server on loopback (aiosmtpd, STARTTLS and AUTH required), content-free, the invitation attached
/// only when the council allows it, failures reported and retried without duplicates.
@Suite struct ConvocationNoticeCLITests {
    @Test func noticesLeaveOnceEachCarryNothingConfidentialAndFailuresAreRetried() async throws {
        try await CouncilCLI.with("cli-notices") { council in
            try await council.setUp()
            let alice = try await council.appoint("Alice Martin", category: "research", gender: "female", order: "AR-1", date: Days.iso(-30))
            let bruno = try await council.appoint("Bruno Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            _ = try await council.appoint("Chloé Durand", category: "education", gender: "female", order: "AR-3", date: Days.iso(-30))
            let smtp = try await SMTPTestServer.start(in: council.folder.url)
            do {
                try await council.ok("secretariat", ["membres", "courriel", alice, "alice@example.org"])
                try await council.ok("secretariat", ["membres", "courriel", bruno, "refuse-bruno@example.org"])
                let malformed = try await council.run("secretariat", ["membres", "courriel", bruno, "bruno at example"])
                #expect(malformed.status == 65 && malformed.errors.contains("n'est pas une adresse"), "\(malformed.errors)")

                // Before any mail server: said, exit 64.
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", "Salle secrète 42"])
                let unconfigured = try await council.run("secretariat", ["seances", "notifier", "s1"])
                #expect(unconfigured.status == 64 && unconfigured.errors.contains("huisclos courriel configurer"), "\(unconfigured.errors)")
                let plaintext = try await configure(council, smtp, extra: ["--securite", "aucune", "--serveur", "smtp.example.org"])
                #expect(plaintext.status == 64 && plaintext.errors.contains("127.0.0.1"), "\(plaintext.errors)")
                #expect(try await configure(council, smtp).status == 0)
                let shown = try await council.rows("secretariat", ["courriel", "voir"])
                #expect(shown.first { $0["setting"] as? String == "password" }?["value"] as? String == "********", "\(shown)")

                // Alice's notice leaves; Bruno's is refused by the server; Chloé has no address.
                let first = try await council.run("secretariat", ["seances", "notifier", "s1", "--json"])
                #expect(first.status == 69 && first.errors.contains("relancez"), "\(first.output) \(first.errors)")
                let firstStatuses = try statuses(first.output)
                #expect(firstStatuses == ["Alice Martin": "sent", "Bruno Petit": "failed", "Chloé Durand": "noAddress"], "\(first.output)")
                var received = try smtp.received()
                #expect(received.count == 1)
                let notice = try await read(received[0].message, in: council)
                #expect(received[0].envelope["tls"] as? Bool == true && received[0].envelope["authenticated"] as? Bool == true, "\(received[0].envelope)")
                #expect(notice.to.contains("alice@example.org") && notice.subject.hasPrefix("Convocation — HuisClos"), "\(notice)")
                #expect(notice.text.contains("vous attend dans HuisClos") && notice.text.contains("awaits you in HuisClos"), "\(notice.text)")
                #expect(!received[0].message.contains("Salle") && !notice.text.contains("Salle") && notice.attachments.isEmpty, "a content-free notice")

                // Bruno's address corrected: only his notice leaves; Alice's is not sent twice.
                try await council.ok("secretariat", ["membres", "courriel", bruno, "bruno@example.org"])
                let retry = try await council.run("secretariat", ["seances", "notifier", "s1", "--json"])
                let retryStatuses = try statuses(retry.output)
                #expect(retry.status == 0 && retryStatuses == ["Alice Martin": "alreadySent", "Bruno Petit": "sent", "Chloé Durand": "noAddress"],
                        "\(retry.output) \(retry.errors)")
                received = try smtp.received()
                #expect(received.count == 2 && received[1].message.contains("bruno@example.org"))

                // The council attaches invitations; the place changes: each member gets the changed convocation with its .ics.
                try await council.ok("secretariat", ["courriel", "invitation", "oui"])
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", "Pantin"])
                let changed = try await council.run("secretariat", ["seances", "notifier", "s1", "--json"])
                let changedStatuses = try statuses(changed.output)
                #expect(changed.status == 0 && changedStatuses["Alice Martin"] == "sent", "\(changed.output) \(changed.errors)")
                received = try smtp.received()
                #expect(received.count == 4)
                let update = try await read(received[2].message, in: council)
                #expect(update.subject.hasPrefix("Convocation modifiée"), "\(update.subject)")
                #expect(update.attachments.count == 1 && update.attachments[0].contains("SEQUENCE:1") && update.attachments[0].contains("LOCATION:Pantin"),
                        "\(update.attachments)")

                // A wrong password: refused by the server, named, nothing recorded as sent.
                #expect(try await configure(council, smtp, password: "faux").status == 0)
                try await council.ok("secretariat", ["seances", "convoquer", "s2", "--date", Days.iso(30), "--lieu", "Bobigny"])
                let refused = try await council.run("secretariat", ["seances", "notifier", "s2", "--json"])
                let refusedStatuses = try statuses(refused.output)
                #expect(refused.status == 69 && refusedStatuses["Alice Martin"] == "failed", "\(refused.output)")
                #expect(refused.output.contains("mot de passe"), "\(refused.output)")
                #expect(try smtp.received().count == 4)
            } catch {
                await smtp.stop()
                throw error
            }
            await smtp.stop()
        }
    }

    /// `courriel configurer` against `smtp`, the password in the environment as a script gives it.
    func configure(_ council: CouncilCLI, _ smtp: SMTPTestServer, password: String = SMTPTestServer.password,
                   extra: [String] = []) async throws -> CommandRun {
        var arguments = ["courriel", "configurer", "--serveur", "localhost", "--port", String(smtp.port), "--utilisateur", SMTPTestServer.user,
                         "--expediteur", "conseil-numerique@example.org", "--autorite", smtp.certificate.path]
        arguments += extra
        return try await CommandRun.run("huisclos", arguments + ["--device", council.device("secretariat")], environment: [
            "HUISCLOS_PASSPHRASE": CouncilCLI.passphrase, "HUISCLOS_SMTP_PASSWORD": password, "LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "",
        ])
    }

    /// Member name → notice status, from `seances notifier --json`.
    func statuses(_ output: String) throws -> [String: String] {
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]], "\(output)")
        return Dictionary(uniqueKeysWithValues: rows.compactMap { row in
            (row["member"] as? String).map { ($0, row["status"] as? String ?? "") }
        })
    }

    /// A received message as Python's `email` package reads it (headers decoded, parts decoded).
    struct Read: Decodable, CustomStringConvertible {
        let to: String
        let subject: String
        let text: String
        let attachments: [String]
        var description: String { "to \(to) «\(subject)» \(attachments.count) attachment(s)" }
    }

    func read(_ message: String, in council: CouncilCLI) async throws -> Read {
        let file = council.folder.url.appendingPathComponent("message-\(UUID().uuidString).eml")
        try Data(message.utf8).write(to: file)
        let script = """
            import email, email.header, email.policy, json, sys
            m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=email.policy.default)
            text = m.get_body(preferencelist=("plain",)).get_content()
            attachments = [p.get_content() if isinstance(p.get_content(), str) else p.get_content().decode() for p in m.iter_attachments()]
            print(json.dumps({"to": str(m["To"]), "subject": str(m["Subject"]), "text": text, "attachments": attachments}))
            """
        let run = try await ProjectTools.run("python", ["-c", script, file.path])
        #expect(run.status == 0, "\(run.errors)")
        return try JSONDecoder().decode(Read.self, from: Data(run.output.utf8))
    }
}
