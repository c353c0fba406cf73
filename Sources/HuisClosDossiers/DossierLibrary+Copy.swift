import HuisClosL10n
import HuisClosProtocol

extension DossierLibrary {
    /// Reseals the latest version of dossier `id` of `source` (e.g. the council's) as the next
    /// version of the same dossier in this library (e.g. a hearing's scope), under a fresh file
    /// key uploaded to this scope: readers of this scope get that one file and nothing else of
    /// `source`. The plaintext stays in memory (at most `DossierLimits.fileBytesMax`).
    @discardableResult
    public func copy(_ id: String, from source: DossierLibrary, transfer: SealedFileTransfer, attachedTo: String) async throws -> DossierVersion {
        guard let dossier = try source.dossier(id), let latest = dossier.latest else {
            throw DossierError(.notFound, Text(fr: "aucun dossier « \(id) » dans \(source.scope.text.french) sur cet appareil : synchronisez, puis voyez huisclos dossiers liste",
                                     en: "no dossier '\(id)' in \(source.scope.text.english) on this device: sync, then see huisclos dossiers liste"))
        }
        var content: [UInt8] = []
        try await source.read(latest, transfer: transfer) { content += $0 }
        let scope = self.scope
        return try await addVersion(of: id, title: dossier.title, attachedTo: attachedTo, fileName: latest.fileName,
                                    mediaType: latest.mediaType, content: .bytes(content),
                                    upload: { fileID, cache in _ = try await transfer.upload(fileID, scope: scope, from: cache) })
    }
}
