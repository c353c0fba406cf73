public import HuisClosCouncil
public import HuisClosL10n
public import HuisClosMail

/// What a face tells the person after a séance, agenda, attendance or mail workflow: composed
/// once here, so the CLI and the app say the same thing in both languages.
extension [ReportLine] {
    /// After convening `seance` (`change` what the convocation record did) on `day`: what was
    /// recorded and what to do next, then its urgency or, for a past day, a warning to check the date.
    public static func convened(_ seance: Seance, _ change: Seance.ConvocationChange, on day: Day, _ outcome: ConvocationDelay.Outcome) -> [ReportLine] {
        let past = if case .pastSeance = outcome { true } else { false }
        var lines = [ReportLine.info(seance.convocationSaid(change, past: past))]
        switch outcome {
        case .inTime: break
        case let .urgent(clearDays):
            let days = ConvocationDelay.clearDaysText(clearDays)
            lines.append(.info(Text(
                fr: "Convocation en urgence (\(days.french) avant la séance) : l'urgence est inscrite dans la convocation ; la présidence la justifie en ouverture de séance.",
                en: "Convened in urgency (\(days.english) before the séance): the urgency is recorded in the convocation; the president justifies it when the séance opens.")))
        case .pastSeance:
            lines.append(.problem(Text(
                fr: "Attention : la séance du \(day.french) a déjà commencé (date ou heure passée). Elle est enregistrée a posteriori (historique du conseil), sans délai de convocation ; HuisClos n'y a convoqué personne, ce que le rapport d'absences signalera : vérifiez la date et l'heure.",
                en: "Warning: the séance of \(day.iso) has already begun (a past date or hour). It is recorded after the fact (the council's history), with no convocation delay; HuisClos convened nobody to it, which the absences report will say: check the date and time.")))
        }
        return lines
    }

    /// The heading of a convocation read: séance, date, place, and whether it is cancelled or urgent.
    public static func convocation(of seance: Seance) -> [ReportLine] {
        [.info(Text(fr: "Séance \(seance.id) — \(seance.when.french), \(seance.place)", en: "Séance \(seance.id) — \(seance.when.english), \(seance.place)"))]
            + (seance.cancelled ? [.info(Text(fr: "Séance annulée.", en: "Séance cancelled."))] : [])
            + (seance.urgent ? [.info(Text(fr: "Convoquée en urgence.", en: "Convened in urgency."))] : [])
    }

    /// After the agenda item `title` was added to `seance`: a warning for each dossier named that
    /// this device does not hold yet (kept, but a mistyped id is likely: say so).
    public static func agendaItemAdded(_ title: String, to seance: String, unknownDossiers: [String]) -> [ReportLine] {
        unknownDossiers.map { unknown in
            .problem(Text(
                fr: "Attention : aucun dossier « \(unknown) » sur cet appareil pour l'instant. Le point le nomme quand même (un dossier s'ajoute souvent après l'ordre du jour) : vérifiez l'identifiant avec huisclos dossiers liste après huisclos sync.",
                en: "Warning: no dossier \"\(unknown)\" on this device yet. The item names it all the same (dossiers are often added after the agenda): check the id with huisclos dossiers liste after huisclos sync."))
        } + [.info(Text(fr: "Point « \(title) » ajouté à la séance \(seance).", en: "Item \"\(title)\" added to séance \(seance)."))]
    }
}

extension Text {
    /// After cancelling `seance`.
    /// A séance cancelled before: nothing written again.
    public static func seanceAlreadyCancelled(_ seance: String) -> Text {
        Text(fr: "Séance \(seance) déjà annulée : rien n'a été enregistré de nouveau.", en: "Séance \(seance) already cancelled: nothing was recorded again.")
    }

    public static func seanceCancelled(_ seance: String) -> Text {
        Text(fr: "Séance \(seance) annulée. Synchronisez (huisclos sync), puis prévenez les membres déjà avisés (huisclos seances notifier \(seance)).",
             en: "Séance \(seance) cancelled. Sync (huisclos sync), then tell the members already notified (huisclos seances notifier \(seance)).")
    }

    /// After writing a séance's invitation to `path`.
    public static func invitationWritten(_ path: String) -> Text {
        Text(fr: "Invitation écrite dans \(path).", en: "Invitation written to \(path).")
    }

    /// After writing a séance's time-stamped proof to `path`: how a third party checks it.
    public static func proofWritten(_ path: String) -> Text {
        Text(fr: "Preuve écrite dans \(path) (en clair : gardez-la en lieu sûr). Un tiers la vérifie avec OpenSSL seul, comme l'explique son en-tête (openssl ts -verify ; le script check-proof.sh des sources de HuisClos le fait pour chaque jeton).",
             en: "Proof written to \(path) (plaintext: keep it safe). A third party checks it with OpenSSL alone, as its header explains (openssl ts -verify; the script check-proof.sh of HuisClos's sources does it for every token).")
    }

    /// The council's minimum convocation delay; `recorded` when it was just set.
    public static func convocationDelay(_ delay: ConvocationDelay, recorded: Bool) -> Text {
        let days = ConvocationDelay.clearDaysText(delay.clearDays)
        return Text(fr: "Délai minimal de convocation : \(days.french) avant la séance, sauf urgence\(recorded ? " (enregistré ; synchronisez : huisclos sync)" : "").",
                    en: "Minimum convocation delay: \(days.english) before the séance, save in urgency\(recorded ? " (recorded; sync: huisclos sync)" : "").")
    }

    /// How to read the acknowledgement table's times.
    public static let acknowledgementTimes = Text(
        fr: "Heures de Paris. « Avis » : quand le serveur de courriel a accepté l'avis de cette version ; « appareil » : l'horloge de l'appareil qui a signé l'accusé ; « serveur » : l'arrivée de ce lot signé au serveur (qui fait foi pour l'heure, pas pour le contenu) ; « TSA » : l'heure (UTC) d'un jeton d'horodatage RFC 3161 vérifié sur cet appareil (huisclos seances horodater) ; « - » : aucun accusé sur cet appareil (pas encore reçue ou lue, ou accusé pas encore synchronisé : huisclos sync).",
        en: "Paris times. \"Notice\": when the mail server accepted the notice of this version; \"device\": the clock of the device that signed the acknowledgement; \"server\": when that signed batch reached the server (trusted for time, not for content); \"TSA\": the time (UTC) of an RFC 3161 time-stamp token verified on this device (huisclos seances horodater); \"-\": no acknowledgement on this device (not received or read yet, or not synced yet: huisclos sync).")

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

    /// One member's excuse recorded by the secretariat, replacing the answer they had given, if any.
    public static func excuseRecorded(_ name: String, replacing answer: Seance.Response? = nil) -> Text {
        let replaced = answer.map { Optional($0).label }
        return Text(fr: "Excuse enregistrée : \(name) (reçue par le secrétariat\(replaced.map { " ; elle remplace sa réponse « \($0.french) »" } ?? "") ; elle partira à la prochaine synchronisation).",
                    en: "Excuse recorded: \(name) (received by the secretariat\(replaced.map { "; it replaces their answer « \($0.english) »" } ?? ""); it leaves at the next sync).")
    }

    /// One member recorded present.
    public static func present(_ name: String) -> Text { Text(fr: "Présent·e : \(name)", en: "Present: \(name)") }

    /// After withdrawing a presence pointed by mistake.
    public static func presenceWithdrawn(_ name: String) -> Text { Text(fr: "Pointage retiré : \(name)", en: "Presence withdrawn: \(name)") }

    /// After closing attendance: the count and whether the quorum is reached.
    public static func attendanceClosed(_ quorum: Quorum, already: Bool = false) -> Text {
        let (reached, reachedEnglish) = quorum.isReached ? ("atteint", "reached") : ("NON atteint", "NOT reached")
        return Text(fr: "Présence \(already ? "déjà close (rien n'a changé)" : "close") : \(quorum.present) présent·es sur \(quorum.inOffice) en fonction — quorum \(reached) (\(quorum.required) requis).",
                    en: "Attendance \(already ? "already closed (nothing changed)" : "closed"): \(quorum.present) present of \(quorum.inOffice) in office — quorum \(reachedEnglish) (\(quorum.required) required).")
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
