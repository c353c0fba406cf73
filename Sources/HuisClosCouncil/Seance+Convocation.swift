public import HuisClosL10n

/// The rules of convening a séance and of what follows it (agenda, notices), in the council's words.
extension Seance {
    /// What a call to convene did to the séance.
    public enum ConvocationChange: Sendable, Equatable {
        /// First convocation.
        case convened
        /// Date, time, place or urgency changed: a new version (revision) members must be told of.
        case changed
        /// The same values as the convocation already holds: nothing recorded.
        case unchanged
    }

    /// What a member's notice of this version says, given whether they were sent an earlier one.
    public enum NoticeKind: String, Sendable, Equatable {
        case convocation, changed, cancellation
    }

    /// The notice a member gets for this version: the first one they get is the convocation (even
    /// after changes made before any notice); later ones say it changed; a cancellation goes only
    /// to a member who was told of the séance (nil: nothing to send).
    public func noticeKind(earlierNoticeSent: Bool) -> NoticeKind? {
        if cancelled { return earlierNoticeSent ? .cancellation : nil }
        return earlierNoticeSent ? .changed : .convocation
    }

    /// What a notice of this version tells members, as one text: date, times, place, urgency,
    /// cancellation and agenda (not the revision). Kept with each notice, so that a revision whose
    /// content changed after it was notified (two devices raising it offline) is recognised.
    public var noticedContent: String {
        let fields = [date.iso, start?.iso ?? "-", end?.iso ?? "-", place, "\(urgent)", "\(cancelled)"]
            + agenda.map { ([$0.id, $0.title] + $0.dossierIDs).joined(separator: "\u{1F}") }
        return fields.joined(separator: "\u{1E}")
    }

    /// Refuses a séance id holding « : »: it separates the séance, the revision and the device in
    /// an acknowledgement's id, which "s:1" would make ambiguous. Checked where a séance is
    /// convened and, through `CouncilWriteRules`, by every replica merging a write to one.
    public static func checkNewID(_ id: String) throws(CouncilError) {
        guard !id.contains(":") else {
            throw CouncilError(.invalidSeanceID, Text(
                fr: "Identifiant de séance « \(id) » refusé : il ne contient pas « : », qui sépare la séance et sa version dans les accusés de réception ; choisissez par exemple « \(id.replacingColons) ».",
                en: "Séance id \"\(id)\" refused: it may not contain ':', which separates the séance and its version in acknowledgements; choose for instance \"\(id.replacingColons)\"."))
        }
    }

    /// Refuses a convocation's values that cannot be right: a blank place, an end without a start,
    /// an end not after the start.
    public static func checkConvocation(place: String, start: TimeOfDay?, end: TimeOfDay?) throws(CouncilError) {
        guard !place.allSatisfy(\.isWhitespace) else {
            throw CouncilError(.placeRequired, Text(
                fr: "Lieu vide : une convocation dit où se tient la séance (--lieu \"Bobigny, salle du conseil\").",
                en: "Empty place: a convocation says where the séance is held (--lieu \"Bobigny, salle du conseil\")."))
        }
        if let end {
            guard let start else {
                throw CouncilError(.invalidDate, Text(
                    fr: "Heure de fin (\(end.french)) sans heure de début : donnez aussi --heure, ou ni l'une ni l'autre.",
                    en: "End time (\(end.iso)) without a start time: give --heure too, or neither."))
            }
            guard end > start else {
                throw end == start
                    ? CouncilError(.invalidDate, Text(
                        fr: "La séance commencerait et finirait à la même heure (\(start.french)) : vérifiez --heure et --fin.",
                        en: "The séance would start and end at the same time (\(start.iso)): check --heure and --fin."))
                    : CouncilError(.invalidDate, Text(
                        fr: "La séance finirait (\(end.french)) avant de commencer (\(start.french)) : vérifiez --heure et --fin.",
                        en: "The séance would end (\(end.iso)) before it starts (\(start.iso)): check --heure and --fin."))
            }
        }
    }

    /// Refuses a change of the séance's agenda once it is cancelled or held.
    public func requireAgendaOpen() throws(CouncilError) {
        guard !cancelled else { throw Self.cancelledRefusal(self) }
        guard !attendanceClosed else {
            throw CouncilError(.seanceHeld, Text(
                fr: "La séance \(id) du \(date.french) s'est tenue (feuille de présence close) : son ordre du jour ne change plus.",
                en: "Séance \(id) of \(date.iso) was held (attendance closed): its agenda no longer changes."))
        }
    }

    /// Refuses sending notices of a séance that was held or whose day is past (`today`): nobody
    /// is convened to it any more.
    public func requireNoticeDue(today: Day) throws(CouncilError) {
        guard !attendanceClosed, date >= today else {
            throw CouncilError(.noticeNotDue, Text(
                fr: "Aucun avis envoyé : la séance \(id) du \(date.french) \(attendanceClosed ? "s'est tenue (feuille de présence close)" : "est passée") ; on ne convoque qu'à une séance à venir.",
                en: "No notice sent: séance \(id) of \(date.iso) \(attendanceClosed ? "was held (attendance closed)" : "is past"); members are convened only to a coming séance."))
        }
    }

    /// The refusal of convening again a séance whose attendance is closed: it was held.
    public static func heldNotReconvenable(_ seance: Seance) -> CouncilError {
        CouncilError(.seanceHeld, Text(
            fr: "La séance \(seance.id) du \(seance.date.french) s'est tenue (feuille de présence close) : elle ne peut plus être convoquée à nouveau. Pour réunir le conseil, convoquez une nouvelle séance sous un autre identifiant.",
            en: "Séance \(seance.id) of \(seance.date.iso) was held (attendance closed): it can no longer be convened again. To meet, convene a new séance under another id."))
    }

    /// The refusal of a séance dated before the council began (`beginning`): nobody sat then, so
    /// the date is surely mistyped.
    public static func beforeCouncil(_ day: Day, beginning: Day) -> CouncilError {
        CouncilError(.invalidDate, Text(
            fr: "Le \(day.french) précède le début du conseil (\(beginning.french)) : personne n'y siégeait. Vérifiez l'année de --date.",
            en: "\(day.iso) is before the council began (\(beginning.iso)): nobody sat then. Check the year of --date."))
    }

    /// What the president is told once the convocation is recorded: when and where, in full, and
    /// what to do next (a change is sent again as a notice; nothing changed, nothing to send; a
    /// séance recorded after the fact, `past`, is not announced to anyone).
    public func convocationSaid(_ change: ConvocationChange, past: Bool = false) -> Text {
        let when = whenInFull
        return switch change {
        case .convened where past, .changed where past:
            Text(fr: "Séance \(id) enregistrée pour \(when.french), à \(place). Ajoutez son ordre du jour et sa présence, puis synchronisez (huisclos sync) ; une séance passée ne s'annonce pas aux membres.",
                 en: "Séance \(id) recorded for \(when.english), at \(place). Add its agenda and attendance, then sync (huisclos sync); a past séance is not announced to the members.")
        case .convened:
            Text(fr: "Séance \(id) convoquée pour \(when.french), à \(place). Ajoutez l'ordre du jour (huisclos ordre-du-jour ajouter), synchronisez (huisclos sync), puis avisez les membres (huisclos seances notifier \(id)).",
                 en: "Séance \(id) convened for \(when.english), at \(place). Add the agenda (huisclos ordre-du-jour ajouter), sync (huisclos sync), then notify the members (huisclos seances notifier \(id)).")
        case .changed:
            Text(fr: "Séance \(id) modifiée : désormais \(when.french), à \(place). Synchronisez (huisclos sync) et renvoyez l'avis aux membres (huisclos seances notifier \(id)).",
                 en: "Séance \(id) changed: now \(when.english), at \(place). Sync (huisclos sync) and notify the members again (huisclos seances notifier \(id)).")
        case .unchanged:
            Text(fr: "Séance \(id) : rien n'a changé (\(when.french), à \(place)) ; aucune nouvelle version, aucun avis à renvoyer.",
                 en: "Séance \(id): nothing changed (\(when.english), at \(place)); no new version, no notice to send again.")
        }
    }

    /// The date and time as a sentence states them: « le jeudi 17 décembre 2026, de 14 h 30 à 17 h ».
    public var whenInFull: Text {
        let dayFR = "le \(date.frenchInFull)", dayEN = "on \(date.englishInFull)"
        return switch (start, end) {
        case let (start?, end?): Text(fr: "\(dayFR), de \(start.french) à \(end.french)", en: "\(dayEN), from \(start.iso) to \(end.iso)")
        case let (start?, nil): Text(fr: "\(dayFR) à \(start.french)", en: "\(dayEN) at \(start.iso)")
        default: Text(fr: dayFR, en: dayEN)
        }
    }
}

extension String {
    /// The id with each « : » made « - »: what to suggest instead.
    fileprivate var replacingColons: String { String(map { $0 == ":" ? "-" : $0 }) }
}
