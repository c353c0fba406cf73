import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosL10n
import HuisClosMail

/// What became of one member's notice.
public struct NoticeOutcome: Sendable {
    public enum Status: Sendable {
        /// Accepted by the mail server (its words, usually a queue id).
        case sent(String)
        /// Sent earlier for this version of the convocation: not sent again.
        case alreadySent
        /// No address recorded for this member (`huisclos membres courriel`).
        case noAddress
        /// Not sent: why, and what to do. Sending again sends only what failed.
        case failed(MailError)
    }

    public let member: Member
    public let address: String?
    public let status: Status
}

extension CouncilSession {
    /// The device-local setting that holds the mail server's settings (JSON, in the encrypted replica).
    static let mailSettingName = "mail.smtp"

    /// This device's mail server settings, if configured.
    public func mailSettings() async throws -> SMTPSettings? {
        guard let bytes = try await device.localSetting(Self.mailSettingName) else { return nil }
        return try JSONDecoder().decode(SMTPSettings.self, from: Data(bytes))
    }

    /// Keeps `settings` on this device (the secretariat's), checked first.
    public func configureMail(_ settings: SMTPSettings) async throws {
        try requireSecretariat(Text(fr: "configurer l'envoi des courriels", en: "configure e-mail sending"))
        try settings.validate()
        try await device.setLocalSetting(Self.mailSettingName, Array(try JSONEncoder().encode(settings)))
    }

    /// Records `member`'s address for notices (nil removes it); the secretariat keeps the register.
    public func recordEmail(member: String, address: String?) throws {
        try requireSecretariat(Text(fr: "enregistrer les adresses des membres", en: "record members' addresses"))
        if let address, MailAddress(address) == nil {
            throw MailError(.addressRefused, Text(
                fr: "« \(address) » n'est pas une adresse de courriel utilisable (nom@domaine.fr, sans espace ni caractère spécial).",
                en: "\"\(address)\" is not a usable e-mail address (name@domain.org, no space or special character)."))
        }
        try council.recordEmail(member: member, address: address)
    }

    /// E-mails each first-circle member in office on `seance`'s day a notice that its convocation
    /// (or its change, or its cancellation) awaits them in HuisClos: content-free, with the
    /// calendar invitation only when the council allows it. Each accepted notice is recorded, so
    /// sending again after a failure sends only what did not leave; the Message-ID is the same for
    /// the same notice, so a message accepted but not recorded (a crash in between) can be
    /// recognised as a duplicate by the receiving side.
    public func notify(seance id: String) async throws -> [NoticeOutcome] {
        try requireSecretariat(Text(fr: "envoyer les avis de convocation", en: "send convocation notices"))
        guard let settings = try await mailSettings() else {
            throw MailError(.badSettings, Text(
                fr: "Aucun serveur de courriel sur cet appareil : configurez-le d'abord (huisclos courriel configurer --serveur … --expediteur …).",
                en: "No mail server on this device: configure it first (huisclos courriel configurer --serveur … --expediteur …)."))
        }
        let seance = try council.seance(id)
        let profiles = try council.profiles()
        let already = try council.notified(seance: id, revision: seance.revision)
        let calendar = await seanceCalendar()
        let invitation = try council.invitationAttached()
            ? MailMessage.Attachment(filename: "convocation-\(SeanceCalendar.escapeUID(id)).ics",
                                     contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                                     bytes: Array(calendar.ics(for: seance, stampUnixSeconds: instant.unixSeconds, language: .french).utf8))
            : nil
        let notice = Self.notice(for: seance, councilName: calendar.councilName)
        var outcomes: [NoticeOutcome] = []
        for member in register.register.firstCircle(on: seance.date) {
            let address = profiles[member.id]?.email
            guard let address, let to = MailAddress(address) else {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .noAddress))
                continue
            }
            if already.contains(member.id) {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .alreadySent))
                continue
            }
            let message = MailMessage(from: settings.sender, fromName: settings.senderName, to: to, subject: notice.subject,
                                      body: notice.body, attachments: invitation.map { [$0] } ?? [],
                                      messageID: "convocation.\(SeanceCalendar.escapeUID(id)).\(seance.revision).\(member.id.prefix(16)).\(calendar.councilTag)@huisclos",
                                      dateUnixSeconds: instant.unixSeconds)
            let accepted: String
            do {
                accepted = try await SMTPClient.send(message, with: settings)
            } catch {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .failed(error)))
                continue
            }
            try council.recordNotice(seance: id, member: member.id, revision: seance.revision, sentMs: instant.unixSeconds * 1000)
            outcomes.append(NoticeOutcome(member: member, address: address, status: .sent(accepted)))
        }
        return outcomes
    }

    /// The outcome of each notice: member, address, what became of it (and why not, in JSON `error`).
    public static func noticeListing(_ outcomes: [NoticeOutcome], in language: Language) -> Listing {
        var listing = Listing(headers: [Text(fr: "Membre", en: "Member").in(language), Text(fr: "Adresse", en: "Address").in(language),
                                        Text(fr: "Avis", en: "Notice").in(language)],
                              keys: ["member", "address", "status"])
        for outcome in outcomes {
            let (key, word, detail): (String, Text, Text?) = switch outcome.status {
            case .sent: ("sent", Text(fr: "envoyé", en: "sent"), nil)
            case .alreadySent: ("alreadySent", Text(fr: "déjà envoyé", en: "already sent"), nil)
            case .noAddress: ("noAddress", Text(fr: "sans adresse (huisclos membres courriel)", en: "no address (huisclos membres courriel)"), nil)
            case let .failed(error): ("failed", Text(fr: "échec", en: "failed"), error.text)
            }
            listing.append([outcome.member.name, outcome.address, word.in(language) + (detail.map { " : " + $0.in(language) } ?? "")],
                           json: ["status": .string(key), "error": detail.map { .string($0.in(language)) } ?? .null])
        }
        return listing
    }

    /// A notice's words, French then English (the member's language is not known to the sender):
    /// it says a convocation awaits, and nothing of its date, place, agenda or dossiers.
    static func notice(for seance: Seance, councilName: String) -> (subject: String, body: String) {
        let (subjectFR, subjectEN, whatFR, whatEN) = seance.cancelled
            ? ("Séance annulée", "Séance cancelled", "Une séance du \(councilName) a été annulée", "A séance of the \(councilName) was cancelled")
            : seance.revision > 0
                ? ("Convocation modifiée", "Convocation changed", "Une convocation modifiée du \(councilName) vous attend", "A changed convocation of the \(councilName) awaits you")
                : ("Convocation", "Convocation", "Une convocation du \(councilName) vous attend", "A convocation of the \(councilName) awaits you")
        let body = """
            Bonjour,

            \(whatFR) dans HuisClos. Ouvrez HuisClos sur votre appareil et synchronisez-le pour la lire \
            (huisclos sync, puis huisclos seances liste).

            Ce message ne contient aucune information confidentielle. Merci de ne pas y répondre.

            --
            \(whatEN) in HuisClos. Open HuisClos on your device and sync it to read it \
            (huisclos sync, then huisclos seances liste).

            This message holds no confidential information. Please do not reply.
            """
        return ("\(subjectFR) — HuisClos / \(subjectEN)", body)
    }
}
