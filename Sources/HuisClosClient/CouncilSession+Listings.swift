import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
public import HuisClosL10n
import HuisClosTrust
import HuisClosWire

/// The council's listings as every face shows them: a table in the person's language, or
/// language-free JSON keywords (`Listing`).
extension CouncilSession {
    /// The register: each member's latest mandate with role and state (a keyword and a label),
    /// then the secretariat's accounts.
    public func memberListing(in language: Language) -> Listing {
        func header(_ fr: String, _ en: String) -> String { Text(fr: fr, en: en).in(language) }
        let register = self.register.register
        var listing = Listing(headers: [header("Identifiant", "Id"), header("Nom", "Name"), header("Cercle", "Circle"),
                                        header("Rôle", "Role"), header("Catégorie", "Category"), header("Arrêté", "Order"),
                                        header("Début", "Start"), header("Fin", "End"), header("État", "Status"),
                                        header("Mandats", "Mandates")],
                              keys: ["id", "name", "circle", "role", "category", "order", "start", "end", "status", "mandates"])
        for member in register.members.values.sorted(by: { $0.name != $1.name ? FrenchCollation.precedes($0.name, $1.name) : $0.id < $1.id }) {
            guard let mandate = member.mandates.last else { continue }
            let role: (String, Text) = register.presidentID == member.id ? ("president", Text(fr: "président·e", en: "president"))
                : register.vicePresidents.contains { $0.memberID == member.id && $0.appointedOn != nil } ? ("vicePresident", Text(fr: "vice-président·e", en: "vice-president"))
                : member.circle == .first ? ("member", Text(fr: "membre", en: "member")) : ("secondCircle", Text(fr: "second cercle", en: "second circle"))
            let state: (String, Text) = member.isInOffice(on: today) ? ("inOffice", Text(fr: "en fonction", en: "in office"))
                : mandate.earlyEnd?.reason == .declaredResigned ? ("declaredResigned", Text(fr: "démissionnaire d'office", en: "declared resigned"))
                : mandate.earlyEnd?.reason == .resignation ? ("resigned", Text(fr: "démission", en: "resigned"))
                : ("ended", Text(fr: "mandat terminé", en: "mandate ended"))
            listing.append([member.id, member.name, member.circle.label.in(language), role.1.in(language),
                            member.category.label.in(language), mandate.orderNumber, mandate.start.text(in: language), mandate.end.text(in: language),
                            state.1.in(language), "\(member.mandates.count)"],
                           json: ["circle": .string(member.circle.rawValue), "role": .string(role.0),
                                  "start": .string(mandate.start.iso), "end": .string(mandate.end.iso),
                                  "category": .string(member.category.rawValue), "status": .string(state.0),
                                  "mandates": .int(member.mandates.count)])
        }
        // Secretariat accounts are not members: no name, circle, category or mandate.
        for id in self.register.secretariat.sorted() {
            listing.append([id, header("secrétariat", "secretariat"), nil, header("secrétariat", "secretariat"),
                            nil, nil, nil, nil, header("en fonction", "in office"), nil],
                           json: ["name": .null, "role": .string("secretariat"), "status": .string("inOffice")])
        }
        return listing
    }

    /// What the register listing warns of: a vice-presidency without the president's proposal
    /// (information), and each log record the register refused (a problem: never silently dropped).
    public var registerWarnings: [ReportLine] {
        let unproposed = register.vicePresidentsWithoutProposal.sorted().joined(separator: ", ")
        let warning = Text(fr: "Attention : vice-présidence sans proposition de la présidence enregistrée : \(unproposed)",
                           en: "Warning: vice-presidency without a recorded proposal by the president: \(unproposed)")
        return (unproposed.isEmpty ? [] : [.info(warning)]) + register.unfolded.map { refused in .problem(Text(
            fr: "Attention : l'enregistrement n° \(refused.recordIndex) du registre signé (membre \(refused.member)) n'apparaît pas dans cette liste : \(refused.refusal.text.french)",
            en: "Warning: signed log record #\(refused.recordIndex) (member \(refused.member)) is not in this listing: \(refused.refusal.text.english)")) }
    }

    /// The first circle's balance today: members per category and gender, the total against the
    /// seats, and (JSON only) the share of women among declared genders.
    public func compositionListing(in language: Language) -> (listing: Listing, percentWomen: Int?) {
        let composition = Composition(of: register.register, on: today)
        var listing = Listing(headers: [Text(fr: "Premier cercle : catégorie / genre", en: "First circle: category / gender").in(language),
                                        Text(fr: "Membres", en: "Members").in(language)],
                              keys: ["group", "members"])
        func row(_ key: String, _ label: Text, _ count: Int, shown: String? = nil) {
            listing.append([label.in(language), shown ?? "\(count)"], json: ["group": .string(key), "members": .int(count)])
        }
        for category in Member.Category.allCases { row(category.rawValue, category.label, composition.byCategory[category, default: 0]) }
        for gender in Member.Gender.allCases { row(gender.rawValue, gender.label, composition.byGender[gender, default: 0]) }
        row("undeclared", Text(fr: "non déclaré", en: "undeclared"), composition.undeclared)
        row("total", Text(fr: "total", en: "total"), composition.total, shown: "\(composition.total) / \(CouncilRules.firstCircleMembersMax)")
        let womenPercent = composition.shareOfWomen.map { Int(($0 * 100).rounded()) }
        listing.appendJSONOnly(["group": .string("parity"), "members": .null, "percentWomen": womenPercent.map(JSONValue.int) ?? .null])
        return (listing, womenPercent)
    }

    /// `seances`, each with its date, place, number of items, attendance state and quorum once closed.
    public func seanceListing(_ seances: [Seance], in language: Language) -> Listing {
        var listing = Listing(headers: [Text(fr: "Séance", en: "Séance").in(language), "Date", Text(fr: "Heure", en: "Time").in(language),
                                        Text(fr: "Lieu", en: "Place").in(language), Text(fr: "Points", en: "Items").in(language),
                                        Text(fr: "Présence", en: "Attendance").in(language), "Quorum"],
                              keys: ["id", "date", "start", "place", "items", "attendance", "quorum"])
        for seance in seances {
            let quorum = self.quorum(of: seance)
            let closed = seance.attendanceClosed
            let state = seance.cancelled ? Text(fr: "annulée", en: "cancelled") : Text(fr: closed ? "close" : "ouverte", en: closed ? "closed" : "open")
            let time = seance.start.map { start in
                Text(fr: start.french + (seance.end.map { " – " + $0.french } ?? ""), en: start.iso + (seance.end.map { "–" + $0.iso } ?? "")).in(language)
            }
            listing.append([seance.id, seance.date.text(in: language), time,
                            seance.place, "\(seance.agenda.count)", state.in(language),
                            closed ? "\(quorum.present)/\(quorum.inOffice) " + (quorum.isReached ? "✓" : "✗") : nil],
                           json: summaryFields(of: seance))
        }
        return listing
    }

    /// A séance as one JSON object, what an action on it (`seances convoquer`, `ordre-du-jour …`)
    /// prints with `--json`: the fields of `seances liste --json`, its revision and cancellation,
    /// and its agenda (each item with its rank, title and dossiers).
    public func seanceJSON(_ id: String) throws -> JSONValue {
        let seance = try council.seance(id)
        var fields = summaryFields(of: seance)
        fields["id"] = .string(seance.id)
        fields["place"] = .string(seance.place)
        fields["revision"] = .int(seance.revision)
        fields["cancelled"] = .bool(seance.cancelled)
        fields["agenda"] = .array(seance.agenda.enumerated().map { index, item in
            .object(["rank": .int(index + 1), "item": .string(item.id), "title": .string(item.title),
                     "dossiers": .array(item.dossierIDs.map(JSONValue.string))])
        })
        return .object(fields)
    }

    /// The JSON fields of a séance in `seances liste --json` beyond its id and place.
    private func summaryFields(of seance: Seance) -> [String: JSONValue] {
        let quorum = self.quorum(of: seance)
        let closed = seance.attendanceClosed
        return ["date": .string(seance.date.iso), "items": .int(seance.agenda.count), "start": seance.start.map { .string($0.iso) } ?? .null,
                "end": seance.end.map { .string($0.iso) } ?? .null, "urgent": .bool(seance.urgent),
                "attendance": .string(seance.cancelled ? "cancelled" : closed ? "closed" : "open"),
                "quorum": closed ? .object(["present": .int(quorum.present), "inOffice": .int(quorum.inOffice),
                                            "reached": .bool(quorum.isReached)]) : .null]
    }

    /// `seance`'s agenda, each item with its rank and dossiers (and, in JSON, the séance, its date and place).
    public func agendaListing(of seance: Seance, in language: Language) -> Listing {
        var listing = Listing(headers: ["#", Text(fr: "Point", en: "Item").in(language), Text(fr: "Titre", en: "Title").in(language),
                                        Text(fr: "Dossiers", en: "Dossiers").in(language)],
                              keys: ["rank", "item", "title", "dossiers"])
        for (index, item) in seance.agenda.enumerated() {
            listing.append(["\(index + 1)", item.id, item.title, item.dossierIDs.joined(separator: ", ")],
                           json: ["rank": .int(index + 1), "dossiers": .string(item.dossierIDs.joined(separator: ",")),
                                  "seance": .string(seance.id), "date": .string(seance.date.iso), "place": .string(seance.place)])
        }
        return listing
    }

    /// Who received and read `id`'s convocation, when (each device's clock and the relay's arrival
    /// time) and, once the secretariat time-stamped them, the TSA's time when its token verifies
    /// offline here (the refusal's code otherwise). `convocation` says the same of each stamped
    /// revision of the convocation itself (in JSON: objects with `subject` "convocation").
    public func acknowledgementListing(of id: String, in language: Language) async throws -> (listing: Listing, convocation: [Text]) {
        _ = try council.seance(id)
        let acknowledgements = try council.acknowledgements(of: id)
        let checks = try await timestampChecks(of: id)
        let notices = try council.notices(of: id)
        var listing = Listing(headers: [Text(fr: "Membre", en: "Member"), Text(fr: "Version", en: "Version"), Text(fr: "Avis", en: "Notice"),
                                        Text(fr: "Appareil", en: "Device"),
                                        Text(fr: "Reçue (appareil)", en: "Received (device)"), Text(fr: "Reçue (serveur)", en: "Received (server)"),
                                        Text(fr: "Reçue (TSA)", en: "Received (TSA)"),
                                        Text(fr: "Lue (appareil)", en: "Read (device)"), Text(fr: "Lue (serveur)", en: "Read (server)"),
                                        Text(fr: "Lue (TSA)", en: "Read (TSA)")].map { $0.in(language) },
                              keys: ["name", "revision", "noticeSent", "device", "received", "receivedServer", "receivedTsa",
                                     "read", "readServer", "readTsa"])
        let membership = await device.membership
        // An acknowledgement names its device by the first hex digits of its signing key; a person
        // compares devices by the fingerprint every other screen shows.
        func fingerprint(_ prefix: String, of member: Member) -> String {
            guard let id = try? MemberID(hex: member.id) else { return prefix }
            return membership.devices(of: id).first { Hex.encode($0.certificate.signingKey.bytes).hasPrefix(prefix) }?.fingerprint.description ?? prefix
        }
        func time(_ ms: Int64?) -> String? { ms.map { LocalTime.text(unixMs: $0, in: language) } }
        func iso(_ ms: Int64?) -> JSONValue { ms.map { .string(LocalTime.iso(unixMs: $0)) } ?? .null }
        func sent(_ ms: Int64?) -> String? {
            ms.map { Text(fr: "envoyée le \(LocalTime.text(unixMs: $0, in: .french))", en: "sent \(LocalTime.text(unixMs: $0, in: .english))").in(language) }
        }
        var shown: Set<String> = []
        func check(_ subject: String) -> TimestampCheck? {
            shown.insert(subject)
            return checks.first { $0.stored.statement.subject == subject }
        }
        func cell(_ check: TimestampCheck?) -> String? {
            guard let check else { return nil }
            if let date = check.verifiedTime { return ISO8601DateFormatter().string(from: date) }
            return Text(fr: "refusé (\(check.status))", en: "refused (\(check.status))").in(language)
        }
        func json(_ check: TimestampCheck?) -> JSONValue { check.map { .string($0.verifiedTime.map { ISO8601DateFormatter().string(from: $0) } ?? $0.status) } ?? .null }
        for member in register.register.firstCircle(on: today) {
            let own = acknowledgements.filter { $0.member == member.id }
            let told = notices.filter { $0.member == member.id }
            // One row per version the member was sent or acknowledged: the proof that each version reached them.
            for revision in Set(own.map(\.revision) + told.map(\.revision)).sorted() {
                let notice = told.first { $0.revision == revision }?.sentMs
                let acks = own.filter { $0.revision == revision }
                if acks.isEmpty {
                    listing.append([member.name, "\(revision)", sent(notice), nil, Text(fr: "non reçue", en: "not received").in(language), nil, nil, nil, nil, nil],
                                   json: ["member": .string(member.id), "revision": .int(revision), "noticeSent": iso(notice), "received": .null])
                }
                for ack in acks {
                    let received = check(TimestampStatement.subject(of: ack, reading: false))
                    let read = check(TimestampStatement.subject(of: ack, reading: true))
                    listing.append([member.name, "\(revision)", sent(notice), fingerprint(ack.device, of: member), time(ack.receivedMs),
                                    time(ack.receivedServerMs), cell(received), time(ack.readMs), time(ack.readServerMs), cell(read)],
                                   json: ["member": .string(member.id), "revision": .int(revision), "noticeSent": iso(notice), "received": iso(ack.receivedMs),
                                          "receivedServer": iso(ack.receivedServerMs), "read": iso(ack.readMs), "readServer": iso(ack.readServerMs),
                                          "receivedTsa": json(received), "receivedTsaStatus": .string(received?.status ?? "none"),
                                          "readTsa": json(read), "readTsaStatus": .string(read?.status ?? "none")])
                }
            }
            if own.isEmpty && told.isEmpty {
                listing.append([member.name, nil, nil, nil, Text(fr: "non reçue", en: "not received").in(language), nil, nil, nil, nil, nil],
                               json: ["member": .string(member.id), "revision": .null, "received": .null])
            }
        }
        var convocation: [Text] = []
        for stamp in checks where stamp.stored.statement.subject.hasPrefix("convocation:") {
            shown.insert(stamp.stored.statement.subject)
            let revision = stamp.stored.statement.subject.dropFirst("convocation:".count)
            listing.appendJSONOnly(["subject": .string("convocation"), "revision": .int(Int(revision) ?? 0),
                                    "tsa": json(stamp), "tsaStatus": .string(stamp.status)])
            convocation.append(Self.convocationStampLine(stamp, revision: String(revision)))
        }
        // A kept time-stamp no row shows (a member no longer in office, or an acknowledgement the
        // records do not hold): said with its own status, so nothing kept goes unseen.
        for stamp in checks where !shown.contains(stamp.stored.statement.subject) {
            let subject = stamp.stored.statement.subject
            listing.appendJSONOnly(["subject": .string(subject), "tsa": json(stamp), "tsaStatus": .string(stamp.status)])
            convocation.append(stamp.verifiedTime.map { date in
                let at = ISO8601DateFormatter().string(from: date)
                return Text(fr: "Horodatage \(subject) du \(at) : jeton vérifié.", en: "Time-stamp \(subject) at \(at): token verified.")
            } ?? Text(fr: "Horodatage \(subject) : refusé (\(stamp.status)).", en: "Time-stamp \(subject): refused (\(stamp.status))."))
        }
        return (listing, convocation)
    }

    /// The sentence on one time-stamped revision of the convocation: verified, earlier (token only) or refused.
    static func convocationStampLine(_ stamp: TimestampCheck, revision: String) -> Text {
        if let date = stamp.verifiedTime {
            let at = ISO8601DateFormatter().string(from: date)
            return Text(fr: "Convocation (révision \(revision)) horodatée par l'autorité le \(at) : jeton vérifié.",
                        en: "Convocation (revision \(revision)) time-stamped by the authority at \(at): token verified.")
        }
        if stamp.uncheckable, let date = stamp.tokenTime {
            let at = ISO8601DateFormatter().string(from: date)
            return Text(fr: "Convocation (révision \(revision), antérieure) horodatée le \(at) : jeton valide, texte non comparable aux registres actuels.",
                        en: "Convocation (revision \(revision), earlier) time-stamped at \(at): token valid, text not comparable with the current records.")
        }
        return Text(fr: "Convocation (révision \(revision)) : horodatage refusé (\(stamp.status)).",
                    en: "Convocation (revision \(revision)): time-stamp refused (\(stamp.status)).")
    }

    /// `seance`'s roll: each first-circle member in office on its day, the answer to the
    /// convocation and, once recorded, the attendance (`none` / null in JSON when missing).
    public func rollListing(of seance: String, in language: Language) throws -> Listing {
        var listing = Listing(headers: [Text(fr: "Identifiant", en: "Id"), Text(fr: "Nom", en: "Name"),
                                        Text(fr: "Réponse", en: "Answer"), Text(fr: "Présence", en: "Attendance")].map { $0.in(language) },
                              keys: ["member", "name", "response", "attendance"])
        for entry in try roll(of: seance) {
            let member = entry.member, response = entry.response, attendance = entry.attendance
            let answer = entry.excusedBySecretariat ? response.label.in(language) + Text(fr: " (reçue par le secrétariat)", en: " (received by the secretariat)").in(language)
                : response.label.in(language)
            listing.append([member.id, member.name, answer, attendance?.label.in(language)],
                           json: ["response": .string(response?.rawValue ?? "none"), "responseBy": .string(entry.excusedBySecretariat ? "secretariat" : "member"),
                                  "attendance": attendance.map { .string($0.rawValue) } ?? .null])
        }
        return listing
    }
}
