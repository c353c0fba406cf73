import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// `huisclos admin …`: the secretariat's commands, run from the secretariat's device (which holds
/// the council's trust root in its encrypted replica). Every change is a record signed into the
/// membership log; the relay only checks and relays it.
struct AdminCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(commandName: "admin", help: AdminHelp.group, subcommands: [Setup.self, Certify.self, Grant.self, Code.self, Revoke.self, RootCommands.self])
    }

    /// The admin token: `--admin-token-file` or `HUISCLOS_ADMIN_TOKEN`.
    struct Token: ParsableArguments {
        @Option(name: [.customLong("fichier-jeton"), .customLong("admin-token-file")], help: .init(AdminHelp.Token.adminTokenFile))
        var adminTokenFile: String?

        func value() throws -> String {
            if let file = adminTokenFile {
                try PlaintextFile.requireReadable(atPath: file)
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let token = Passphrase.take("HUISCLOS_ADMIN_TOKEN") else {
                throw UsageError(
                    invalid: Text(
                        fr:
                            "jeton d'administration du serveur manquant : donnez le fichier qui le contient (--fichier-jeton <fichier>) ou le jeton lui-même dans HUISCLOS_ADMIN_TOKEN ; l'exploitant du serveur vous le remet",
                        en:
                            "the server's admin token is missing: give the file holding it (--admin-token-file <file>) or the token itself in HUISCLOS_ADMIN_TOKEN; the server's operator gives it to you"
                    ))
            }
            return token
        }
    }

    /// Signs `event` on the unlocked secretariat device, then syncs (keys follow the log) and locks it.
    static func sign(_ options: DeviceOptions, _ event: MembershipEvent) async throws {
        try await options.open().run { try await $0.signAndSync(event) }
    }

    struct Setup: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "creer", help: AdminHelp.Setup.command, aliases: ["créer", "setup"]) }
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: Token
        @Option(name: [.customLong("serveur"), .customLong("server")], help: .init(AdminHelp.Setup.server)) var server: String
        @Option(name: [.customLong("nom"), .customLong("name")], help: .init(AdminHelp.Setup.name)) var name: String
        @Option(name: [.customLong("arrete"), .customLong("order")], help: .init(AdminHelp.Setup.order)) var order: String
        @Option(name: [.customLong("charte"), .customLong("charter")], help: .init(AdminHelp.Setup.charter)) var charter: String
        @Flag(help: .json) var json = false

        func run() async throws {
            let report = try await ClientSession.createCouncil(
                folder: device.url, server: server, adminToken: try token.value(), passphrase: try device.passphrase(),
                councilName: name, orderNumber: order, charter: URL(fileURLWithPath: charter))
            if json { return try printJSON(report) }
            say(.councilCreated(root: report.root))
        }
    }

    struct Certify: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "certifier", help: AdminHelp.Certify.command, aliases: ["certify"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: [.customLong("membre"), .customLong("member")], help: .init(AdminHelp.member)) var member: String
        @Option(name: [.customLong("cle-signature"), .customLong("signing")], help: .init(AdminHelp.Certify.signing)) var signing: String
        @Option(name: [.customLong("cle-accord"), .customLong("agreement")], help: .init(AdminHelp.Certify.agreement)) var agreement: String
        @Option(name: [.customLong("controle"), .customLong("check")], help: .init(AdminHelp.Certify.check)) var check: String

        func run() async throws {
            let certificate = try DeviceCard.certificate(member: member, signing: signing, agreement: agreement, check: check)
            let fingerprint = DeviceFingerprint(of: certificate.signingKey)
            say(try await device.open().run { try await $0.certify(certificate) } ? .deviceCertified(fingerprint) : .deviceAlreadyCertified(fingerprint))
        }
    }

    struct Grant: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "acces", help: AdminHelp.Grant.command, aliases: ["accès", "grant"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: [.customLong("membre"), .customLong("member")], help: .init(AdminHelp.member)) var member: String
        @Option(name: [.customLong("portee"), .customLong("scope")], help: .init(AdminHelp.Grant.scope)) var scope: String
        @Flag(name: [.customLong("lecture-seule"), .customLong("read-only")], help: .init(AdminHelp.Grant.readOnly)) var readOnly = false
        @Flag(name: [.customLong("retirer"), .customLong("remove")], help: .init(AdminHelp.Grant.remove)) var remove = false

        func run() async throws {
            let member = try MemberID(hex: member)
            // Any scope the log holds, named as the wire names it, stays reachable (a grant of an
            // unprefixed scope made before the French names must still be withdrawn).
            let scope = try ScopeID(typed: scope) ?? ScopeID(scope)
            let access: ScopeAccess? = remove ? nil : readOnly ? .read : .readWrite
            let changed = try await device.open().run { try await $0.setAccess(of: member, to: scope, access) }
            say(.accessSet(member: member.hex, scope: scope, access, changed: changed))
        }
    }

    struct Code: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(help: AdminHelp.Code.command) }
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: Token
        @Option(name: [.customLong("jours"), .customLong("days")], help: .init(AdminHelp.Code.days)) var days: UInt32 = 7
        @Option(name: [.customLong("serveur"), .customLong("server")], help: .init(AdminHelp.Code.server)) var server: String?
        @Flag(help: .json) var json = false

        func run() async throws {
            guard (1...30).contains(days) else {
                throw UsageError("--jours", "\(days)", accepts: Text(fr: "de 1 à 30 jours", en: "1 to 30 days"))
            }
            let created =
                if let server {
                    try await ClientSession.enrolmentCode(server: server, adminToken: try token.value(), days: days)
                } else {
                    try await device.open().run { try await $0.enrolmentCode(adminToken: try token.value(), days: days) }
                }
            if json { return try printJSON(created) }
            Console.out(created.code + "\n")
            say(.enrolmentCode(created))
        }
    }

    struct Revoke: AsyncParsableCommand {
        static var configuration: CommandConfiguration { .init(commandName: "revoquer", help: AdminHelp.Revoke.command, aliases: ["révoquer", "revoke"]) }
        @OptionGroup var device: DeviceOptions
        @Option(name: [.customLong("cle-appareil"), .customLong("device-key")], help: .init(AdminHelp.Revoke.deviceKey)) var deviceKey: String
        @Flag(name: [.customLong("sans-effacement"), .customLong("no-wipe")], help: .init(AdminHelp.Revoke.noWipe)) var noWipe = false

        func run() async throws {
            guard let bytes = Hex.decode(deviceKey), let key = try? SigningPublicKey(bytes: bytes) else {
                throw UsageError("--device-key", deviceKey, accepts: Text(fr: "une clé de 64 chiffres hexadécimaux", en: "a key of 64 hex digits"))
            }
            try await AdminCommands.sign(device, .revokeDevice(device: key, wipe: !noWipe))
            say(.deviceRevoked)
        }
    }
}
