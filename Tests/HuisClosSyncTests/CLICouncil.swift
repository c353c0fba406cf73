import Foundation
import HuisClosTestSupport
import Testing

/// A council set up through the real `huisclos` executable against a test relay: the secretariat,
/// then each person appointed with `membres nommer`, their device enrolled with a one-time code,
/// certified, and synced (undertaking signed, keys received). Each person's device is a folder.
struct CLICouncil {
    let server: TestServer
    let folder: TemporaryFolder
    let charter: URL
    let root: String
    /// Member ids (hex) by person.
    private(set) var ids: [String: String] = [:]

    /// The environment of `who`'s device (English messages, passphrase and admin token set).
    func environment(_ who: String) -> [String: String] {
        ["HUISCLOS_ADMIN_TOKEN": TestServer.adminToken, "HUISCLOS_PASSPHRASE": "correct horse", "LANG": "en",
         "HUISCLOS_DEVICE": folder.url.appendingPathComponent(who).path]
    }

    /// Runs `huisclos arguments…` on `who`'s device.
    func run(_ who: String, _ arguments: [String]) async throws -> CommandRun {
        try await CommandRun.run("huisclos", arguments, environment: environment(who))
    }

    /// Runs a command expected to succeed and returns its standard output as JSON.
    func json(_ who: String, _ arguments: [String]) async throws -> Any {
        let run = try await run(who, arguments + ["--json"])
        try #require(run.status == 0, "\(arguments): \(run.output) \(run.errors)")
        return try JSONSerialization.jsonObject(with: Data(run.output.utf8))
    }

    /// Syncs each of `people`, in order, expecting success.
    func sync(_ people: String...) async throws {
        for who in people {
            let run = try await run(who, ["sync"])
            try #require(run.status == 0, "\(who) sync: \(run.errors)")
        }
    }

    /// Enrols `who`'s device as member `id` with a code from the secretariat, then certifies it.
    func enrol(_ who: String, member id: String, code: String) async throws {
        let card = try #require(try JSONSerialization.jsonObject(with: Data(try await run(who, [
            "enrol", "--server", server.url, "--code", code, "--root", root, "--member", id, "--charter", charter.path, "--json",
        ]).output.utf8)) as? [String: String])
        let certify = try await run("secretariat", ["admin", "certify", "--member", id, "--signing", card["signingKey"] ?? "",
                                                    "--agreement", card["agreementKey"] ?? ""])
        try #require(certify.status == 0, "\(certify.errors)")
    }

    /// The council: the secretariat, then `people` (name → role) appointed on 2026-01-05, enrolled and synced.
    static func start(_ server: TestServer, folder: TemporaryFolder, people: KeyValuePairs<String, String>) async throws -> CLICouncil {
        let charter = folder.url.appendingPathComponent("charte.txt")
        try Data("Charte du conseil".utf8).write(to: charter)
        var council = CLICouncil(server: server, folder: folder, charter: charter, root: "")
        let setup = try await council.json("secretariat", ["admin", "setup", "--server", server.url, "--name", "Conseil numérique",
                                                           "--order", "2026-1", "--charter", charter.path])
        council = CLICouncil(server: server, folder: folder, charter: charter,
                             root: try #require((setup as? [String: Any])?["root"] as? String))
        for (index, (who, role)) in people.enumerated() {
            let appointed = try await council.json("secretariat", ["membres", "nommer", "--role", role, "--nom", who.capitalized,
                                                                   "--categorie", "research", "--arrete", "2026-\(index + 2)", "--date", "2026-01-05"])
            let id = try #require((appointed as? [String: String])?["member"])
            council.ids[who] = id
            let code = try #require((try await council.json("secretariat", ["admin", "code"]) as? [String: String])?["code"])
            try await council.enrol(who, member: id, code: code)
        }
        for who in people.map(\.key) { try await council.sync(who) }
        try await council.sync("secretariat")
        for who in people.map(\.key) { try await council.sync(who) }
        return council
    }
}
