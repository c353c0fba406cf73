import Foundation
public import HuisClosCouncil
public import HuisClosL10n

/// What a face tells the person after a dossier, note, avis, hearing or secretariat workflow:
/// composed once here, so the CLI and the app say the same thing in both languages.
extension Text {
    /// After a dossier version was sealed, uploaded and synced, or found identical to the latest.
    public static func dossierVersionAdded(_ version: ListedVersion) -> Text {
        guard version.unchanged != true else {
            return Text(fr: "Dossier \(version.dossier) : ce fichier est identique à sa version \(version.version) ; aucune nouvelle version n'est créée.",
                        en: "Dossier \(version.dossier): this file is identical to its version \(version.version); no new version is made.")
        }
        return Text(fr: "Dossier \(version.dossier), version \(version.version) : chiffré, envoyé et synchronisé.",
                    en: "Dossier \(version.dossier), version \(version.version): sealed, sent and synced.")
    }

    /// An upload given up, and why.
    public static func uploadAbandoned(_ reason: Text) -> Text {
        Text(fr: "Envoi abandonné : \(reason.french)", en: "Upload abandoned: \(reason.english)")
    }

    /// A warning before a dossier's content is written in plaintext to `output` (nil: standard output).
    public static func contentInPlaintext(_ output: String?) -> Text {
        Text(fr: "Attention : le contenu est écrit en clair hors de l'appareil chiffré (\(output ?? "sortie standard")).",
             en: "Warning: the content is written in plaintext outside the encrypted device (\(output ?? "standard output")).")
    }

    /// After adding note `id` to `scope`.
    public static func noteAdded(_ id: String, in scope: String) -> Text {
        Text(fr: "Note \(id) ajoutée (\(scope)) ; elle part à la prochaine synchronisation.", en: "Note \(id) added (\(scope)); it leaves at the next sync.")
    }

    /// After creating the draft `id`.
    public static func draftCreated(_ id: String) -> Text { Text(fr: "Projet \(id) créé.", en: "Draft \(id) created.") }

    /// After writing a paragraph of a draft.
    public static func paragraphWritten(_ paragraph: String) -> Text {
        Text(fr: "Paragraphe \(paragraph) écrit.", en: "Paragraph \(paragraph) written.")
    }

    /// After recording the adoption of `id` at `seance` with its vote count.
    public static func avisAdopted(_ id: String, at seance: String, inFavour: Int, against: Int, abstaining: Int) -> Text {
        Text(fr: "\(id) adopté en séance \(seance) : \(inFavour) pour, \(against) contre, \(abstaining) abstention(s).",
             en: "\(id) adopted at séance \(seance): \(inFavour) for, \(against) against, \(abstaining) abstaining.")
    }

    /// After publishing `id` at `address`.
    public static func avisPublished(_ id: String, at address: String) -> Text {
        Text(fr: "\(id) publié : \(address)", en: "\(id) published: \(address)")
    }

    /// After closing hearing `id` before its expiry, or finding it closed on day `already`.
    public static func hearingClosed(_ id: String, already: Day? = nil) -> Text {
        if let already {
            return Text(fr: "Audition \(id) déjà close le \(already.french) : rien n'a changé.",
                        en: "Hearing \(id) already closed on \(already.iso): nothing changed.")
        }
        return Text(fr: "Audition \(id) close : nouvelle clé pour la portée, effacement de l'appareil de l'invité ordonné.",
                    en: "Hearing \(id) closed: new key for the scope, the guest's device ordered wiped.")
    }
}

extension OpenedHearing {
    /// What the secretariat is told after opening the hearing on `dossier`: until when, the
    /// guest's enrolment code and root, and the command to run on the guest's device.
    public func lines(dossier: String) -> [Text] {
        let until = ISO8601DateFormatter().date(from: expiry).map { Int64($0.timeIntervalSince1970) }
        let (frenchUntil, englishUntil) = (until.map { LocalTime.text(unixSeconds: $0, in: .french) } ?? expiry,
                                           until.map { LocalTime.text(unixSeconds: $0, in: .english) } ?? expiry)
        return [Text(fr: "Audition \(hearing) ouverte jusqu'au \(frenchUntil) ; dossier \(dossier) copié et chiffré pour l'audition (portée audition:\(hearing)).",
                     en: "Hearing \(hearing) open until \(englishUntil); dossier \(dossier) copied and sealed for the hearing (scope audition:\(hearing))."),
                Text(fr: "Invité : \(member) · code d'enrôlement : \(code) · racine : \(root)", en: "Guest: \(member) · enrolment code: \(code) · root: \(root)"),
                Text(fr: "Sur l'appareil de l'invité : huisclos enrol --serveur \(server) --code \(code) --racine \(root) --membre \(member) --charte <fichier de la charte> ; puis, ici, huisclos admin certifier avec la carte qu'il affiche.",
                     en: "On the guest's device: huisclos enrol --serveur \(server) --code \(code) --racine \(root) --membre \(member) --charte <charter file>; then, here, huisclos admin certifier with the card it shows.")]
    }
}
