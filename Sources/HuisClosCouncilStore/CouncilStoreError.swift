import HuisClosL10n

/// A council action refused because the replica lacks what it names: what happened and what to do.
public enum CouncilStoreError: Error, Equatable, Sendable, CustomStringConvertible {
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

    public var description: String { text.english }
}
