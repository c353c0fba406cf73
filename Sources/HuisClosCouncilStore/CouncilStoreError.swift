public import HuisClosL10n

/// A council action refused because the replica lacks what it names: what happened and what to do.
public enum CouncilStoreError: HuisClosError, Equatable, CustomStringConvertible {
    /// The kind of refusal, stable.
    public enum Code: String, ErrorCode {
        case unknownSeance, unknownItem, itemExists, invalidMemberID, unknownMember

        /// The council's records on this device: séances, their agendas, the register (not the agenda alone).
        public static let domain = "records"

        public var text: Text {
            switch self {
            case .unknownSeance:
                Text(fr: "aucune séance avec cet identifiant sur cet appareil : synchronisez (huisclos sync) puis vérifiez avec huisclos seances liste",
                     en: "no séance with this id on this device: sync (huisclos sync), then check with huisclos seances liste")
            case .unknownItem:
                Text(fr: "aucun point avec cet identifiant à l'ordre du jour : voyez huisclos seances voir",
                     en: "no item with this id on the agenda: see huisclos seances voir")
            case .itemExists:
                Text(fr: "ce point figure déjà à l'ordre du jour : choisissez un autre identifiant ou déplacez-le",
                     en: "this item is already on the agenda: choose another id, or move it")
            case .invalidMemberID:
                Text(fr: "ceci n'est pas un identifiant de membre (32 chiffres hexadécimaux) : voyez huisclos membres liste",
                     en: "this is not a member id (32 hex digits): see huisclos membres liste")
            case .unknownMember:
                Text(fr: "aucun membre avec cet identifiant au registre de cet appareil : synchronisez, puis voyez huisclos membres liste",
                     en: "no member with this id in this device's register: sync, then see huisclos membres liste")
            }
        }

        /// An id naming nothing is wrong usage (64), as everywhere (`ExitStatus`); an item already
        /// there is data refused.
        public var exitStatus: ExitStatus { self == .itemExists ? .dataRefused : .usage }
    }

    /// No séance with this id in the replica.
    case unknownSeance(String)
    /// No such item on the séance's agenda.
    case unknownItem(seance: String, item: String)
    /// The item id is already on the agenda.
    case itemExists(seance: String, item: String)
    /// The member id is not 32 hex digits.
    case invalidMemberID(String)
    /// No profile for this member id in the replica.
    case unknownMember(String)

    public var code: Code {
        switch self {
        case .unknownSeance: .unknownSeance
        case .unknownItem: .unknownItem
        case .itemExists: .itemExists
        case .invalidMemberID: .invalidMemberID
        case .unknownMember: .unknownMember
        }
    }

    /// The message for a person, in both languages.
    public var text: Text {
        switch self {
        case let .unknownSeance(id):
            Text(fr: "Aucune séance « \(id) » sur cet appareil : synchronisez (huisclos sync) puis vérifiez avec huisclos seances liste.",
                 en: "No séance \"\(id)\" on this device: sync (huisclos sync), then check with huisclos seances liste.")
        case let .unknownItem(seance, item):
            Text(fr: "Aucun point « \(item) » à l'ordre du jour de la séance « \(seance) » : voyez huisclos seances voir \(seance).",
                 en: "No item \"\(item)\" on the agenda of séance \"\(seance)\": see huisclos seances voir \(seance).")
        case let .itemExists(seance, item):
            Text(fr: "Le point « \(item) » figure déjà à l'ordre du jour de « \(seance) » : choisissez un autre identifiant ou déplacez-le.",
                 en: "Item \"\(item)\" is already on the agenda of \"\(seance)\": choose another id, or move it.")
        case let .invalidMemberID(id):
            Text(fr: "« \(id) » n'est pas un identifiant de membre (32 chiffres hexadécimaux) : voyez huisclos membres liste.",
                 en: "\"\(id)\" is not a member id (32 hex digits): see huisclos membres liste.")
        case let .unknownMember(id):
            Text(fr: "Aucun membre « \(id) » au registre de cet appareil : synchronisez (huisclos sync) puis vérifiez avec huisclos membres liste.",
                 en: "No member \"\(id)\" in this device's register: sync (huisclos sync), then check with huisclos membres liste.")
        }
    }
}
