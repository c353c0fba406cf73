import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosL10n
import HuisClosTrust

/// `huisclos appareils …`: this member's devices, and approving a new one from a device already
/// approved. The secretariat certifies devices; only the member's approval gives a device their keys.
struct Devices: AsyncParsableCommand {
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
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Vos appareils / your devices.",
            discussion: "Exemple / example : huisclos appareils liste --json")
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                let opened = try device.unlock(toSync: true)
                let devices = await opened.memberDevices
                let mine = await opened.fingerprint
                try await opened.lock()
                var listing = Listing(headers: [Text.header("Empreinte", "Fingerprint"), Text.header("Certifié le", "Certified on"),
                                                Text.header("Approbation", "Approval"), Text.header("Révoqué le", "Revoked on"),
                                                Text.header("Cet appareil", "This device")],
                                      keys: ["fingerprint", "certifiedOn", "approval", "revokedOn", "thisDevice"])
                for entry in devices {
                    let approval = entry.approvedAt == nil ? ("pending", Text(fr: "en attente", en: "pending"))
                                                           : ("approved", Text(fr: "approuvé", en: "approved"))
                    let this = entry.fingerprint == mine
                    listing.append([entry.fingerprint.description, Self.day(entry.certifiedAt), approval.1.in(language),
                                    entry.revokedAt.map(Self.day), this ? Text.header("oui", "yes") : nil],
                                   json: ["approval": .string(approval.0), "thisDevice": .bool(this)])
                }
                try listing.show(json: json)
            }
        }

        /// The UTC day of `instant`, ISO 8601.
        static func day(_ instant: Instant) -> String {
            String(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(instant.unixSeconds))).prefix(10))
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "approuver",
            abstract: "Approuve un de vos appareils en attente / approves one of your pending devices.",
            discussion: "Exemple / example : huisclos appareils approuver 3f2a-9c01-77de-0b5e-a4c8")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Empreinte affichée par le nouvel appareil / fingerprint the new device shows.") var empreinte: String

        func run() async throws {
            try await runReporting {
                guard let fingerprint = DeviceFingerprint(parsing: empreinte) else {
                    throw UsageError(invalid: Text(fr: "empreinte : 20 chiffres hexadécimaux, en 5 groupes de 4 (3f2a-9c01-77de-0b5e-a4c8)",
                                                   en: "fingerprint: 20 hex digits, in 5 groups of 4 (3f2a-9c01-77de-0b5e-a4c8)"))
                }
                let opened = try device.unlock(toSync: true)
                try await opened.approveDevice(fingerprint)
                try await opened.lock()
                say(Text(fr: "Appareil \(fingerprint) approuvé : il recevra vos clés à la prochaine synchronisation de cet appareil.",
                         en: "Device \(fingerprint) approved: it receives your keys at this device's next sync."))
            }
        }
    }
}

extension Text {
    /// What `sync` and `status` tell a member about a device of theirs awaiting approval.
    static func awaitingApproval(_ fingerprint: DeviceFingerprint) -> Text {
        Text(fr: "Un nouvel appareil a été ajouté à votre compte, empreinte \(fingerprint) : approuvez-le avec "
                 + "« huisclos appareils approuver \(fingerprint) » s'il est à vous, sinon signalez-le au secrétariat.",
             en: "A new device was added to your account, fingerprint \(fingerprint): approve it with "
                 + "'huisclos appareils approuver \(fingerprint)' if it is yours, otherwise report it to the secretariat.")
    }
}
