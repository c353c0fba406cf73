import ArgumentParser
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal
import HuisClosTrust

/// `huisclos appareils …`: this member's devices, and approving a new one from a device already
/// approved. The secretariat certifies devices; only the member's approval gives a device their keys.
struct DeviceCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appareils",
        abstract: "Vos appareils et leur approbation / your devices and their approval.",
        discussion: """
            Un appareil certifié par le secrétariat ne reçoit vos clés (notes privées, groupes, conseil) qu'une fois \
            approuvé depuis un de vos appareils déjà approuvés. Comparez l'empreinte affichée par le nouvel appareil \
            (huisclos status) avec celle de la liste avant d'approuver ; un appareil que vous ne reconnaissez pas \
            est à signaler au secrétariat.
            A device the secretariat certified gets your keys only once approved from one of your approved devices. \
            Compare the fingerprint the new device shows (huisclos status) with the list before approving; report \
            a device you do not recognise to the secretariat.

            Exemples / examples:
              huisclos appareils liste
              huisclos appareils liste --json
              huisclos appareils approuver 3f2a-9c01-77de-0b5e-a4c8
            """,
        subcommands: [List.self, Approve.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "liste", abstract: "Vos appareils / your devices.",
            discussion: "Exemple / example : huisclos appareils liste --json")
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false

        func run() async throws {
            try await device.open(toSync: true).run { await $0.deviceListing(in: language) }.show(json: json)
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "approuver",
            abstract: "Approuve un de vos appareils en attente / approves one of your pending devices.",
            discussion: "Exemple / example : huisclos appareils approuver 3f2a-9c01-77de-0b5e-a4c8")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Empreinte affichée par le nouvel appareil / fingerprint the new device shows.") var empreinte: String

        func run() async throws {
            guard let fingerprint = DeviceFingerprint(parsing: empreinte) else {
                throw UsageError(
                    invalid: Text(
                        fr: "empreinte : 20 chiffres hexadécimaux, en 5 groupes de 4 (3f2a-9c01-77de-0b5e-a4c8)",
                        en: "fingerprint: 20 hex digits, in 5 groups of 4 (3f2a-9c01-77de-0b5e-a4c8)"))
            }
            let opened = try device.unlock(toSync: true)
            try await opened.approveDevice(fingerprint)
            try await opened.lock()
            say(.deviceApproved("\(fingerprint)"))
        }
    }
}
