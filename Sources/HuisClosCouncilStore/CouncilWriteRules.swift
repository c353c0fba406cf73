public import HuisClosCouncil
public import HuisClosCrypto
public import HuisClosEngine
import HuisClosL10n
public import HuisClosTrust

/// Who may write which council record (`Protocol/COUNCIL-RECORDS.md`, "Who writes what"): the one
/// place the rule lives. The device's batch authorizer applies it to every operation it merges —
/// its own before committing, every peer's when applying, so a record from a tampered client is
/// refused on every replica — and `CouncilStore` applies it before writing, to refuse with these
/// words and write nothing.
///
/// The author is the batch's signing device; its member and role come from the verified
/// membership log at the operation's time. Kinds not listed here (other modules' records in the
/// council scope) are left to the scope's own write check.
public enum CouncilWriteRules {
    /// Refuses `change` unless `device`'s member may make it at `instant`.
    public static func check(_ change: Change, device: SigningPublicKey, membership: MembershipState,
                             at instant: Instant) throws(CouncilError) {
        let member = membership.certificate(of: device)?.member
        let role = member.flatMap { membership.role(of: $0, at: instant) }
        let record = change.record
        if case .delete = change, record.kind != CouncilRecords.Kind.agendaItem, Self.kinds.contains(record.kind) { throw keptForGood }
        if Self.erasesInEffect(change) { throw keptForGood }
        switch record.kind {
        case CouncilRecords.Kind.profile:
            guard role == .secretariat else { throw keepsRegister }
        case CouncilRecords.Kind.vicePresidentProposal:
            guard role == .president else { throw proposesVicePresident }
        case CouncilRecords.Kind.vicePresidentAppointment:
            guard role == .secretariat else { throw recordsVicePresident }
        case CouncilRecords.Kind.seance:
            // Every replica refuses a séance id with « : » (ambiguous in acknowledgements), not only the convening device.
            try Seance.checkNewID(record.id)
            if Self.isAttendance(change) {
                guard role == .secretariat else { throw keepsAttendance }
            } else {
                guard role == .president || role == .secretariat else { throw Self.sets(change, CouncilRecords.Field.cancelled) ? cancels : convenes }
            }
        case CouncilRecords.Kind.agendaItem:
            guard role == .president || role == .secretariat else { throw setsAgenda }
        case CouncilRecords.Kind.convocationSettings:
            guard role == .president || role == .secretariat else {
                throw Self.sets(change, CouncilRecords.Field.attachInvitation) ? attachesInvitation : setsDelay
            }
        case CouncilRecords.Kind.notice:
            guard role == .secretariat else { throw keepsRegister }
        case CouncilRecords.Kind.timestampSettings, CouncilRecords.Kind.timestamp:
            guard role == .secretariat else { throw keepsTimestamps }
        case CouncilRecords.Kind.response where role == .secretariat:
            // The secretariat records an excuse a member gave it (by phone, by letter): « excusé·e »
            // only, in that member's own answer record, for a first-circle member in office.
            let parts = record.id.split(separator: ":", maxSplits: 1).map(String.init)
            guard parts.count == 2, let answering = try? MemberID(hex: parts[1]),
                  membership.role(of: answering, at: instant)?.sitsInFirstCircle == true,
                  Self.names(change, CouncilRecords.Field.seance, only: parts[0]),
                  Self.names(change, CouncilRecords.Field.member, only: parts[1]),
                  Self.names(change, CouncilRecords.Field.response, only: Seance.Response.excused.rawValue)
            else { throw recordsExcusesOnly }
        case CouncilRecords.Kind.response:
            guard let member, role?.sitsInFirstCircle == true else { throw answersInOffice }
            guard record.id.hasSuffix(":" + member.hex), Self.names(change, CouncilRecords.Field.member, only: member.hex) else {
                throw answersForThemselves
            }
        case CouncilRecords.Kind.acknowledgement:
            let deviceHex = device.bytes.hex
            guard let member,
                  let version = CouncilRecords.acknowledgedVersion(id: record.id, device: String(deviceHex.prefix(CouncilRecords.deviceIDHexDigits))),
                  Self.names(change, CouncilRecords.Field.member, only: member.hex),
                  Self.names(change, CouncilRecords.Field.device, only: deviceHex) else { throw acknowledgesItself }
            guard Self.names(change, CouncilRecords.Field.seance, only: version.seance),
                  Self.names(change, CouncilRecords.Field.revision, only: .integer(Int64(version.revision))) else {
                throw Self.contradicts(record.id, version)
            }
        default:
            if let refusal = dossierRule(for: change, role: role) { throw refusal }
        }
    }

    /// The kinds these rules govern. None is ever deleted but an agenda item (an item withdrawn
    /// from the agenda): a séance, an answer, a receipt, an adopted text, signed minutes are the
    /// council's record, corrected by writing, never erased.
    static let kinds = Set([
        CouncilRecords.Kind.profile, CouncilRecords.Kind.vicePresidentProposal, CouncilRecords.Kind.vicePresidentAppointment,
        CouncilRecords.Kind.seance, CouncilRecords.Kind.agendaItem, CouncilRecords.Kind.response, CouncilRecords.Kind.acknowledgement,
        CouncilRecords.Kind.convocationSettings, CouncilRecords.Kind.notice, CouncilRecords.Kind.timestampSettings, CouncilRecords.Kind.timestamp,
    ]).union(dossierKinds)

    /// True for a value the product never writes and that would erase a record as a deletion does:
    /// a séance's date that is no day (the séance is no longer read), its attendance reopened, an
    /// avis's or minutes' status, an avis's kind that is none of theirs or its title no text (the
    /// text is no longer read).
    static func erasesInEffect(_ change: Change) -> Bool {
        guard case let .set(record, field, value) = change else { return false }
        let text: String? = if case let .text(text) = value { text } else { nil }
        switch (record.kind, field) {
        case (CouncilRecords.Kind.seance, CouncilRecords.Field.date): return text.flatMap(Day.init(iso:)) == nil
        case (CouncilRecords.Kind.seance, CouncilRecords.Field.attendanceClosed): return value != .bool(true)
        case (DossierRecords.Kind.avis, "status"): return !DossierRecords.avisStatuses.contains(text ?? "")
        case (DossierRecords.Kind.avis, "kind"): return !DossierRecords.avisKinds.contains(text ?? "")
        case (DossierRecords.Kind.avis, "title"): return text == nil
        case (DossierRecords.Kind.minutes, "status"): return !DossierRecords.minutesStatuses.contains(text ?? "")
        default: return false
        }
    }

    /// True for the changes that keep attendance: the `present` set, the closure and the
    /// presence it froze.
    static func isAttendance(_ change: Change) -> Bool {
        switch change {
        case let .set(_, field, _): field == CouncilRecords.Field.attendanceClosed || field == CouncilRecords.Field.closedPresent
        case let .add(_, set, _), let .remove(_, set, _, _): set == CouncilRecords.Field.present
        case .delete: false
        }
    }

    /// True when `change` sets `field`.
    static func sets(_ change: Change, _ field: String) -> Bool {
        if case let .set(_, name, _) = change { name == field } else { false }
    }

    /// True unless `change` sets `field` to another text than `value`.
    static func names(_ change: Change, _ field: String, only value: String) -> Bool {
        names(change, field, only: .text(value))
    }

    /// True unless `change` sets `field` to another value than `value`.
    static func names(_ change: Change, _ field: String, only value: Value) -> Bool {
        guard case let .set(_, name, written) = change, name == field else { return true }
        return written == value
    }

    // MARK: - The rules, in the council's words

    static let keptForGood = CouncilError(.roleRequired, Text(
        fr: "Les enregistrements du conseil (séances, réponses, accusés de réception, avis, procès-verbaux, fiches) ne s'effacent jamais, ni ne se vident de leur date ou de leur état, et une feuille de présence close ne se rouvre pas : ils se corrigent (une séance s'annule, un point de l'ordre du jour se retire).",
        en: "The council's records (séances, answers, receipts, avis, minutes, profiles) are never deleted, nor emptied of their date or status, and a closed attendance sheet is not reopened: they are corrected (a séance is cancelled, an agenda item withdrawn)."))
    static let keepsRegister = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat tient le registre : les fiches des membres s'enregistrent depuis un appareil du secrétariat.",
        en: "The secretariat keeps the register: member profiles are recorded from a secretariat device."))
    static let proposesVicePresident = CouncilError(.roleRequired, Text(
        fr: "Seule la présidence propose un·e vice-président·e : utilisez l'appareil de la présidence.",
        en: "Only the president proposes a vice-president: use the president's device."))
    static let recordsVicePresident = CouncilError(.roleRequired, Text(
        fr: "Un·e vice-président·e est nommé·e sur proposition de la présidence ; le secrétariat enregistre la nomination : utilisez un appareil du secrétariat.",
        en: "A vice-president is appointed on the president's proposal; the secretariat records the appointment: use a secretariat device."))
    static let convenes = CouncilError(.roleRequired, Text(
        fr: "La présidence convoque les séances (le secrétariat pour elle) : utilisez l'un de leurs appareils.",
        en: "The president convenes séances (the secretariat on their behalf): use one of their devices."))
    static let cancels = CouncilError(.roleRequired, Text(
        fr: "La présidence annule les séances (le secrétariat pour elle) : utilisez l'un de leurs appareils.",
        en: "The president cancels séances (the secretariat on their behalf): use one of their devices."))
    static let setsDelay = CouncilError(.roleRequired, Text(
        fr: "La présidence ou le secrétariat fixe le délai de convocation : utilisez l'un de leurs appareils.",
        en: "The president or the secretariat sets the convocation delay: use one of their devices."))
    static let attachesInvitation = CouncilError(.roleRequired, Text(
        fr: "La présidence ou le secrétariat décide de joindre l'invitation aux avis : utilisez l'un de leurs appareils.",
        en: "The president or the secretariat decides whether notices carry the invitation: use one of their devices."))
    static let keepsAttendance = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat tient la feuille de présence : utilisez un appareil du secrétariat.",
        en: "The secretariat keeps attendance: use a secretariat device."))
    static let setsAgenda = CouncilError(.roleRequired, Text(
        fr: "L'ordre du jour est arrêté par la présidence ou le secrétariat : seuls leurs appareils ajoutent, déplacent ou retirent un point.",
        en: "The agenda is set by the president or the secretariat: only their devices add, move or remove an item."))
    static let answersInOffice = CouncilError(.roleRequired, Text(
        fr: "Seul·e un·e membre du premier cercle en fonction répond à une convocation.",
        en: "Only a first-circle member in office answers a convocation."))
    static let recordsExcusesOnly = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat n'enregistre qu'une excuse, celle qu'un·e membre du premier cercle en fonction lui a donnée (huisclos presence excuser) : chacun·e répond pour soi, sans procuration.",
        en: "The secretariat records nothing but an excuse, one a first-circle member in office gave it (huisclos presence excuser): each member answers for themselves, without proxy."))
    static let answersForThemselves = CouncilError(.roleRequired, Text(
        fr: "Chaque membre répond pour lui-même, depuis son propre appareil : on ne répond pas pour un autre membre (les procurations n'existent pas).",
        en: "Each member answers for themselves, from their own device: nobody answers for another member (proxies do not exist)."))
    static let keepsTimestamps = CouncilError(.roleRequired, Text(
        fr: "Le secrétariat configure l'horodatage et obtient les jetons : utilisez un appareil du secrétariat.",
        en: "The secretariat configures time-stamping and obtains the tokens: use a secretariat device."))
    /// An acknowledgement whose fields name another séance or version than its id.
    static func contradicts(_ id: String, _ version: (seance: String, revision: Int)) -> CouncilError {
        CouncilError(.acknowledgementMismatch, Text(
            fr: "Refusé : un accusé de réception nomme la version de son identifiant ; « \(id) » est celui de la version \(version.revision) de la séance « \(version.seance) », et ses champs disent autre chose (un enregistrement qui se contredit ne prouve rien).",
            en: "Refused: an acknowledgement names the version of its id; \"\(id)\" is that of version \(version.revision) of séance \"\(version.seance)\", and its fields say otherwise (a record that contradicts itself proves nothing)."))
    }
    static let acknowledgesItself = CouncilError(.roleRequired, Text(
        fr: "Un accusé de réception est signé par l'appareil du membre lui-même, à son nom.",
        en: "An acknowledgement is signed by the member's own device, in their name."))
}

extension Role {
    /// True for the roles that sit in the first circle: president, vice-president, member.
    var sitsInFirstCircle: Bool { self == .president || self == .vicePresident || self == .member }
}
