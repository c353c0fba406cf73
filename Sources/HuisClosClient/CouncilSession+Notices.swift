import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
public import HuisClosL10n
public import HuisClosMail
import HuisClosTrust

/// What became of one member's notice.
public struct NoticeOutcome: Sendable {
    public enum Status: Sendable {
        /// Accepted by the mail server (its words, usually a queue id).
        case sent(String)
        /// Sent earlier for this version of the convocation: not sent again.
        case alreadySent
        /// No address recorded for this member (`huisclos membres courriel`).
        case noAddress
        /// A cancellation for a member never told of the séance: nothing to send.
        case nothingToSend
        /// Not tried: the run stopped at an earlier failure of the server or its login (said once, there).
        case notTried
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

    /// This device's mail settings as a listing (password masked) and whether the council
    /// attaches the invitation to notices.
    public func mailSettingsListing(in language: Language) async throws -> Listing {
        let settings = try await mailSettings()
        var listing = Listing(headers: [Text(fr: "Réglage", en: "Setting").in(language), Text(fr: "Valeur", en: "Value").in(language)], keys: ["setting", "value"])
        let invitation = try council.invitationAttached()
        // The table names each setting in the person's language; the JSON keeps the stable keys.
        let rows: [(key: String, label: Text, value: String?)] = [
            ("server", Text(fr: "serveur", en: "server"), settings.map { "\($0.host):\($0.port)" }),
            ("security", Text(fr: "sécurité", en: "security"), settings?.security.rawValue),
            ("sender", Text(fr: "expéditeur", en: "sender"), settings.map { "\($0.senderName) <\($0.sender)>" }),
            ("username", Text(fr: "identifiant", en: "username"), settings?.username),
            ("password", Text(fr: "mot de passe", en: "password"), settings?.password == nil ? nil : "********"),
            ("authority", Text(fr: "autorités de confiance", en: "trust roots"), settings?.trustRootsFile),
            ("invitation", Text(fr: "invitation jointe", en: "invitation attached"), (invitation ? Text(fr: "oui", en: "yes") : Text(fr: "non", en: "no")).in(language)),
        ]
        for row in rows {
            listing.append([row.label.in(language), row.value], json: ["setting": .string(row.key)])
        }
        return listing
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
        if let address, MailAddress(address) == nil { throw Self.unusableAddress(address) }
        try council.recordEmail(member: member, address: address)
    }

    /// This device's mail settings; refused, saying how to configure them, when there are none.
    func requireMailSettings() async throws -> SMTPSettings {
        guard let settings = try await mailSettings() else {
            throw MailError(.badSettings, Text(
                fr: "Aucun serveur de courriel sur cet appareil : configurez-le d'abord (huisclos courriel configurer --serveur … --expediteur …).",
                en: "No mail server on this device: configure it first (huisclos courriel configurer --serveur … --expediteur …)."))
        }
        return settings
    }

    /// Tries the mail settings (the secretariat): connects, encrypts, logs in and, with `address`,
    /// sends it a test message holding nothing of the council's; returns what succeeded.
    public func testMail(sendingTo address: String?) async throws -> Text {
        try requireSecretariat(Text(fr: "essayer l'envoi des courriels", en: "try e-mail sending"))
        let settings = try await requireMailSettings()
        let login = settings.username == nil ? Text(fr: "sans identifiant", en: "no login")
            : Text(fr: "identifiant et mot de passe acceptés", en: "user name and password accepted")
        let reached = Text(fr: "Serveur \(settings.host):\(settings.port) joint (\(settings.security.rawValue)), \(login.french)",
                           en: "Server \(settings.host):\(settings.port) reached (\(settings.security.rawValue)), \(login.english)")
        guard let address else {
            try await SMTPClient.check(settings)
            return Text(fr: reached.french + " ; aucun message envoyé.", en: reached.english + "; no message sent.")
        }
        guard let to = MailAddress(address) else { throw Self.unusableAddress(address) }
        let accepted = try await SMTPClient.send(MailMessage(
            from: settings.sender, fromName: settings.senderName, to: to, subject: "Essai — HuisClos / Test",
            body: "Message d'essai de l'envoi des avis de HuisClos. / A test of HuisClos's notices.",
            messageID: "test.\(instant.unixSeconds).\(me.prefix(16))@huisclos", dateUnixSeconds: instant.unixSeconds), with: settings)
        return Text(fr: reached.french + " ; message d'essai accepté pour \(to) (\(accepted)).",
                    en: reached.english + "; test message accepted for \(to) (\(accepted)).")
    }

    static func unusableAddress(_ address: String) -> MailError {
        MailError(.addressRefused, Text(
            fr: "« \(address) » n'est pas une adresse de courriel utilisable (nom@domaine.fr, sans espace ni caractère spécial).",
            en: "\"\(address)\" is not a usable e-mail address (name@domain.org, no space or special character)."))
    }

    /// E-mails each first-circle member in office on `seance`'s day a notice that its convocation
    /// (or its change, or its cancellation) awaits them in HuisClos: content-free, with the
    /// calendar invitation only when the council allows it. The words follow what the member was
    /// already sent (`Seance.noticeKind`). Each accepted notice is recorded, so sending again after
    /// a failure sends only what did not leave; a failure of the server or its login stops the
    /// run (the rest `notTried`). The Message-ID is the same for the same notice, so a message
    /// accepted but not recorded (a crash in between) can be recognised as a duplicate by the
    /// receiving side. Refused for a séance held or past (`Seance.requireNoticeDue`). A revision
    /// notified with other content than the merged record is raised first (`reviseIfNotifiedOtherwise`).
    public func notify(seance id: String) async throws -> [NoticeOutcome] {
        try requireSecretariat(Text(fr: "envoyer les avis de convocation", en: "send convocation notices"))
        try council.seance(id).requireNoticeDue(today: today)
        let settings = try await requireMailSettings()
        let seance = try council.reviseIfNotifiedOtherwise(seance: id)
        let profiles = try council.profiles()
        let sent = try council.notices(of: id)
        let calendar = await seanceCalendar()
        let invitation = try council.invitationAttached()
            ? MailMessage.Attachment(filename: "convocation-\(SeanceCalendar.escapeUID(id)).ics",
                                     contentType: "text/calendar; charset=utf-8; method=PUBLISH",
                                     bytes: Array(calendar.ics(for: seance, stampUnixSeconds: instant.unixSeconds, language: .french).utf8))
            : nil
        var outcomes: [NoticeOutcome] = []
        var stopped = false
        for member in register.register.firstCircle(on: seance.date) {
            let address = profiles[member.id]?.email
            guard let address, let to = MailAddress(address) else {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .noAddress))
                continue
            }
            let own = sent.filter { $0.member == member.id }
            if own.contains(where: { $0.revision == seance.revision }) {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .alreadySent))
                continue
            }
            guard let kind = seance.noticeKind(earlierNoticeSent: own.contains { $0.revision < seance.revision }) else {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .nothingToSend))
                continue
            }
            guard !stopped else {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .notTried))
                continue
            }
            let notice = Self.notice(kind, councilName: calendar.councilName)
            let message = MailMessage(from: settings.sender, fromName: settings.senderName, to: to, subject: notice.subject,
                                      body: notice.body, attachments: invitation.map { [$0] } ?? [],
                                      messageID: "convocation.\(SeanceCalendar.escapeUID(id)).\(seance.revision).\(member.id.prefix(16)).\(calendar.councilTag)@huisclos",
                                      dateUnixSeconds: instant.unixSeconds)
            let accepted: String
            do {
                accepted = try await SMTPClient.send(message, with: settings)
            } catch {
                outcomes.append(NoticeOutcome(member: member, address: address, status: .failed(error)))
                stopped = error.concernsTheServer
                continue
            }
            try council.recordNotice(seance: id, member: member.id, revision: seance.revision, content: seance.noticedContent,
                                     sentMs: instant.unixSeconds * 1000)
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
            case .nothingToSend: ("nothingToSend", Text(fr: "rien à envoyer (jamais avisé·e de cette séance)", en: "nothing to send (never told of this séance)"), nil)
            case .notTried: ("notTried", Text(fr: "non tenté (voir l'échec ci-dessus)", en: "not tried (see the failure above)"), nil)
            case let .failed(error): ("failed", Text(fr: "échec", en: "failed"), error.text)
            }
            listing.append([outcome.member.name, outcome.address, word.in(language) + (detail.map { " : " + $0.in(language) } ?? "")],
                           json: ["status": .string(key), "error": detail.map { .string($0.in(language)) } ?? .null])
        }
        return listing
    }

    /// What a run of notices calls for beyond its table: the failures to fix and send again
    /// (`failed`), or that nothing had to leave; nil when every notice left.
    public static func noticeSummary(_ outcomes: [NoticeOutcome], seance: String) -> (text: Text, failed: Bool)? {
        let unsent = outcomes.filter { if case .failed = $0.status { true } else if case .notTried = $0.status { true } else { false } }.count
        if unsent > 0 {
            let count = Text.count(unsent, fr: ("avis non envoyé", "avis non envoyés"), en: ("notice not sent", "notices not sent"))
            return (Text(fr: "\(count.french) : corrigez la cause dite ci-dessus puis relancez huisclos seances notifier \(seance) (seuls les manquants partiront).",
                         en: "\(count.english): fix the cause above, then run huisclos seances notifier \(seance) again (only the missing ones will leave)."), true)
        }
        func any(_ status: (NoticeOutcome.Status) -> Bool) -> Bool { outcomes.contains { status($0.status) } }
        guard !any({ if case .sent = $0 { true } else { false } }) else { return nil }
        if any({ if case .alreadySent = $0 { true } else { false } }) {
            return (Text(fr: "Aucun avis envoyé : chaque membre avec une adresse a déjà reçu celui de cette version.",
                         en: "No notice sent: every member with an address already got the one of this version."), false)
        }
        if any({ if case .nothingToSend = $0 { true } else { false } }) {
            return (Text(fr: "Aucun membre n'avait été avisé de la séance \(seance) : rien à envoyer pour son annulation.",
                         en: "No member had been notified of séance \(seance): nothing to send for its cancellation."), false)
        }
        return (Text(fr: "Aucun avis envoyé : aucun membre en fonction ce jour-là n'a d'adresse (huisclos membres courriel).",
                     en: "No notice sent: no member in office that day has an address (huisclos membres courriel)."), false)
    }

    /// A notice's words, French then English (the member's language is not known to the sender):
    /// it says a convocation awaits, and nothing of its date, place, agenda or dossiers.
    static func notice(_ kind: Seance.NoticeKind, councilName: String) -> (subject: String, body: String) {
        let (subjectFR, subjectEN, whatFR, whatEN) = switch kind {
        case .cancellation: ("Séance annulée", "Séance cancelled", "Une séance du \(councilName) a été annulée", "A séance of the \(councilName) was cancelled")
        case .changed: ("Convocation modifiée", "Convocation changed", "Une convocation modifiée du \(councilName) vous attend", "A changed convocation of the \(councilName) awaits you")
        case .convocation: ("Convocation", "Convocation", "Une convocation du \(councilName) vous attend", "A convocation of the \(councilName) awaits you")
        }
        let body = """
            Bonjour,

            \(whatFR) dans HuisClos. Ouvrez HuisClos sur votre appareil et synchronisez-le pour la lire \
            (huisclos sync, puis huisclos seances liste et huisclos seances voir <séance> : \
            c'est en la lisant ainsi que vous en accusez la lecture).

            Ce message ne contient aucune information confidentielle. Merci de ne pas y répondre.

            --
            \(whatEN) in HuisClos. Open HuisClos on your device and sync it to read it \
            (huisclos sync, then huisclos seances liste and huisclos seances voir <séance>: \
            reading it so acknowledges it).

            This message holds no confidential information. Please do not reply.
            """
        return ("\(subjectFR) — HuisClos / \(subjectEN)", body)
    }
}
