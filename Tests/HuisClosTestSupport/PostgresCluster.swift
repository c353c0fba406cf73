public import Foundation

/// A throw-away PostgreSQL cluster on loopback for the tests of the PostgreSQL backend: `initdb`
/// into a temporary folder, `pg_ctl start` on a free port, trust authentication on 127.0.0.1
/// only, a fresh database per test (`createDatabase`), stopped and deleted by `stop()`.
///
/// A test process killed or crashed never calls `stop()`: its cluster would run on. Each cluster's
/// folder names its owner process (pid and start time), and every start first stops and deletes
/// the clusters whose owner is gone (`reapOrphans`), so a killed run leaves none behind.
///
/// PostgreSQL refuses to run as root, so as root (CI, a fresh Debian machine) every command runs
/// as the `postgres` system user that Debian's `postgresql` package creates (`runuser -u postgres`).
/// Without the binaries the tests fail, saying to run `scripts/setup.sh`; a developer without
/// PostgreSQL opts out with `HUISCLOS_SKIP_POSTGRES=1` (CI never sets it).
public final class PostgresCluster: Sendable {
    /// The variable that turns the PostgreSQL tests off (developers only).
    public static let optOutVariable = "HUISCLOS_SKIP_POSTGRES"
    /// The superuser the cluster is created with.
    public static let user = "huisclos"
    /// Tries at a free port (another cluster or server may take one between the pick and the start).
    static let startAttemptsMax = 5
    /// The label of the clusters' temporary folders.
    static let folderLabel = "postgres"
    /// The file in a cluster's folder naming its owner: "<pid> <start time>".
    static let ownerFile = "owner"

    /// Whether the PostgreSQL tests run (not opted out).
    public static var enabled: Bool { ProcessInfo.processInfo.environment[optOutVariable] != "1" }

    /// The loopback port it listens on.
    public let port: Int
    private let folder: TemporaryFolder
    private let binaries: URL

    /// The folder of the newest PostgreSQL binaries under /usr/lib/postgresql (15 on Debian 12).
    static func findBinaries() throws -> URL {
        let root = URL(fileURLWithPath: "/usr/lib/postgresql")
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        let found = versions.compactMap(Int.init).sorted().reversed()
            .map { root.appendingPathComponent("\($0)/bin") }
            .first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("pg_ctl").path) }
        guard let found else {
            throw ClusterError("""
                PostgreSQL's binaries are not under /usr/lib/postgresql/*/bin: run scripts/setup.sh (it installs Debian's \
                postgresql), or set \(optOutVariable)=1 to skip the PostgreSQL tests on a developer machine
                """)
        }
        return found
    }

    /// Reaps the orphaned clusters, then creates and starts one owned by process `owner` (this
    /// process unless a test names another); blocking: call it off the concurrency pool, see `start()`.
    init(owner: pid_t = getpid()) throws {
        binaries = try Self.findBinaries()
        Self.reapOrphans(binaries)
        folder = try TemporaryFolder(Self.folderLabel)
        guard let ownerStart = Self.startTime(of: owner) else {
            folder.remove()
            throw ClusterError("the owner process \(owner) of a new cluster is not running")
        }
        try Data("\(owner) \(ownerStart)".utf8).write(to: folder.url.appendingPathComponent(Self.ownerFile))
        let data = folder.url.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        if geteuid() == 0 {
            for path in [folder.url.path, data.path] {
                try FileManager.default.setAttributes([.ownerAccountName: "postgres", .posixPermissions: 0o700], ofItemAtPath: path)
            }
        }
        try Self.run(binaries, "initdb", ["-D", data.path, "-U", Self.user, "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"])
        var started: Int?
        for _ in 0..<Self.startAttemptsMax where started == nil {
            let candidate = Int.random(in: 20_000...60_000)
            let options = "-p \(candidate) -k \(folder.url.path) -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
            if (try? Self.run(binaries, "pg_ctl", ["-D", data.path, "-o", options, "-l", folder.url.appendingPathComponent("log").path,
                                                    "-w", "-t", "30", "start"])) != nil {
                started = candidate
            }
        }
        guard let started else {
            folder.remove()
            throw ClusterError("PostgreSQL did not start on loopback after \(Self.startAttemptsMax) tries: see \(folder.url.path)/log")
        }
        port = started
    }

    /// Creates and starts a cluster, off the concurrency pool (it waits on child processes).
    public static func start() async throws -> PostgresCluster {
        try await offPool { try PostgresCluster() }
    }

    /// Creates and starts a cluster owned by process `owner`, off the concurrency pool (the test
    /// of the reaping: a process it kills stands for a killed test run).
    public static func start(owner: pid_t) async throws -> PostgresCluster {
        try await offPool { try PostgresCluster(owner: owner) }
    }

    /// The cluster's folder (the reaping test checks it is gone).
    public var folderURL: URL { folder.url }

    /// The PostgreSQL program `name` (`pg_isready`, …) of the binaries the clusters run.
    public static func program(_ name: String) throws -> URL { try findBinaries().appendingPathComponent(name) }

    /// The start time of process `pid` (`/proc/<pid>/stat`, field 22, in clock ticks since boot),
    /// or nil when no such process runs (a zombie has ended): with the pid it names one process,
    /// even once pids wrap.
    static func startTime(of pid: pid_t) -> String? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command's closing parenthesis come fields 3 (state) onwards: field 22 is the 20th.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count >= 20 && fields[0] != "Z" ? String(fields[19]) : nil
    }

    /// Stops (immediately) and deletes every cluster under the temporary folder whose owner process
    /// is gone; returns how many. A folder without an owner file is being created: left alone.
    @discardableResult
    static func reapOrphans(_ binaries: URL) -> Int {
        let base = TemporaryFolder.base
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        var reaped = 0
        for name in names where name.hasPrefix(TemporaryFolder.prefix(folderLabel)) {
            let folder = base.appendingPathComponent(name)
            guard let owner = try? String(contentsOf: folder.appendingPathComponent(ownerFile), encoding: .utf8) else { continue }
            let fields = owner.split(separator: " ")
            guard fields.count == 2, let pid = pid_t(fields[0]), startTime(of: pid) != String(fields[1]) else { continue }
            // Fails when the server is already down (the machine restarted): the folder goes all the same.
            _ = try? run(binaries, "pg_ctl", ["-D", folder.appendingPathComponent("data").path, "-m", "immediate", "-w", "stop"])
            try? FileManager.default.removeItem(at: folder)
            reaped += 1
        }
        return reaped
    }

    /// Stops the server (fast: open sessions are cut) and deletes the cluster.
    public func stop() {
        _ = try? Self.run(binaries, "pg_ctl", ["-D", folder.url.appendingPathComponent("data").path, "-m", "fast", "-w", "stop"])
        folder.remove()
    }

    /// Creates an empty database and returns its `postgres://` address.
    public func createDatabase() async throws -> String {
        let name = "t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try await Self.offPool { [binaries, port] in
            try Self.run(binaries, "createdb", ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user, name])
        }
        return "postgres://\(Self.user)@127.0.0.1:\(port)/\(name)"
    }

    /// Runs one SQL statement in `database` with psql (tests that alter a database behind the relay's back).
    public func execute(_ sql: String, database url: String) async throws {
        let name = String(url.split(separator: "/").last ?? "")
        try await Self.offPool { [binaries, port] in
            try Self.run(binaries, "psql", ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user, "-d", name, "-v", "ON_ERROR_STOP=1",
                                            "-c", sql])
        }
    }

    /// Dumps `database` (`pg_dump -Fc`) and restores the dump over it (`pg_restore --clean
    /// --if-exists`): the PostgreSQL restore of README's "Backup and restore".
    public func dumpAndRestore(database url: String) async throws {
        let name = String(url.split(separator: "/").last ?? "")
        let dump = folder.url.appendingPathComponent("\(name).dump").path
        try await Self.offPool { [binaries, port] in
            let server = ["-h", "127.0.0.1", "-p", String(port), "-U", Self.user]
            try Self.run(binaries, "pg_dump", server + ["-Fc", "-f", dump, name])
            try Self.run(binaries, "pg_restore", server + ["--clean", "--if-exists", "-d", name, dump])
        }
    }

    /// Runs one PostgreSQL program to completion, as `postgres` when this process is root, through
    /// `ChildProcess`: `pg_ctl start` leaves the server running, and only `waitpid` sees it end.
    static func run(_ binaries: URL, _ program: String, _ arguments: [String]) throws {
        let executable = binaries.appendingPathComponent(program).path
        let argv = geteuid() == 0 ? ["/usr/sbin/runuser", "-u", "postgres", "--", executable] + arguments : [executable] + arguments
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("huisclos-\(program)-\(UUID().uuidString).err")
        defer { try? FileManager.default.removeItem(at: errors) }
        let child: ChildProcess
        do {
            child = try ChildProcess(URL(fileURLWithPath: argv[0]), Array(argv.dropFirst()), standardError: .file(errors))
        } catch {
            throw ClusterError("cannot start \(argv[0]): \(error)")
        }
        let termination = child.wait()
        guard termination == .exited(0) else {
            let message = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
            throw ClusterError("\(program) failed (\(termination)): \(message)")
        }
    }

    static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }

    /// A failure to set the cluster up, with what to do.
    public struct ClusterError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
