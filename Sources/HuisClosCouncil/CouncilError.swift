public import HuisClosL10n

/// An action the council's rules refuse: which rule, and what to do instead, in French and English.
public struct CouncilError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable codes for scripts (`--json`) and tests; new codes may be added.
    public enum Code: String, ErrorCode {
        case firstCircleFull
        case thirdMandateRefused
        case alreadyInOffice
        case notInOffice
        case unknownMember
        case proxyRefused
        case notAFirstCircleMember
        case attendanceClosed
        case attendanceNotClosed
        case notReportedForAbsences
        case invalidDate
        case notProposedByPresident
        case unknownSeance
        /// The author's role does not allow this record (`CouncilWriteRules` says who may).
        case roleRequired
        /// Fewer than half the members in office were present: the séance cannot adopt a text.
        case quorumNotReached
        /// A count given for a séance differs from what its attendance sheet records.
        case countMismatch
        /// The séance was cancelled: nothing more is recorded for it.
        case seanceCancelled
        /// Convened with fewer clear days than the council's minimum, without stating urgency.
        case convocationTooLate
        /// The séance was held (attendance closed): it is neither convened again nor its agenda changed.
        case seanceHeld
        /// A convocation names no place.
        case placeRequired
        /// The séance is held or past: no notice is sent for it.
        case noticeNotDue
        /// A new séance's id holds « : », the separator of the ids that name its versions.
        case invalidSeanceID
        /// An acknowledgement whose `seance` or `revision` field differs from what its id names.
        case acknowledgementMismatch
        /// Closing the attendance of a séance where nobody was marked present, without saying that
        /// nobody came: a sheet closed by mistake can no longer be corrected.
        case nobodyMarkedPresent
        /// A known member's id given with another person's name.
        case nameMismatch
        /// A renewal more than `CouncilRules.renewalNoticeMonths` before the running mandate's
        /// term, not confirmed: it would end that mandate early and use the only renewal.
        case earlyRenewal
        /// A new appointment under the name of a former member, not said to be another person.
        case formerMemberNamesake
        /// A new appointment under the name of a member in office, not said to be another person.
        case namesakeInOffice
        /// A president appointed while another is in office: the council has one presidency.
        case presidencyHeld
        /// A vote with no more votes for than against: the text is not adopted (`CouncilRules.adopts`).
        case notAdopted

        public static let domain = "council"

        public var text: Text {
            switch self {
            case .firstCircleFull:
                Text(fr: "le premier cercle compte déjà 30 membres en fonction : attendez une fin de mandat",
                     en: "the first circle already has 30 members in office: wait for a mandate to end")
            case .thirdMandateRefused:
                Text(fr: "le mandat de ce membre a déjà été renouvelé une fois : il n'est renouvelable qu'une fois",
                     en: "this member's mandate has already been renewed once: a mandate is renewable once only")
            case .alreadyInOffice:
                Text(fr: "ce membre est déjà en fonction : renouvelez son mandat (huisclos membres renouveler) plutôt que de le nommer",
                     en: "this member is already in office: renew the mandate (huisclos membres renouveler) rather than appoint")
            case .notInOffice:
                Text(fr: "ce membre n'est pas en fonction à cette date : vérifiez avec huisclos membres liste",
                     en: "this member is not in office on that date: check with huisclos membres liste")
            case .unknownMember:
                Text(fr: "aucun membre avec cet identifiant au registre : synchronisez, puis voyez huisclos membres liste",
                     en: "no member with this id in the register: sync, then see huisclos membres liste")
            case .proxyRefused:
                Text(fr: "les procurations ne sont pas admises : chaque membre répond pour lui-même",
                     en: "proxies are not allowed: each member answers for themself")
            case .notAFirstCircleMember:
                Text(fr: "ce membre ne siège pas au premier cercle : seuls ses membres en fonction sont concernés",
                     en: "this member does not sit in the first circle: only its members in office are concerned")
            case .attendanceClosed:
                Text(fr: "la feuille de présence de cette séance est close : elle ne change plus",
                     en: "this séance's attendance sheet is closed: it no longer changes")
            case .attendanceNotClosed:
                Text(fr: "la feuille de présence de cette séance n'est pas encore close : le secrétariat la clôt d'abord (huisclos presences clore)",
                     en: "this séance's attendance sheet is not closed yet: the secretariat closes it first (huisclos presences clore)")
            case .notReportedForAbsences:
                Text(fr: "ce membre ne figure pas au rapport d'absences signé : le secrétariat signe d'abord le rapport (huisclos rapport absences --signer)",
                     en: "this member is not on the signed absences report: the secretariat signs the report first (huisclos rapport absences --signer)")
            case .invalidDate:
                Text(fr: "cette date ne convient pas (hors des dates admises pour cette action) : donnez une date réelle AAAA-MM-JJ qui la respecte",
                     en: "this date does not fit (outside the dates allowed for this action): give a real YYYY-MM-DD date that does")
            case .notProposedByPresident:
                Text(fr: "la présidence n'a pas proposé ce membre : elle le propose d'abord",
                     en: "the president has not proposed this member: the president proposes first")
            case .unknownSeance:
                Text(fr: "aucune séance avec cet identifiant sur cet appareil : synchronisez, puis voyez huisclos seances liste",
                     en: "no séance with this id on this device: sync, then see huisclos seances liste")
            case .roleRequired:
                Text(fr: "votre rôle ne permet pas cette action : adressez-vous à la présidence ou au secrétariat",
                     en: "your role does not allow this action: ask the president or the secretariat")
            case .quorumNotReached:
                Text(fr: "moins de la moitié des membres en fonction étaient présents : la séance ne peut pas adopter de texte",
                     en: "fewer than half the members in office were present: the séance cannot adopt a text")
            case .countMismatch:
                Text(fr: "un nombre donné pour la séance diffère de sa feuille de présence : corrigez-le",
                     en: "a count given for the séance differs from its attendance sheet: correct it")
            case .seanceCancelled:
                Text(fr: "cette séance a été annulée : rien de plus ne s'y enregistre",
                     en: "this séance was cancelled: nothing more is recorded for it")
            case .convocationTooLate:
                Text(fr: "la convocation n'observe pas le délai minimal du conseil : choisissez une date plus lointaine, ou déclarez l'urgence (--urgence)",
                     en: "the convocation does not give the council's minimum notice: choose a later date, or state urgency (--urgence)")
            case .seanceHeld:
                Text(fr: "cette séance s'est tenue (feuille de présence close) : sa convocation et son ordre du jour ne changent plus",
                     en: "this séance was held (attendance closed): its convocation and agenda no longer change")
            case .placeRequired:
                Text(fr: "une convocation dit où se tient la séance : donnez un lieu (--lieu)",
                     en: "a convocation says where the séance is held: give a place (--lieu)")
            case .noticeNotDue:
                Text(fr: "cette séance est passée ou s'est tenue : aucun avis n'est envoyé pour elle",
                     en: "this séance is past or was held: no notice is sent for it")
            case .invalidSeanceID:
                Text(fr: "un identifiant de séance ne contient pas « : » : choisissez-en un autre (par exemple s1 ou 2027-03-12)",
                     en: "a séance id holds no ':': choose another (for instance s1 or 2027-03-12)")
            case .acknowledgementMismatch:
                Text(fr: "un accusé de réception nomme la version et la séance de son identifiant : cet enregistrement se contredit",
                     en: "an acknowledgement names the version and séance of its id: this record contradicts itself")
            case .nameMismatch:
                Text(fr: "cet identifiant est celui d'un autre membre que le nom donné : vérifiez l'identifiant (huisclos membres liste)",
                     en: "this id is another member's than the name given: check the id (huisclos membres liste)")
            case .nobodyMarkedPresent:
                Text(fr: "personne n'est pointé présent à cette séance, et une feuille close ne change plus : pointez les présents (huisclos presence pointer) ; si personne n'est venu, ajoutez --aucun-present",
                     en: "nobody is marked present at this séance, and a closed sheet no longer changes: mark those present (huisclos presence pointer); if nobody came, add --aucun-present")
            case .namesakeInOffice:
                Text(fr: "une ou un membre en fonction porte ce nom : une personne n'est nommée qu'une fois (son mandat se renouvelle avec huisclos membres renouveler) ; pour une autre personne du même nom, ajoutez --homonyme",
                     en: "a member in office bears this name: a person is appointed once (their mandate is renewed with huisclos membres renouveler); for another person of the same name, add --homonyme")
            case .presidencyHeld:
                Text(fr: "la présidence est occupée par une ou un membre en fonction : le conseil n'a qu'une présidence ; elle se libère à la fin de ce mandat (huisclos membres fin-mandat)",
                     en: "the presidency is held by a member in office: the council has one presidency; it is free once that mandate ends (huisclos membres fin-mandat)")
            case .formerMemberNamesake:
                Text(fr: "une ancienne ou un ancien membre porte ce nom : pour la même personne, renouvelez son mandat (huisclos membres renouveler) ; pour une autre personne du même nom, ajoutez --homonyme",
                     en: "a former member bears this name: for the same person, renew their mandate (huisclos membres renouveler); for another person of the same name, add --homonyme")
            case .notAdopted:
                Text(fr: "le vote n'adopte pas le texte : il faut plus de voix pour que de voix contre (majorité des suffrages exprimés) ; le texte reste un projet, rien n'est enregistré",
                     en: "the vote does not adopt the text: it takes more votes for than against (a majority of the votes cast); the text stays a draft, nothing is recorded")
            case .earlyRenewal:
                Text(fr: "ce renouvellement mettrait fin au mandat en cours bien avant son terme et utiliserait le seul renouvellement permis : vérifiez le membre et la date ; si c'est voulu, ajoutez --anticipe",
                     en: "this renewal would end the running mandate long before its term and use the only renewal allowed: check the member and the date; if it is meant, add --anticipe")
            }
        }

        /// Not allowed (77) for a role required, as every permission refusal of the product; an id
        /// naming nothing, or a closing or renewal not confirmed, is wrong usage (64), as everywhere
        /// (`ExitStatus`); any other refusal is data refused (65).
        public var exitStatus: ExitStatus {
            switch self {
            case .roleRequired: .notAllowed
            case .unknownMember, .unknownSeance, .nobodyMarkedPresent, .nameMismatch, .earlyRenewal, .formerMemberNamesake, .namesakeInOffice: .usage
            default: .dataRefused
            }
        }
    }

    public let code: Code
    /// What happened and what to do, for a person.
    public let text: Text

    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }
}
