public import HuisClosL10n

/// What a face says about a séance's archive package (SEDA 2.2).
extension Text {
    /// Before the package is written in plaintext to `folder`.
    public static func archiveInPlaintext(_ folder: String) -> Text {
        Text(fr: "Attention : le versement est écrit en clair hors de l'appareil chiffré (\(folder)) ; remettez-le au service d'archives par un moyen sûr, puis effacez-le.",
             en: "Warning: the transfer is written in plaintext outside the encrypted device (\(folder)); hand it to the archives service by a secure means, then delete it.")
    }

    /// After writing the package of `target`.
    public static func archiveWritten(_ archive: SeanceArchive, target: ArchiveTarget) -> Text {
        Text(fr: "Versement SEDA 2.2 \(target.label.french) : \(archive.files.count) fichier(s) et leur bordereau \(archive.manifest) (identifiant \(archive.messageIdentifier)).",
             en: "SEDA 2.2 transfer \(target.label.english): \(archive.files.count) file(s) and their manifest \(archive.manifest) (identifier \(archive.messageIdentifier)).")
    }

    /// Agenda dossiers this device holds in no scope it reads, so left out of the package.
    public static func archiveMissingDossiers(_ ids: [String]) -> Text {
        Text(fr: "Dossiers de l'ordre du jour absents de cet appareil, donc du versement : \(ids.joined(separator: ", ")). Synchronisez, ou archivez depuis un appareil qui les lit.",
             en: "Agenda dossiers this device does not hold, so left out of the transfer: \(ids.joined(separator: ", ")). Sync, or archive from a device that reads them.")
    }
}
