import HuisClosCrypto
import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
public import HuisClosPublication
import HuisClosSync
import HuisClosTrust
import HuisClosWire

/// A contribution as a member reads it on their device, opened with the consultation's key.
public struct ReadContribution: Sendable, Encodable, Equatable {
    /// Its position in the consultation's mailbox (what `consultations marquer` names).
    public let position: UInt64
    /// When the relay received it (ISO 8601).
    public let received: String
    /// `public` (the form) or `second-cercle` (a member's device).
    public let origin: String
    /// The text.
    public let text: String
    /// The contributor's name and e-mail, if given (public form).
    public let name: String?
    public let email: String?
    /// The second-circle member whose device signed it (name, or member id), verified against the log.
    public let author: String?
    /// `retenue`, `ecartee`, or nil.
    public let tag: String?
}

extension CouncilSession {
    /// Opens a consultation (president or secretariat), announces it and syncs.
    public func openConsultation(_ id: String, topic: String, question: String, audience: Consultation.Audience, closesAt: Int64,
                                 dossiers: [String]) async throws -> Consultation {
        let consultation = try Consultations(store: device.store).open(id: id, topic: topic, question: question, audience: audience,
                                                                       closesAt: closesAt, dossiers: dossiers, now: instant.unixSeconds)
        _ = try await device.sync()
        return consultation
    }

    /// Closes a consultation now, before its date, and syncs.
    public func closeConsultation(_ id: String) async throws {
        try Consultations(store: device.store).close(id, at: instant.unixSeconds)
        _ = try await device.sync()
    }

    /// The consultations this device knows, with their state now; the closing shown is the actual
    /// one when the council closed it early.
    public func consultationListing(in language: Language) throws -> Listing {
        var listing = Listing(headers: language == .french ? ["Identifiant", "Sujet", "Public", "Clôture", "État"] : ["Id", "Topic", "Audience", "Closes", "State"],
                              keys: ["id", "topic", "audience", "closes", "state"])
        for record in try Consultations(store: device.store).list() {
            let consultation = record.consultation
            let open = consultation.isOpen(at: instant.unixSeconds)
            let state = open ? Text(fr: "ouverte", en: "open") : consultation.closedEarly ? Text(fr: "close avant terme", en: "closed early") : Text(fr: "close", en: "closed")
            var json: [String: JSONValue] = ["closes": .string(LocalTime.iso(unixMs: consultation.closesAt * 1000)), "state": .string(open ? "open" : "closed")]
            if consultation.closedEarly { json["closed_at"] = .string(LocalTime.iso(unixMs: consultation.end * 1000)) }
            listing.append([consultation.id, consultation.topic, consultation.audience.rawValue,
                            LocalTime.text(unixSeconds: consultation.end, in: language), state.in(language)], json: json)
        }
        return listing
    }

    /// Consultation `id` as a person reads it: topic, question, audience, closing and state now, dossiers.
    public func consultationDetails(_ id: String) throws -> Text {
        let record = try Consultations(store: device.store).record(id)
        let consultation = record.consultation
        let open = consultation.isOpen(at: instant.unixSeconds)
        let form = formAddress(of: consultation)
        return Text(fr: "\(consultation.topic)\nQuestion : \(consultation.question)\nPublic : \(consultation.audience.rawValue)\n"
                        + "Clôture : \(closingLine(consultation, open: open).french)\n"
                        + "Dossiers joints : \(record.dossiers.isEmpty ? "aucun" : record.dossiers.joined(separator: ", "))"
                        + (form.map { "\nFormulaire public : \($0)" } ?? ""),
                    en: "\(consultation.topic)\nQuestion: \(consultation.question)\nAudience: \(consultation.audience.rawValue)\n"
                        + "Closes: \(closingLine(consultation, open: open).english)\n"
                        + "Attached dossiers: \(record.dossiers.isEmpty ? "none" : record.dossiers.joined(separator: ", "))"
                        + (form.map { "\nPublic form: \($0)" } ?? ""))
    }

    /// « 31/12/2027 23 h 59 (ouverte) », or for a consultation closed early « 06/12/2026 10 h 47 (close
    /// avant terme, prévue le 31/12/2027 23 h 59) ».
    private func closingLine(_ consultation: Consultation, open: Bool) -> Text {
        let planned = Text(fr: LocalTime.text(unixSeconds: consultation.closesAt, in: .french), en: LocalTime.text(unixSeconds: consultation.closesAt, in: .english))
        guard consultation.closedEarly else { return Text(fr: "\(planned.french) (\(open ? "ouverte" : "close"))", en: "\(planned.english) (\(open ? "open" : "closed"))") }
        return Text(fr: "\(LocalTime.text(unixSeconds: consultation.end, in: .french)) (close avant terme, prévue le \(planned.french))",
                    en: "\(LocalTime.text(unixSeconds: consultation.end, in: .english)) (closed early, planned for \(planned.english))")
    }

    /// What opening `consultation` tells the person: until when, and the public form's address.
    public func openedSentence(_ consultation: Consultation) -> Text {
        let form = formAddress(of: consultation)
        return Text(fr: "Consultation \(consultation.id) ouverte jusqu'au \(LocalTime.text(unixSeconds: consultation.closesAt, in: .french))."
                        + (form.map { "\nFormulaire public : \($0)" } ?? ""),
                    en: "Consultation \(consultation.id) open until \(LocalTime.text(unixSeconds: consultation.closesAt, in: .english))."
                        + (form.map { "\nPublic form: \($0)" } ?? ""))
    }

    /// The public form's address on the device's relay, for a public consultation.
    func formAddress(of consultation: Consultation) -> String? {
        consultation.audience == .public ? "\(device.server)/public/\(PublicSite.consultationsFolder)/\(consultation.id).html" : nil
    }

    /// Fetches consultation `id`'s contributions from the relay and opens them with its key
    /// (which only the council scope holds): a box that does not open, or a second-circle
    /// contribution whose signature is not a second-circle device's of the log, is counted apart.
    public func contributions(_ id: String) async throws -> (opened: [ReadContribution], unreadable: Int) {
        let consultations = Consultations(store: device.store)
        _ = try consultations.record(id)
        let keys = try consultations.keyPair(id)
        let tags = try consultations.tags(id)
        var opened: [ReadContribution] = []
        var unreadable = 0
        let membership = await device.membership
        var after: UInt64 = 0
        while true {
            let page = try await device.relayClient.contributions(of: id, after: after)
            guard let last = page.entries.last else { break }
            for entry in page.entries {
                guard let contribution = Contribution.open(entry.sealed, with: keys, consultation: id),
                      let read = reading(contribution, entry: entry, tag: tags[entry.position], membership: membership) else {
                    unreadable += 1
                    continue
                }
                opened.append(read)
            }
            after = last.position
        }
        return (opened, unreadable)
    }

    /// Tags contribution `position` of consultation `id` and syncs.
    public func tagContribution(_ id: String, position: UInt64, as tag: Consultations.Tag) async throws {
        try Consultations(store: device.store).tag(id, position: position, as: tag)
        _ = try await device.sync()
    }

    /// Sends this second-circle member's contribution to consultation `id` (from its announcement
    /// in the public scope): refused here already when closed or when the device is not a
    /// second-circle member's; the relay checks the same.
    public func contribute(_ text: String, to id: String) async throws {
        let consultation = try Consultations(store: device.store).announced(id)
        guard consultation.isOpen(at: instant.unixSeconds) else { throw ContributionRefusal(.closed) }
        guard await device.membership.role(of: device.member, at: instant) == .secondCircle else {
            throw DossierError(.forbidden, Text(fr: "seuls les membres du second cercle contribuent depuis leur appareil ; le public utilise le formulaire du site public",
                                                en: "only second-circle members contribute from their devices; the public uses the public site's form"))
        }
        _ = try Contribution(consultation: id, origin: .secondCircle, text: text)
        try await device.contribute(text, to: consultation)
    }

    /// The reading of an opened contribution; nil for a second-circle one not signed by a
    /// second-circle member's device certified in the log.
    private func reading(_ contribution: Contribution, entry: ContributionPage.Entry, tag: Consultations.Tag?,
                         membership: MembershipState) -> ReadContribution? {
        var author: String?
        if contribution.origin == .secondCircle {
            guard let key = contribution.verifiedDevice, let member = membership.certificate(of: key)?.member else { return nil }
            author = name(member.hex)
        }
        return ReadContribution(position: entry.position, received: LocalTime.iso(unixMs: Int64(clamping: entry.receivedAtMs)),
                                origin: contribution.origin.rawValue, text: contribution.text, name: contribution.name, email: contribution.email,
                                author: author, tag: tag?.rawValue)
    }
}
