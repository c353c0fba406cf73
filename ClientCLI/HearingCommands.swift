import ArgumentParser
import Foundation
import HuisClosCouncil
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
struct Hearing: AsyncParsableCommand {
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
        @OptionGroup var token: Admin.Token
        @Option(name: .customLong("invite"), help: "Nom et qualité de la personne entendue / guest's name and quality.") var guestName: String
        @Option(name: .customLong("dossier"), help: "Dossier du conseil montré à l'invité / council dossier shown.") var dossier: String
        @Option(name: .customLong("jusqu-au"), help: "Échéance : AAAA-MM-JJ (fin du jour, UTC) ou AAAA-MM-JJTHH:MM:SSZ / expiry.") var until: String
        @Option(name: .customLong("arrete"), help: "Référence de la désignation / order reference.") var order: String?
        @Flag(help: "Sortie JSON / JSON output.") var json = false
        @Argument(help: "Identifiant de l'audition / hearing id.") var id: String

        struct Opened: Encodable { let hearing: String; let member: String; let code: String; let root: String; let expiry: String; let scope: String }

        func run() async throws {
            try await runRecords {
                let expiry = try parseExpiry(until, option: "--jusqu-au")
                let guest = try MemberID.generate()
                var opened: Opened?
                try await CouncilSession.with(device) { session in
                    let scope = try DossierScopes.hearing(id)
                    guard expiry > session.instant else {
                        throw DossierError(.invalidArgument, Text(fr: "--jusqu-au : l'échéance doit être dans le futur", en: "--jusqu-au: the expiry must be in the future"))
                    }
                    let secretariat = session.device
                    try await Hearing.requireSecretariat(secretariat)
                    let adminToken = try token.value()
                    // Checked before anything is signed, so a typo leaves no half-open hearing.
                    guard try DossierLibrary(store: secretariat.store).dossier(dossier)?.latest != nil else {
                        throw DossierError(.notFound, Text(fr: "aucun dossier du conseil « \(dossier) » sur cet appareil : synchronisez, puis voyez huisclos dossiers liste",
                                                       en: "no council dossier '\(dossier)' on this device: sync, then see huisclos dossiers liste"))
                    }
                    let reference = order ?? "audition \(id)"
                    try await secretariat.changeMembership { log, keyring, instant in
                        // The guest's mandate ends with the hearing: its devices stop being valid at the expiry too.
                        try log.append(.appointMember(Appointment(member: guest, role: .guest, orderNumber: reference, orderDate: instant,
                                                                  mandateEnd: expiry, scopes: [])),
                                       signedBy: keyring.device.signing, at: instant)
                        return try Hearings.open(id, guest: guest, until: expiry, log: &log, keyring: &keyring, at: instant)
                    }
                    // Recorded as soon as the grant exists, so no grant is ever left without its hearing:
                    // if the copy below fails, the hearing is withdrawn at once; if even that cannot
                    // be done (offline), `auditions clore` or the expiry closes it later.
                    try HearingRegister(store: secretariat.store).record(id, guest: guest.hex, guestName: guestName, dossier: dossier,
                                                                         on: session.today, expiry: expiry.unixSeconds)
                    do {
                        try await DossierLibrary(store: secretariat.store, scope: scope).copy(
                            dossier, from: DossierLibrary(store: secretariat.store), transfer: SealedFileTransfer(client: secretariat.relayClient),
                            attachedTo: "audition \(id)")
                    } catch {
                        try await Hearing.withdrawAfterFailedCopy(id, on: secretariat, today: session.today, cause: error)
                    }
                    let validity = UInt32(max(86_400, min(7 * 86_400, expiry.unixSeconds - session.instant.unixSeconds)))
                    let code = try await secretariat.enrolmentCode(adminToken: adminToken, validSeconds: validity)
                    _ = try await secretariat.sync()
                    opened = Opened(hearing: id, member: guest.hex, code: code.code,
                                    root: Hex.encode(await secretariat.membership.root.publicKey.bytes),
                                    expiry: ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(expiry.unixSeconds))),
                                    scope: scope.rawValue)
                }
                guard let opened else { return }
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
            try await runRecords {
                try await CouncilSession.with(device) { session in
                    try await Hearing.close(id, on: session.device, today: session.today, withdraw: true)
                    _ = try await session.device.sync()
                }
                say(Text(fr: "Audition \(id) close : nouvelle clé pour la portée, effacement de l'appareil de l'invité ordonné.",
                         en: "Hearing \(id) closed: new key for the scope, the guest's device ordered wiped."))
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "liste", abstract: "Liste les auditions / lists hearings.",
            discussion: "Exemple / example : huisclos auditions liste --json (dates ISO 8601 : jours AAAA-MM-JJ, échéance AAAA-MM-JJTHH:MM:SSZ)")

        /// A hearing in `--json`: days as ISO 8601 dates, the expiry as an ISO 8601 instant (UTC).
        struct Listed: Encodable {
            let id: String, guest: String, guestName: String, dossier: String, opened: String, expiry: String, closed: String?
            init(_ entry: HearingRegister.Entry) {
                id = entry.id
                guest = entry.guest
                guestName = entry.guestName
                dossier = entry.dossier
                opened = entry.opened.iso
                expiry = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(entry.expiry)))
                closed = entry.closed?.iso
            }
        }
        @OptionGroup var device: DeviceOptions
        @Flag(help: "Sortie JSON / JSON output.") var json = false

        func run() async throws {
            try await runRecords {
                try await CouncilSession.with(device) { session in
                    let hearings = try HearingRegister(store: session.device.store).list()
                    if json { return try printJSON(hearings.map(Listed.init)) }
                    var table = Table(headers: [Text.header("Audition", "Hearing"), Text.header("Invité", "Guest"), Text.header("Dossier", "Dossier"),
                                                Text.header("Ouverte le", "Opened"), Text.header("Échéance", "Expiry"), Text.header("Close le", "Closed")])
                    for hearing in hearings {
                        table.append([hearing.id, hearing.guestName, hearing.dossier, hearing.opened.iso,
                                      Listed(hearing).expiry, hearing.closed?.iso ?? ""])
                    }
                    Console.out(table.render() + "\n")
                }
            }
        }
    }

    /// Ends hearing `id` from the secretariat's `device`: withdraws the guest's grant first if
    /// `withdraw` (closing before expiry), orders the guest's devices wiped, starts a new epoch if
    /// due, and records the closing. The caller syncs.
    static func close(_ id: String, on device: Device, today: Day, withdraw: Bool) async throws {
        let register = HearingRegister(store: device.store)
        try await requireSecretariat(device)
        guard let hearing = try register.entry(id), let bytes = Hex.decode(hearing.guest), let guest = try? MemberID(bytes: bytes) else {
            throw DossierError(.notFound, Text(fr: "aucune audition \(id) sur cet appareil : synchronisez, puis voyez huisclos auditions liste",
                                               en: "no hearing \(id) on this device: sync, then see huisclos auditions liste"))
        }
        try await device.changeMembership { log, keyring, instant in
            if withdraw { try Hearings.withdraw(id, guest: guest, log: &log, signer: keyring.device.signing, at: instant) }
            return try Hearings.close(id, guestDevices: Hearings.devices(of: guest, in: log), log: &log, keyring: &keyring, at: instant)
        }
        try register.markClosed(id, on: today)
    }

    /// After the dossier copy of a hearing just opened failed: withdraws the guest's grant and
    /// closes the hearing (new epoch, wipe order), syncs, and throws saying so — or, when the
    /// withdrawal itself fails, says how to finish it (`auditions clore`). Never returns.
    static func withdrawAfterFailedCopy(_ id: String, on device: Device, today: Day, cause: any Error) async throws -> Never {
        do {
            try await close(id, on: device, today: today, withdraw: true)
            _ = try await device.sync()
        } catch {
            throw DossierError(.wrongState, Text(
                fr: "le dossier n'a pas pu être copié pour l'audition \(id) (\(cause)), et le retrait de l'audition a échoué aussi (\(error)) : "
                    + "lancez huisclos auditions clore \(id) quand le serveur sera joignable",
                en: "the dossier could not be copied for hearing \(id) (\(cause)), and withdrawing the hearing failed too (\(error)): "
                    + "run huisclos auditions clore \(id) once the server is reachable"))
        }
        throw DossierError(.wrongState, Text(
            fr: "le dossier n'a pas pu être copié pour l'audition \(id) (\(cause)) : l'audition est retirée (l'invité n'a jamais eu accès) ; corrigez la cause, puis ouvrez une nouvelle audition",
            en: "the dossier could not be copied for hearing \(id) (\(cause)): the hearing was withdrawn (its guest never had access); fix the cause, then open a new hearing"))
    }

    /// On a secretariat device, after each sync (plain or `--watch`): closes the hearings past
    /// their expiry (`closeExpired`) and says which, unless the output is JSON.
    static func closeExpiredAndSay(on device: Device, json: Bool) async throws {
        for hearing in try await closeExpired(on: device) where !json {
            say(Text(fr: "Audition \(hearing) échue : close, effacement de l'appareil de l'invité ordonné.",
                     en: "Hearing \(hearing) expired: closed, the guest's device ordered wiped."))
        }
    }

    /// Refuses, saying who does it, unless `device` is the secretariat's (it appoints the guest,
    /// makes the enrolment code and signs the wipe order).
    static func requireSecretariat(_ device: Device) async throws {
        let now = Instant(unixSeconds: Int64(Date().timeIntervalSince1970))
        guard await device.membership.role(of: device.member, at: now) == .secretariat else {
            throw DossierError(.forbidden, Text(fr: "seul le secrétariat ouvre et clôt les auditions (il nomme l'invité et signe l'ordre d'effacement) : adressez-vous au secrétariat",
                                                en: "only the secretariat opens and closes hearings (it appoints the guest and signs the wipe order): ask the secretariat"))
        }
    }

    /// On a secretariat device, after a sync: closes every hearing past its expiry not closed yet
    /// (wipe order for the guest's devices, new epoch if the sync has not started one), then syncs
    /// again to send it. Returns the hearings closed. Nothing happens on other devices.
    static func closeExpired(on device: Device) async throws -> [String] {
        let now = Int64(Date().timeIntervalSince1970)
        guard await device.membership.role(of: device.member, at: Instant(unixSeconds: now)) == .secretariat else { return [] }
        let due = try HearingRegister(store: device.store).list().filter { $0.closed == nil && $0.expiry <= now }
        guard !due.isEmpty else { return [] }
        let today = Day(unixSeconds: now) ?? Day(year: 1970, month: 1, day: 1)!
        for hearing in due { try await close(hearing.id, on: device, today: today, withdraw: false) }
        _ = try await device.sync()
        return due.map(\.id)
    }
}
