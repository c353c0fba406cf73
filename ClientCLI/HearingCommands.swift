import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import HuisClosSync
import HuisClosTerminal
import HuisClosTrust
import HuisClosWire

/// `huisclos auditions ouvrir|clore|liste`: a qualified person heard by the council, enrolled as a
/// guest with read access to one dossier until an expiry.
struct HearingCommands: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "auditions", abstract: "Auditions de personnes qualifiées / hearings of qualified persons.",
        discussion: """
            Le secrétariat ouvre l'audition : la personne est nommée invitée (mandat jusqu'à l'échéance), la portée \
            hearing:<id> lui est ouverte en lecture jusqu'à l'échéance, le dossier y est rechiffré sous une clé neuve, \
            et un code d'enrôlement est créé. L'appareil de l'invité s'enrôle comme celui d'un membre (huisclos enrol), \
            le secrétariat le certifie (huisclos admin certify), l'invité synchronise et lit le dossier \
            (huisclos dossiers lire <dossier> --portee hearing:<id>).
            À l'échéance, l'accès cesse de lui-même : le serveur ne lui sert plus la portée, et la synchronisation \
            suivante du secrétariat change la clé et ordonne l'effacement de l'appareil de l'invité. \
            huisclos auditions clore y met fin plus tôt (même effet).
            The secretariat opens the hearing; at expiry access ends by itself (the secretariat's next sync rotates \
            the key and orders the guest's device wiped); `clore` ends it earlier.

            Exemples / examples:
              huisclos auditions ouvrir h-2026-1 --invite "Dr Léa Roux, sociologue" --dossier etude --jusqu-au 2026-12-01 --json
              huisclos enrol --server … --code <code> --root <racine> --member <invite> --charter charte.txt   (appareil de l'invité)
              huisclos admin certify --member <invite> --signing … --agreement …
              huisclos auditions clore h-2026-1
              huisclos auditions liste
            Codes de sortie / exit codes: 0 · 64 usage · 69 serveur injoignable · 77 réservé au secrétariat / secretariat only.
            """,
        subcommands: [Open.self, Close.self, List.self])

    struct Open: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ouvrir", abstract: "Ouvre une audition (secrétariat) / opens a hearing.")
        @OptionGroup var device: DeviceOptions
        @OptionGroup var token: AdminCommands.Token
        @Option(name: .customLong("invite"), help: "Nom et qualité de la personne entendue / guest's name and quality.") var guestName: String
        @Option(name: .customLong("dossier"), help: "Dossier du conseil montré à l'invité / council dossier shown.") var dossier: String
        @Option(name: .customLong("jusqu-au"), help: "Échéance : AAAA-MM-JJ (fin du jour, UTC) ou AAAA-MM-JJTHH:MM:SSZ / expiry.") var until: String
        @Option(name: .customLong("arrete"), help: "Référence de la désignation / order reference.") var order: String?
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Identifiant de l'audition / hearing id.") var id: String

        func run() async throws {
            try await runReporting {
                let expiry = try parseExpiry(until, option: "--jusqu-au")
                let opened = try await device.open().run {
                    try await $0.openHearing(id, guestName: guestName, dossier: dossier, until: expiry, order: order, adminToken: token.value)
                }
                if json { return try printJSON(opened) }
                say(Text(fr: "Audition \(id) ouverte jusqu'au \(opened.expiry) ; dossier \(dossier) rechiffré dans \(opened.scope).",
                         en: "Hearing \(id) open until \(opened.expiry); dossier \(dossier) resealed in \(opened.scope)."))
                say(Text(fr: "Invité : \(opened.member) · code d'enrôlement : \(opened.code) · racine : \(opened.root)",
                         en: "Guest: \(opened.member) · enrolment code: \(opened.code) · root: \(opened.root)"))
                say(Text(fr: "Sur l'appareil de l'invité : huisclos enrol --code \(opened.code) --root \(opened.root) --member \(opened.member) …, puis huisclos admin certify.",
                         en: "On the guest's device: huisclos enrol --code \(opened.code) --root \(opened.root) --member \(opened.member) …, then huisclos admin certify."))
            }
        }
    }

    struct Close: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "clore", abstract: "Met fin à une audition : nouvelle clé, effacement ordonné / ends a hearing.")
        @OptionGroup var device: DeviceOptions
        @Argument(help: "Identifiant de l'audition / hearing id.") var id: String

        func run() async throws {
            try await runReporting {
                try await device.open().run { try await $0.closeHearing(id) }
                say(Text(fr: "Audition \(id) close : nouvelle clé pour la portée, effacement de l'appareil de l'invité ordonné.",
                         en: "Hearing \(id) closed: new key for the scope, the guest's device ordered wiped."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les auditions / lists hearings.",
            discussion: "Exemple / example : huisclos auditions liste --json (dates ISO 8601 : jours AAAA-MM-JJ, échéance AAAA-MM-JJTHH:MM:SSZ)")

        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runReporting {
                try await device.open().run { try $0.hearingListing(in: language) }.show(json: json)
            }
        }
    }
}
