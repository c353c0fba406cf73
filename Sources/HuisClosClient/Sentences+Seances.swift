import HuisClosCouncil
import HuisClosL10n
import HuisClosMail

/// What a face tells the person after a séance, agenda, attendance or mail workflow: composed
/// once here, so the CLI and the app say the same thing in both languages.
extension [ReportLine] {
    /// After convening `seance` on `day` at `place` (`when` its date and times): the convocation,
    /// then its urgency or, for a past day, a warning to check the date.
    public static func convened(_ seance: String, when: Text, on day: Day, place: String, _ outcome: ConvocationDelay.Outcome) -> [ReportLine] {
        var lines = [ReportLine.info(Text(
            fr: "Séance \(seance) convoquée le \(when.french) à \(place). Ajoutez l'ordre du jour (huisclos ordre-du-jour ajouter), puis huisclos sync.",
            en: "Séance \(seance) convened on \(when.english) at \(place). Add the agenda (huisclos ordre-du-jour ajouter), then huisclos sync."))]
        switch outcome {
        case .inTime: break
        case let .urgent(clearDays):
            lines.append(.info(Text(
                fr: "Convocation en urgence (\(clearDays) jour(s) franc(s) avant la séance) : l'urgence est inscrite dans la convocation ; la présidence la justifie en ouverture de séance.",
                en: "Convened in urgency (\(clearDays) clear day(s) before the séance): the urgency is recorded in the convocation; the president justifies it when the séance opens.")))
        case .pastSeance:
            lines.append(.problem(Text(
                fr: "Attention : le \(day.french) est passé. La séance est enregistrée a posteriori (historique du conseil), sans délai de convocation : vérifiez la date.",
                en: "Warning: \(day.iso) is past. The séance is recorded after the fact (the council's history), with no convocation delay: check the date.")))
        }
        return lines
    }

    /// The heading of a convocation read: séance, date, place, and whether it is cancelled or urgent.
    public static func convocation(of seance: Seance) -> [ReportLine] {
        [.info(Text(fr: "Séance \(seance.id) — \(seance.when.french), \(seance.place)", en: "Séance \(seance.id) — \(seance.when.english), \(seance.place)"))]
            + (seance.cancelled ? [.info(Text(fr: "Séance annulée.", en: "Séance cancelled."))] : [])
            + (seance.urgent ? [.info(Text(fr: "Convoquée en urgence.", en: "Convened in urgency."))] : [])
    }

    /// After the agenda item `title` was added to `seance`; `known` false when the séance is not on
    /// this device yet (the item is kept, but a mistyped id is the likelier cause: say so).
    public static func agendaItemAdded(_ title: String, to seance: String, known: Bool) -> [ReportLine] {
        (known ? [] : [.problem(Text(
            fr: "Attention : aucune séance « \(seance) » sur cet appareil pour l'instant ; le point apparaîtra avec sa convocation (huisclos sync). Vérifiez l'identifiant avec huisclos seances liste.",
            en: "Warning: no séance \"\(seance)\" on this device yet; the item will appear with its convocation (huisclos sync). Check the id with huisclos seances liste."))])
            + [.info(Text(fr: "Point « \(title) » ajouté à la séance \(seance).", en: "Item \"\(title)\" added to séance \(seance)."))]
    }
}

extension Text {
    /// After sending a séance's notices: how many did not leave, and how to send the rest.
    public static func noticesFailed(_ failed: Int, seance: String) -> Text {
        Text(fr: "\(failed) avis non envoyé(s) : corrigez la cause dite ci-dessus puis relancez huisclos seances notifier \(seance) (seuls les manquants partiront).",
             en: "\(failed) notice(s) not sent: fix the cause above, then run huisclos seances notifier \(seance) again (only the missing ones will leave).")
    }

    /// After cancelling `seance`.
    public static func seanceCancelled(_ seance: String) -> Text {
        Text(fr: "Séance \(seance) annulée. Synchronisez (huisclos sync) puis diffusez l'annulation (huisclos seances calendrier \(seance)).",
             en: "Séance \(seance) cancelled. Sync (huisclos sync), then send the cancellation (huisclos seances calendrier \(seance)).")
    }

    /// After writing a séance's invitation to `path`.
    public static func invitationWritten(_ path: String) -> Text {
        Text(fr: "Invitation écrite dans \(path).", en: "Invitation written to \(path).")
    }

    /// The council's minimum convocation delay.
    public static func convocationDelay(_ delay: ConvocationDelay) -> Text {
        Text(fr: "Délai minimal de convocation : \(delay.clearDays) jour(s) franc(s) avant la séance, sauf urgence.",
             en: "Minimum convocation delay: \(delay.clearDays) clear day(s) before the séance, save in urgency.")
    }

    /// Why a device without the council scope lists no séance.
    public static let noCouncilAccess = Text(
        fr: "Cet appareil n'a pas accès aux séances du conseil (portée council) : second cercle, invité ou mandat terminé.",
        en: "This device has no access to the council's séances (council scope): second circle, guest or ended mandate.")

    /// How to read the acknowledgement table's times.
    public static let acknowledgementTimes = Text(
        fr: "Heures UTC. « appareil » : l'horloge de l'appareil qui a signé l'accusé ; « serveur » : l'arrivée de ce lot signé au serveur (qui fait foi pour l'heure, pas pour le contenu) ; « - » : aucun accusé sur cet appareil (pas encore reçue ou lue, ou accusé pas encore synchronisé : huisclos sync).",
        en: "Times in UTC. \"device\": the clock of the device that signed the acknowledgement; \"server\": when that signed batch reached the server (trusted for time, not for content); \"-\": no acknowledgement on this device (not received or read yet, or not synced yet: huisclos sync).")

    /// After moving an agenda item, at the rank it really took.
    public static func agendaItemMoved(_ item: String, to rank: Int) -> Text {
        Text(fr: "Point \(item) placé au rang \(rank).", en: "Item \(item) moved to rank \(rank).")
    }

    /// After removing an agenda item.
    public static func agendaItemRemoved(_ item: String) -> Text {
        Text(fr: "Point \(item) retiré.", en: "Item \(item) removed.")
    }

    /// After answering a convocation.
    public static let answerRecorded = Text(
        fr: "Réponse enregistrée sur cet appareil ; elle partira à la prochaine synchronisation (huisclos sync).",
        en: "Answer recorded on this device; it leaves at the next sync (huisclos sync).")

    /// One member recorded present.
    public static func present(_ name: String) -> Text { Text(fr: "Présent·e : \(name)", en: "Present: \(name)") }

    /// After closing attendance: the count and whether the quorum is reached.
    public static func attendanceClosed(_ quorum: Quorum) -> Text {
        let (reached, reachedEnglish) = quorum.isReached ? ("atteint", "reached") : ("NON atteint", "NOT reached")
        return Text(fr: "Présence close : \(quorum.present) présent·es sur \(quorum.inOffice) en fonction — quorum \(reached) (\(quorum.required) requis).",
                    en: "Attendance closed: \(quorum.present) present of \(quorum.inOffice) in office — quorum \(reachedEnglish) (\(quorum.required) required).")
    }

    /// After recording this device's mail server.
    public static func mailServerRecorded(_ settings: SMTPSettings) -> Text {
        let server = "\(settings.host):\(settings.port) (\(settings.security.rawValue))"
        return Text(fr: "Serveur de courriel enregistré sur cet appareil : \(server), expéditeur \(settings.sender).",
                    en: "Mail server recorded on this device: \(server), sender \(settings.sender).")
    }

    /// After the council's choice to attach the calendar invitation to notices, or not.
    public static func invitationAttached(_ attach: Bool) -> Text {
        attach ? Text(fr: "Les avis porteront l'invitation .ics (date, heure, lieu). Synchronisez : huisclos sync.",
                      en: "Notices will carry the .ics invitation (date, time, place). Sync: huisclos sync.")
               : Text(fr: "Les avis ne porteront aucune invitation : ils disent seulement qu'une convocation attend.",
                      en: "Notices will carry no invitation: they only say a convocation awaits.")
    }

    /// After recording (`address`) or removing (nil) a member's notice address.
    public static func noticeAddress(_ address: String?) -> Text {
        address.map { Text(fr: "Adresse enregistrée : \($0). Synchronisez : huisclos sync.", en: "Address recorded: \($0). Sync: huisclos sync.") }
            ?? Text(fr: "Adresse retirée.", en: "Address removed.")
    }
}
