import ArgumentParser
import Foundation
import HuisClosSync

/// Where the device lives and how its key is unlocked; shared by every device command.
struct DeviceOptions: ParsableArguments {
    @Option(name: .customLong("device"), help: "Dossier de l'appareil / device folder. Env: HUISCLOS_DEVICE.")
    var folder: String?

    var url: URL {
        URL(fileURLWithPath: folder ?? ProcessInfo.processInfo.environment["HUISCLOS_DEVICE"]
            ?? FileManager.default.homeDirectoryForCurrentDirectory().appendingPathComponent(".huisclos").path)
    }

    /// The passphrase from `HUISCLOS_PASSPHRASE`, or asked on the terminal without echo.
    func passphrase() -> String {
        if let given = ProcessInfo.processInfo.environment["HUISCLOS_PASSPHRASE"] { return given }
        let prompt = Localized(fr: "Phrase de passe de l'appareil : ", en: "Device passphrase: ").text()
        return getpass(prompt).map { String(cString: $0) } ?? ""
    }

    /// The unlocked identity and a client for its server.
    func open() throws -> (identity: DeviceIdentity, client: SyncClient) {
        let identity = try DeviceIdentity.open(url, passphrase: passphrase())
        return (identity, SyncClient(server: identity.server, device: identity.key))
    }
}

extension FileManager {
    /// The home folder (the current one if HOME is unset).
    func homeDirectoryForCurrentDirectory() -> URL {
        URL(fileURLWithPath: ProcessInfo.processInfo.environment["HOME"] ?? currentDirectoryPath)
    }
}

/// Runs a command body, printing a failure in the person's language and exiting with its status.
func runReporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch {
        FileHandle.standardError.write(Data((ExitStatus.explain(error).text() + "\n").utf8))
        throw ExitCode(ExitStatus(error).rawValue)
    }
}
