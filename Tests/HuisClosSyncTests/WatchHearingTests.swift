import Foundation
import HuisClosTestSupport
import Testing

/// `huisclos sync --watch` on the secretariat's device closes an expired hearing after a sync, as a
/// plain `huisclos sync` does (the same code path).
@Suite struct WatchHearingTests {
    @Test func theSecretariatsWatchClosesAHearingOnceItExpires() async throws {
        try await TestServer.with("cli-watch-hearing") { server in
            let folder = try TemporaryFolder("cli-watch-hearing")
            defer { folder.remove() }
            let council = try await CLICouncil.start(server, folder: folder, people: ["presidente": "president", "alice": "member"])
            let file = folder.url.appendingPathComponent("budget.txt")
            try Data("Budget".utf8).write(to: file)
            #expect(try await council.run("secretariat", ["dossiers", "ajouter", "--id", "budget", file.path]).status == 0)
            let expiry = Date().addingTimeInterval(8)
            let opened = try await council.run("secretariat", ["auditions", "ouvrir", "h-w", "--invite", "Dr Roux", "--dossier", "budget",
                                                               "--jusqu-au", ISO8601DateFormatter().string(from: expiry)])
            #expect(opened.status == 0, "\(opened.errors)")

            let watch = Process()
            watch.executableURL = ServerProcess.executable.deletingLastPathComponent().appendingPathComponent("huisclos")
            watch.arguments = ["sync", "--watch"]
            watch.environment = ProcessInfo.processInfo.environment.merging(council.environment("secretariat")) { _, new in new }
            let output = Pipe()
            watch.standardOutput = output
            watch.standardError = FileHandle.nullDevice
            try watch.runSerially()
            defer { if watch.isRunning { watch.terminate() } }
            try await Task.sleep(for: .seconds(max(0, expiry.timeIntervalSinceNow) + 1))
            // A council write from another device pokes the watcher, which syncs.
            #expect(try await council.run("alice", ["avis", "creer", "w-1", "--titre", "Avis"]).status == 0)
            try await council.sync("alice")
            try await Task.sleep(for: .seconds(4))
            watch.terminate()
            watch.waitUntilExit()
            let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            #expect(printed.contains("Hearing h-w expired: closed"), "\(printed)")
            let hearings = try #require(try await council.json("secretariat", ["auditions", "liste"]) as? [[String: Any]])
            #expect(hearings.first { $0["id"] as? String == "h-w" }?["closed"] != nil, "the hearing is recorded closed")
        }
    }
}
