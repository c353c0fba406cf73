import ArgumentParser
import HuisClosClient
import Foundation
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosTerminal
import HuisClosWire

/// `huisclos admin …`: the secretariat's commands, run from the secretariat's device (which holds
/// the council's trust root in its encrypted replica). Every change is a record signed into the
/// membership log; the relay only checks and relays it.
struct AdminCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Secrétariat : conseil, appareils, codes, révocation (nominations : membres nommer) / secretariat commands (appointments: membres nommer).",
        discussion: """
            Exemple / example:
              export HUISCLOS_DEVICE=~/.huisclos-secretariat
              huisclos admin setup --admin-token-file jeton-admin --server https://conseil.example --name "Conseil numérique" --order 2026-0001 --charter charte.pdf
              huisclos membres nommer --nom "Alice Martin" --categorie research --arrete 2026-0142   (nominations / appointments)
              huisclos admin code
              huisclos admin certify --member 9f1c… --signing 51e0… --agreement 77aa…
              huisclos admin revoke --device-key 51e0…
              huisclos admin racine exporter --sortie /media/cle-usb/racine.hcroot
            Les phrases de passe sont demandées sans écho (jamais sur la ligne de commande).
            Passphrases are asked without echo (never on the command line).
            """,
        subcommands: [Setup.self, Certify.self, Grant.self, Code.self, Revoke.self, RootCommands.self])

    /// The admin token: `--admin-token-file` or `HUISCLOS_ADMIN_TOKEN`.
    struct Token: ParsableArguments {
        @Option(help: "Fichier contenant le jeton admin / file holding the admin token. Sinon / otherwise HUISCLOS_ADMIN_TOKEN = le jeton lui-même / the token itself.") var adminTokenFile: String?

        func value() throws -> String {
            if let file = adminTokenFile {
                return try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            guard let token = ProcessInfo.processInfo.environment["HUISCLOS_ADMIN_TOKEN"] else {
                throw UsageError(invalid: Text(fr: "jeton admin manquant : --admin-token-file ou HUISCLOS_ADMIN_TOKEN",
                                               en: "admin token missing: --admin-token-file or HUISCLOS_ADMIN_TOKEN"))
            }
            return token
        }
    }

    static func member(_ hex: String) throws -> MemberID {
        guard let bytes = Hex.decode(hex), let member = try? MemberID(bytes: bytes) else {
            throw UsageError("--member", hex, accepts: Text(fr: "un identifiant de 32 chiffres hexadécimaux (huisclos membres liste)", en: "a 32 hex digit id (huisclos membres liste)"))
        }
        return member
    }

    /// Signs `event` on the unlocked secretariat device, then syncs (keys follow the log) and locks it.
    static func sign(_ options: DeviceOptions, _ event: MembershipEvent) async throws {
        try await options.open().run { try await $0.signAndSync(event) }
    }

    struct Setup: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Crée le conseil et sa racine de confiance / creates the council and its trust root.")
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: Token
        @Option(help: "URL du serveur / server URL.") var server: String
        @Option(help: "Nom du conseil / council name.") var name: String
        @Option(help: "Arrêté nommant le secrétariat / order appointing the secretariat.") var order: String
        @Option(help: "Charte et engagement de confidentialité (fichier) / charter file.") var charter: String
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                let report = try await ClientSession.createCouncil(
                    folder: device.url, server: server, adminToken: try token.value(), passphrase: try device.passphrase(),
                    councilName: name, orderNumber: order, charter: URL(fileURLWithPath: charter))
                if json { return try printJSON(report) }
                say(Text(fr: "Conseil créé. Racine de confiance (à donner avec chaque code) : \(report.root)",
                         en: "Council created. Trust root (hand it out with each code): \(report.root)"))
            }
        }
    }

    struct Certify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Certifie un appareil enrôlé / certifies an enrolled device.")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Membre (hex) / member (hex).") var member: String
        @Option(help: "Clé de signature de l'appareil (hex) / device signing key.") var signing: String
        @Option(help: "Clé d'accord de l'appareil (hex) / device agreement key.") var agreement: String

        func run() async throws {
            try await runReporting {
                guard let signingBytes = Hex.decode(signing), let signingKey = try? SigningPublicKey(bytes: signingBytes),
                      let agreementBytes = Hex.decode(agreement), let agreementKey = try? AgreementPublicKey(bytes: agreementBytes) else {
                    throw UsageError("--signing / --agreement", "\(signing) / \(agreement)", accepts: Text(fr: "deux clés de 64 chiffres hexadécimaux chacune (la carte que huisclos enrol affiche)",
                                                                                                    en: "two keys of 64 hex digits each (the card huisclos enrol prints)"))
                }
                let certificate = CertifiedDevice(signingKey: signingKey, agreementKey: agreementKey, member: try AdminCommands.member(member))
                try await AdminCommands.sign(device, .certifyDevice(certificate))
                say(Text(fr: "Appareil certifié.", en: "Device certified."))
            }
        }
    }

    struct Grant: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Ajoute ou retire un membre d'une portée / adds or removes a member from a scope.")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Membre (hex) / member (hex).") var member: String
        @Option(help: "Portée / scope (group:…, hearing:…).") var scope: String
        @Flag(help: "Lecture seule / read only.") var readOnly = false
        @Flag(help: "Retire au lieu d'ajouter (nouvelle époque de clé) / removes instead (new key epoch).") var remove = false

        func run() async throws {
            try await runReporting {
                let member = try AdminCommands.member(member)
                let scope = try ScopeID(scope)
                try await AdminCommands.sign(device, remove ? .removeFromScope(member: member, scope: scope)
                                                    : .addToScope(member: member, scope: scope, access: readOnly ? .read : .readWrite, expiry: nil))
                say(Text(fr: "Registre mis à jour.", en: "Log updated."))
            }
        }
    }

    struct Code: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Crée un code d'enrôlement / creates an enrolment code.")
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: Token
        @Option(help: "Validité en jours / validity in days (1–30).") var days: UInt32 = 7
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func validate() throws {
            guard (1...30).contains(days) else { throw ValidationError("--days: 1…30") }
        }

        func run() async throws {
            try await runReporting {
                let created = try await device.open().run { try await $0.enrolmentCode(adminToken: try token.value(), days: days) }
                if json { return try printJSON(created) }
                Console.out(created.code + "\n")
                say(Text(fr: "racine \(created.root) · valable jusqu'au \(created.expiresAt) (UTC)", en: "root \(created.root) · valid until \(created.expiresAt) (UTC)"))
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Révoque un appareil et ordonne son effacement / revokes a device, orders its wipe.")
        @OptionGroup var device: DeviceOptions
        @Option(help: "Clé publique de l'appareil en hexadécimal / device public key, hex.") var deviceKey: String
        @Flag(help: "Sans ordre d'effacement / without wipe order.") var noWipe = false

        func run() async throws {
            try await runReporting {
                guard let bytes = Hex.decode(deviceKey), let key = try? SigningPublicKey(bytes: bytes) else {
                    throw UsageError("--device-key", deviceKey, accepts: Text(fr: "une clé de 64 chiffres hexadécimaux", en: "a key of 64 hex digits"))
                }
                try await AdminCommands.sign(device, .revokeDevice(device: key, wipe: !noWipe))
                say(Text(fr: "Appareil révoqué ; les portées concernées changent de clé.", en: "Device revoked; its scopes move to a new key."))
            }
        }
    }
}
