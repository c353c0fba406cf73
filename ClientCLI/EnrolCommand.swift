import ArgumentParser
import Foundation
import HuisClosSync
import HuisClosWire

/// `huisclos enrol`: creates this device's keys and registers them with a one-time code.
struct Enrol: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Enrôle cet appareil avec un code du secrétariat / enrols this device with a code.")
    @OptionGroup var device: DeviceOptions
    @Option(help: "URL du serveur / server URL.")
    var server: String
    @Option(help: "Code d'enrôlement / enrolment code.")
    var code: String

    func run() async throws {
        try await runReporting {
            let identity = try DeviceIdentity.create(in: device.url, server: server, passphrase: device.passphrase())
            let access: ScopeAccess
            do {
                access = try await SyncClient(server: server, device: identity.key).enrol(code: code)
            } catch {
                // An identity the server never registered is useless: leave the folder as it was.
                DeviceIdentity.remove(from: device.url)
                throw error
            }
            print(Localized(fr: "Appareil enrôlé : \(Hex.encode(identity.key.publicKey.bytes))",
                            en: "Device enrolled: \(Hex.encode(identity.key.publicKey.bytes))").text())
            print(Localized(fr: "Lecture : ", en: "Read: ").text() + access.readable.sorted().map(\.rawValue).joined(separator: ", "))
            print(Localized(fr: "Écriture : ", en: "Write: ").text() + access.writable.sorted().map(\.rawValue).joined(separator: ", "))
        }
    }
}

/// `huisclos status`: logs in and shows this device's access.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Connexion et droits / login and access.")
    @OptionGroup var device: DeviceOptions

    func run() async throws {
        try await runReporting {
            let (identity, client) = try device.open()
            let access = try await client.login()
            print(Localized(fr: "Serveur : \(identity.server)", en: "Server: \(identity.server)").text())
            print(Localized(fr: "Lecture : ", en: "Read: ").text() + access.readable.sorted().map(\.rawValue).joined(separator: ", "))
            print(Localized(fr: "Écriture : ", en: "Write: ").text() + access.writable.sorted().map(\.rawValue).joined(separator: ", "))
        }
    }
}
