import Foundation
import HuisClosCrypto
@testable import HuisClosReplica
import HuisClosTestSupport
import Testing

/// A council driven only through the built `huisclos` executable against a real `huisclos-server`
/// child process: one device folder per person, the passphrase and admin token from the
/// environment as a script would give them, French unless the council or a call asks for English.
/// The one fixture of the CLI suites.
final class CouncilCLI: @unchecked Sendable {
    // @unchecked: `server`, `root` and `ids` are replaced only by `stopServer`/`restartServer`,
    // `setUp` and `start`, which the scenario calls sequentially from its one task; the tasks it
    // runs side by side (`sync`, `enrol`) read only the immutable properties (`folder`, `url`,
    // `charter`, `english`), never those.
    let folder: TemporaryFolder
    private(set) var server: ServerProcess?
    /// The server's port, kept across a restart so enrolled devices find it again.
    let port: Int
    let url: String
    /// The charter every device signs at enrolment.
    let charter: URL
    static let passphrase = "phrase de passe du scénario indépendant"
    /// True when every command runs with LANG=en unless a call says otherwise.
    let english: Bool
    /// The trust root (hex), once `setUp` has run.
    private(set) var root = ""
    /// Member ids (hex) by person, for the people `start` appointed.
    private(set) var ids: [String: String] = [:]
    /// The admin token of this council (the relay's, or a hosted council's own).
    let adminToken: String

    /// A council on a fresh relay: its default council, or with `hosted` a council created beside
    /// it (`huisclos-server councils create`), whose base URL the devices are given as the server.
    init(_ label: String, english: Bool = false, hosted: String? = nil) async throws {
        self.english = english
        folder = try TemporaryFolder(label)
        let relay = folder.url.appendingPathComponent("relay")
        var token = TestServer.adminToken
        if let hosted {
            let created = try await CommandRun.run("huisclos-server", ["councils", "create", hosted, "--data", relay.path])
            #expect(created.status == 0, "\(created.errors)")
            let file = relay.appendingPathComponent("councils/\(hosted)/admin-token")
            token = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        adminToken = token
        let server = try await ServerProcess.start(folder: relay)
        self.server = server
        port = server.port
        url = server.url + (hosted.map { "/councils/\($0)" } ?? "")
        charter = folder.url.appendingPathComponent("charte.txt")
        try Data("Charte de déontologie du conseil, version du scénario indépendant.\n".utf8).write(to: charter)
    }

    /// Runs `body` with this council, then stops the server and removes the folder whatever happens.
    static func with(_ label: String, english: Bool = false, hosted: String? = nil,
                     _ body: (CouncilCLI) async throws -> Void) async throws {
        let council = try await CouncilCLI(label, english: english, hosted: hosted)
        do {
            try await body(council)
        } catch {
            await council.stopServer()
            council.folder.remove()
            throw error
        }
        await council.stopServer()
        council.folder.remove()
    }

    func stopServer() async {
        await server?.terminate()
        server = nil
    }

    func restartServer() async throws {
        server = try await ServerProcess.start(folder: folder.url.appendingPathComponent("relay"), port: port)
    }

    func device(_ who: String) -> String { folder.url.appendingPathComponent(who).path }

    /// `huisclos arguments… --device <who's folder>` with the scenario's environment (and `environment` over it).
    func run(_ who: String, _ arguments: [String], english: Bool? = nil, passphrase: String = passphrase,
             environment: [String: String] = [:]) async throws -> CommandRun {
        try await CommandRun.run("huisclos", arguments + ["--device", device(who)], environment: [
            "HUISCLOS_PASSPHRASE": passphrase, "HUISCLOS_ADMIN_TOKEN": adminToken,
            "LANG": english ?? self.english ? "en_GB.UTF-8" : "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": "",
        ].merging(environment) { _, given in given })
    }

    /// Runs with `--json`, requires exit 0, and returns standard output as JSON.
    func json(_ who: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> Any {
        let output = try await ok(who, arguments + ["--json"], sourceLocation: sourceLocation)
        return try JSONSerialization.jsonObject(with: Data(output.utf8))
    }

    /// Runs and requires exit 0, returning standard output.
    @discardableResult
    func ok(_ who: String, _ arguments: [String], english: Bool? = nil,
            sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        let run = try await run(who, arguments, english: english)
        #expect(run.status == 0, "huisclos \(arguments.joined(separator: " ")) → \(run.status): \(run.errors)", sourceLocation: sourceLocation)
        return run.output
    }

    /// Runs with `--json` and requires exit 0 and a JSON object.
    func object(_ who: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [String: Any] {
        let output = try await ok(who, arguments + ["--json"], sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)", sourceLocation: sourceLocation)
    }

    /// Runs with `--json` and requires exit 0 and a JSON array of objects.
    func rows(_ who: String, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws -> [[String: Any]] {
        let output = try await ok(who, arguments + ["--json"], sourceLocation: sourceLocation)
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]], "\(output)", sourceLocation: sourceLocation)
    }

    /// The secretariat sets the council up on the relay (its device becomes `secretariat`).
    func setUp() async throws {
        let setup = try await object("secretariat", ["admin", "setup", "--server", url, "--name", "Conseil du scénario indépendant",
                                                     "--order", "délibération CD-2025-117", "--charter", charter.path])
        root = try #require(setup["root"] as? String)
        try lighten("secretariat")
    }

    /// Re-wraps the device's database key, made by the real `huisclos` at the product's Argon2id
    /// cost (libsodium "moderate": about half a second and 256 MiB per unlock), under libsodium's
    /// "interactive" limits, which the key file format records and `huisclos` honours on unlock.
    ///
    /// Why: every command of the scenario is a process that unlocks its device, well over a hundred in
    /// all; at the moderate cost that alone is minutes of CPU on 2 shared cores. Nothing in
    /// the product is bypassed or changed: each command still derives its key with Argon2id
    /// from the passphrase and the device's own key file, as for a device created with these
    /// limits (`Replica.create(limits:)`); only this test's devices are cheaper to open.
    func lighten(_ who: String) throws {
        let file = URL(fileURLWithPath: device(who)).appendingPathComponent("replica.key")
        let current = try KeyFile.decode([UInt8](try Data(contentsOf: file)))
        let key = try current.unwrap(passphrase: Self.passphrase)
        let light = try KeyFile.wrap(key: key, databaseID: current.databaseID, passphrase: Self.passphrase, limits: .interactive)
        try Data(light.encoded()).write(to: file, options: .atomic)
    }

    /// The secretariat appoints a person and returns the member id.
    func appoint(_ name: String, role: String = "member", category: String, gender: String? = nil, order: String, date: String,
                 member: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) async throws -> String {
        var arguments = ["membres", "nommer", "--role", role, "--nom", name, "--categorie", category, "--arrete", order, "--date", date]
        if let gender { arguments += ["--genre", gender] }
        if let member { arguments += ["--membre", member] }
        return try #require(try await object("secretariat", arguments, sourceLocation: sourceLocation)["member"] as? String, sourceLocation: sourceLocation)
    }

    /// Enrols each person's device (folder name, member id) with a one-time code, and the
    /// secretariat certifies it: codes and certificates one at a time on the secretariat's device,
    /// the enrolments (one Argon2id each) side by side on their own devices.
    func enrol(_ people: [(who: String, member: String)]) async throws {
        var codes: [(code: String, root: String)] = []
        for _ in people {
            let code = try await object("secretariat", ["admin", "code"])
            codes.append((try #require(code["code"] as? String), try #require(code["root"] as? String)))
        }
        let outputs = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (index, person) in people.enumerated() {
                let code = codes[index]
                group.addTask {
                    let card = try await self.ok(person.who, ["enrol", "--server", self.url, "--code", code.code, "--root", code.root,
                                                              "--member", person.member, "--charter", self.charter.path, "--json"])
                    try self.lighten(person.who)
                    return (index, card)
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        for (index, person) in people.enumerated() {
            let card = try #require(try JSONSerialization.jsonObject(with: Data((outputs[index] ?? "").utf8)) as? [String: Any])
            try await ok("secretariat", ["admin", "certify", "--member", person.member, "--signing", try #require(card["signingKey"] as? String),
                                         "--agreement", try #require(card["agreementKey"] as? String), "--check", try #require(card["check"] as? String)])
        }
    }

    /// What `writers` changed reaches `readers`: the writers sync side by side (push), then the
    /// readers (pull). Each sync is a process with its own Argon2id unlock, so the scenario names
    /// exactly who must push and who must pull.
    func propagate(from writers: [String], to readers: [String]) async throws {
        try await sync(writers)
        try await sync(readers)
    }

    /// Newly enrolled devices accept their undertaking, the secretariat hands them the council's
    /// key, and they take it.
    func distributeKeys(to devices: [String]) async throws {
        try await sync(devices)
        try await sync(["secretariat"])
        try await sync(devices)
    }

    /// Enrols `who`'s device as member `id` with `code` (from `admin code` or a hearing), then the
    /// secretariat certifies it.
    func enrol(_ who: String, member id: String, code: String) async throws {
        let card = try #require(try await json(who, ["enrol", "--server", url, "--code", code, "--root", root, "--member", id,
                                                     "--charter", charter.path]) as? [String: Any])
        try lighten(who)
        try await ok("secretariat", ["admin", "certify", "--member", id, "--signing", try #require(card["signingKey"] as? String),
                                     "--agreement", try #require(card["agreementKey"] as? String), "--check", try #require(card["check"] as? String)])
    }

    /// Sets the council up with `people` (name → role) appointed in the research category from
    /// 2026-01-05, their devices enrolled, certified and holding the council's key.
    func start(people: KeyValuePairs<String, String>) async throws {
        try await setUp()
        for (index, (who, role)) in people.enumerated() {
            ids[who] = try await appoint(who.capitalized, role: role, category: "research", order: "2026-\(index + 2)", date: "2026-01-05")
        }
        try await enrol(people.map { ($0.key, ids[$0.key]!) })
        try await distributeKeys(to: people.map(\.key))
    }

    /// The people named sync one after the other, each required to succeed.
    func sync(_ people: String...) async throws {
        for who in people { try await ok(who, ["sync"]) }
    }

    /// The people named sync side by side, each required to succeed.
    func sync(_ people: [String]) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            for who in people { group.addTask { try await self.ok(who, ["sync"]) } }
            try await group.waitForAll()
        }
    }
}

/// Calendar days relative to today (UTC), as `YYYY-MM-DD`: the membership log accepts an order
/// dated up to today whose 3-year mandate has not ended, so the scenario's dates follow the clock.
enum Days {
    static func iso(_ offset: Int, plusYears years: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.date(byAdding: .day, value: offset, to: Date())!
        // Calendar, like the register, turns 29 February into 28 February in a common year.
        let date = calendar.date(byAdding: .year, value: years, to: day)!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }

    /// The same day as French text shows it, `DD/MM/YYYY`.
    static func french(_ offset: Int, plusYears years: Int = 0) -> String {
        iso(offset, plusYears: years).split(separator: "-").reversed().joined(separator: "/")
    }

    /// Today on the council's wall clock (Europe/Paris): the day a séance held now is dated.
    static func councilToday() -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Paris")!
        let parts = calendar.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
