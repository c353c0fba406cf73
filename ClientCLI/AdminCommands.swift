import ArgumentParser
import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosWire

/// `huisclos admin …`: the secretariat's commands (admin token from HUISCLOS_ADMIN_TOKEN or a file).
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Secrétariat : codes d'enrôlement, révocation / secretariat: enrolment codes, revocation.",
        subcommands: [Code.self, Revoke.self])

    struct Connection: ParsableArguments {
        @Option(help: "URL du serveur / server URL.")
        var server: String
        @Option(help: "Fichier du jeton admin / admin token file. Env: HUISCLOS_ADMIN_TOKEN.")
        var adminTokenFile: String?

        func token() throws -> String {
            if let file = adminTokenFile {
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let token = ProcessInfo.processInfo.environment["HUISCLOS_ADMIN_TOKEN"] else {
                throw ValidationError(Localized(fr: "jeton admin manquant : --admin-token-file ou HUISCLOS_ADMIN_TOKEN",
                                                en: "admin token missing: --admin-token-file or HUISCLOS_ADMIN_TOKEN").text())
            }
            return token
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Crée un code d'enrôlement / creates an enrolment code.")
        @OptionGroup var connection: Connection
        @Option(help: "Portées en lecture / scopes to read (council, group:…).")
        var read: [String] = []
        @Option(help: "Portées en écriture / scopes to write.")
        var write: [String] = []
        @Option(help: "Validité en jours / validity in days (1–30).")
        var days: UInt32 = 7

        func validate() throws {
            guard (1...30).contains(days) else { throw ValidationError("--days: 1…30") }
        }

        func run() async throws {
            try await runReporting {
                let access = ScopeAccess(readable: Set(try read.map { try ScopeID($0) }), writable: Set(try write.map { try ScopeID($0) }))
                let client = SyncClient(server: connection.server, device: nil)
                let created = try await client.createEnrolmentCode(access: access, validSeconds: days * 86_400,
                                                                   adminToken: try connection.token())
                print(created.code)
                print(Localized(fr: "valable jusqu'au \(created.expiresAt)", en: "valid until \(created.expiresAt)").text())
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Révoque un appareil / revokes a device.")
        @OptionGroup var connection: Connection
        @Option(help: "Clé publique de l'appareil en hexadécimal / device public key, hex.")
        var deviceKey: String

        func run() async throws {
            try await runReporting {
                guard let bytes = Hex.decode(deviceKey), let key = try? SigningPublicKey(bytes: bytes) else {
                    throw APIError(.malformed, "--device-key must be 64 hex digits")
                }
                let client = SyncClient(server: connection.server, device: nil)
                let wasActive = try await client.revoke(key, adminToken: try connection.token())
                print(wasActive ? Localized(fr: "Appareil révoqué.", en: "Device revoked.").text()
                                : Localized(fr: "Appareil déjà révoqué ou inconnu.", en: "Device already revoked or unknown.").text())
            }
        }
    }
}
