import Foundation
import HuisClosMail
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
                // The acceptance run: the French table named the settings in English.
                let table = try await council.ok("secretariat", ["courriel", "voir"], english: false)
                #expect(table.contains("mot de passe") && table.split(separator: "\n").contains { $0.hasPrefix("invitation jointe") && $0.hasSuffix(" non") } && !table.contains("password"), "\(table)")

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
                // The acceptance run: the notice sent members to `seances liste`, which records no reading.
                #expect(notice.text.contains("huisclos seances voir") && notice.text.contains("accusez la lecture"), "\(notice.text)")
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

    /// What a new secretariat found in notices (issue 17 review, A3–A5, A7): the first notice a
    /// member gets is the convocation; a cancellation goes only to members who were told; receipts
    /// and sent notices are shown per version; a wrong password is tried once; `courriel tester`.
    @Test func noticesFollowWhatMembersWereToldAndAWrongPasswordIsTriedOnce() async throws {
        try await CouncilCLI.with("cli-notice-versions") { council in
            try await council.setUp()
            let alice = try await council.appoint("Alice Martin", category: "research", gender: "female", order: "AR-1", date: Days.iso(-30))
            let bruno = try await council.appoint("Bruno Petit", category: "economic", gender: "male", order: "AR-2", date: Days.iso(-30))
            try await council.enrol([("alice", alice)])
            try await council.distributeKeys(to: ["alice"])
            let smtp = try await SMTPTestServer.start(in: council.folder.url)
            do {
                try await council.ok("secretariat", ["membres", "courriel", alice, "alice@example.org"])
                try await council.ok("secretariat", ["membres", "courriel", bruno, "bruno@example.org"])
                #expect(try await configure(council, smtp).status == 0)
                // `courriel tester`: connects, STARTTLS, logs in, sends nothing; with --a, one test message.
                let tested = try await council.run("secretariat", ["courriel", "tester"])
                #expect(tested.status == 0 && tested.output.contains("identifiant et mot de passe acceptés"), "\(tested.output) \(tested.errors)")
                #expect(try smtp.received().isEmpty && (try smtp.logins()) == ["ok"])
                try await council.ok("secretariat", ["courriel", "tester", "--a", "secretariat@example.org"])
                #expect(try smtp.received().count == 1 && (try smtp.received()[0].message.contains("secretariat@example.org")))

                // A4: changed before any notice, the first notice is still "Convocation".
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", "Bobigny"])
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "15h", "--lieu", "Bobigny"])
                try await council.ok("secretariat", ["seances", "notifier", "s1"])
                var received = try smtp.received()
                #expect(received.count == 3)
                #expect(try await read(received[1].message, in: council).subject.hasPrefix("Convocation — HuisClos"), "\(received[1].message)")
                // A3: convened again unchanged, nothing new to send.
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "15h", "--lieu", "Bobigny"])
                let unchanged = try await council.run("secretariat", ["seances", "notifier", "s1", "--json"])
                #expect(try statuses(unchanged.output) == ["Alice Martin": "alreadySent", "Bruno Petit": "alreadySent"], "\(unchanged.output)")
                #expect(try smtp.received().count == 3)

                // A5: Alice receives version 1; the time changes; she receives version 2; both receipts show, with the notices' times.
                try await council.sync("secretariat", "alice")
                try await council.ok("alice", ["seances", "liste"])
                // B13: the accented answer, as French writes it.
                try await council.ok("alice", ["presence", "repondre", "s1", "--reponse", "excusé"])
                try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "16h", "--lieu", "Bobigny"])
                try await council.ok("secretariat", ["seances", "notifier", "s1"])
                received = try smtp.received()
                #expect(try await read(received[3].message, in: council).subject.hasPrefix("Convocation modifiée"), "\(received[3].message)")
                try await council.sync("secretariat", "alice")
                try await council.ok("alice", ["seances", "voir", "s1"])
                try await council.sync("alice", "secretariat")
                let receipts = try await council.rows("secretariat", ["seances", "accuses", "s1", "--json"])
                let alices = receipts.filter { $0["name"] as? String == "Alice Martin" }
                #expect(Set(alices.compactMap { $0["revision"] as? Int }) == [1, 2], "\(receipts)")
                #expect(alices.allSatisfy { $0["received"] is String && $0["noticeSent"] is String }, "\(receipts)")
                #expect(alices.first { $0["revision"] as? Int == 2 }?["read"] is String, "\(receipts)")
                let shown = try await council.ok("secretariat", ["seances", "accuses", "s1"])
                #expect(shown.contains("envoyée le"), "\(shown)")

                // A4: a séance cancelled before any notice: nothing to send, and said.
                try await council.ok("secretariat", ["seances", "convoquer", "s2", "--date", Days.iso(25), "--lieu", "Bobigny"])
                try await council.ok("secretariat", ["seances", "annuler", "s2"])
                let nothing = try await council.run("secretariat", ["seances", "notifier", "s2"])
                #expect(nothing.status == 0 && (nothing.output + nothing.errors).contains("rien à envoyer"), "\(nothing.output) \(nothing.errors)")
                #expect(try smtp.received().count == 5)

                // A7: a wrong password is tried once, not once per member, and said once.
                #expect(try await configure(council, smtp, password: "faux").status == 0)
                try await council.ok("secretariat", ["seances", "convoquer", "s3", "--date", Days.iso(30), "--lieu", "Bobigny"])
                let refused = try await council.run("secretariat", ["seances", "notifier", "s3"])
                #expect(refused.status == 69, "\(refused.output) \(refused.errors)")
                let logins = try smtp.logins()
                #expect(logins.filter { $0 == "refused" }.count == 1, "\(logins)")
                #expect((refused.output + refused.errors).components(separatedBy: "mot de passe").count == 2, "\(refused.output) \(refused.errors)")
                let wrongTest = try await council.run("secretariat", ["courriel", "tester"])
                #expect(wrongTest.status == 69 && wrongTest.errors.contains("mot de passe"), "\(wrongTest.errors)")
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

/// The attacker's review of this stop: a place or a name with a control or a bidirectional override
/// reached the member's mail reader as written.
@Suite struct MailMessageTextTests {
    @Test func hiddenCharactersInASubjectOrBodyAreShownAsReplacementCharacters() throws {
        let address = try #require(MailAddress("alice@example.org"))
        let message = MailMessage(from: address, fromName: "Conseil", to: address, subject: "Séance à \u{202e}nitnaP",
                                  body: "Lieu : Salle\u{1b}[2J\nFin", messageID: "m@example.org", dateUnixSeconds: 0)
        let lines = message.rendered.components(separatedBy: "\r\n")
        let subject = try #require(lines.first { $0.hasPrefix("Subject: =?UTF-8?B?") })
        let decodedSubject = String(decoding: try #require(Data(base64Encoded: String(subject.dropFirst(19).dropLast(2)))), as: UTF8.self)
        #expect(decodedSubject == "Séance à \u{FFFD}nitnaP", "\(decodedSubject)")
        let blank = try #require(lines.firstIndex(of: ""))
        let body = String(decoding: try #require(Data(base64Encoded: lines[(blank + 1)...].prefix { !$0.isEmpty }.joined())), as: UTF8.self)
        #expect(body == "Lieu : Salle\u{FFFD}[2J\nFin", "\(body)")
    }
}
