public import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
public import HuisClosProtocol
import HuisClosStore
import HuisClosTerminal
import HuisClosWire

/// One dossier version as a face lists it (`--json`): no key, no content.
public struct ListedVersion: Sendable, Encodable, Equatable {
    public let scope: String, dossier: String, title: String, version: Int, fileName: String, mediaType: String, size: Int64, seen: Bool
    /// True when the content is kept on this device (readable offline).
    public let offline: Bool
    /// True when `dossiers ajouter` found the file identical to this latest version and added
    /// nothing (absent otherwise).
    public internal(set) var unchanged: Bool?

    /// `version` of a dossier titled `title` in `scope`.
    public init(version: DossierVersion, title: String, scope: ScopeID, seen: Bool, offline: Bool) {
        self.scope = scope.rawValue
        dossier = version.dossier
        self.title = title
        self.version = version.number
        fileName = version.fileName
        mediaType = version.mediaType
        size = version.size
        self.seen = seen
        self.offline = offline
    }
}

/// What happens while a file becomes a dossier version.
public enum DossierUploadEvent: Sendable {
    /// `done` of `total` chunks of an earlier pending upload sent again.
    case resuming(done: Int, total: Int)
    /// A pending upload the relay refused for good, forgotten (why, in English).
    case abandoned(Text)
    /// `done` of `total` chunks of the new version sent.
    case uploading(done: Int, total: Int)
    /// The upload was cut (relay unreachable or failing): it stays pending and resumes at the next
    /// sync (the error thrown next says so, or why the relay refused it).
    case interrupted
}

extension ClientSession {
    /// Seals `file` as the next version of dossier `id` (by default named after the file) in
    /// `scope`, titled `title` (by default the dossier's title or the file's name), uploads it
    /// after finishing any upload left pending, and syncs. The media type comes from the file's
    /// extension (`DossierMedia`). A file identical to the dossier's latest version (its content
    /// held here and checked) adds nothing: that version is returned, marked `unchanged`.
    public func addDossierVersion(file: URL, scope: ScopeID, id: String?, title: String?, attachedTo: String,
                                  progress: @escaping @Sendable (DossierUploadEvent) -> Void = { _ in }) async throws -> ListedVersion {
        try PlaintextFile.requireReadable(atPath: file.path)
        try await device.requireWritable(scope)
        try requireAttachment(attachedTo)
        let size = (try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= DossierLimits.fileBytesMax else {
            throw DossierError(.tooLarge, Text(fr: "\(file.lastPathComponent) dépasse \(DossierLimits.fileBytesMax / 1_048_576) Mio : découpez le dossier",
                                     en: "\(file.lastPathComponent) exceeds \(DossierLimits.fileBytesMax / 1_048_576) MiB"))
        }
        let library = DossierLibrary(store: device.store, scope: scope)
        let id = id ?? DossierMedia.identifier(from: file.deletingPathExtension().lastPathComponent)
        let title = try title ?? library.dossier(id)?.title ?? file.deletingPathExtension().lastPathComponent
        let contentHash = try DossierSource.file(file).contentHash()
        if let latest = try library.dossier(id)?.versions.last, try await library.holdsContent(latest, hashing: contentHash) {
            var listed = ListedVersion(version: latest, title: title, scope: scope, seen: true, offline: try library.isHeld(latest))
            listed.unchanged = true
            return listed
        }
        _ = try await resumeUploads { event in
            switch event {
            case .resumingUpload(let done, let total): progress(.resuming(done: done, total: total))
            case .uploadAbandoned(let reason): progress(.abandoned(reason))
            default: break
            }
        }
        let transfer = SealedFileTransfer(client: device.relayClient)
        let version: DossierVersion
        do {
            version = try await library.addVersion(
                of: id, title: title, attachedTo: attachedTo, fileName: file.lastPathComponent,
                mediaType: DossierMedia.type(of: file), content: .file(file), contentHash: contentHash, fileID: try FileID(randomness.identifier()),
                upload: { fileID, cache in
                    try await transfer.upload(fileID, scope: scope, from: cache) { progress(.uploading(done: $0, total: $1)) }
                })
        } catch let error as APIError {
            progress(.interrupted)
            // Cut or failing on the relay's side: kept, resumed at the next sync. A refusal for what
            // the upload is (a quota, a scope) says so itself.
            guard [.unreachable, .internal, .rateLimited, .tokenExpired].contains(error.code) else { throw error }
            throw DossierError(.uploadWaiting, error.happened(then: DossierError.Code.uploadWaiting.text))
        }
        _ = try await device.sync()
        return ListedVersion(version: version, title: title, scope: scope, seen: true, offline: true)
    }

    /// Every version of every dossier of `scope` on this device, marked seen or not and held offline or not.
    public func dossierVersions(in scope: ScopeID) throws -> [ListedVersion] {
        let library = DossierLibrary(store: device.store, scope: scope)
        let unseen = Set(try library.unseenVersions().map { "\($0.dossier).v\($0.number)" })
        return try library.list().flatMap { dossier in
            try dossier.versions.map { ListedVersion(version: $0, title: dossier.title, scope: scope,
                                                     seen: !unseen.contains("\($0.dossier).v\($0.number)"),
                                                     offline: try library.isHeld($0)) }
        }
    }

    /// Full-text search of the text versions this device may read now (an ended access hides its
    /// content before the next sync drops it).
    public func searchDossiers(_ words: String) async throws -> [DossierIndex.Hit] {
        let readable = Set(await device.readableScopes.map(\.rawValue))
        return try DossierIndex(database: device.store.database).search(words).filter { readable.contains($0.scope) }
    }

    /// Refuses an attachment that names nothing on this device: a séance, an agenda item of one
    /// (`agenda:<séance>/<point>`) or an avis; empty for none.
    func requireAttachment(_ attachedTo: String) throws {
        guard !attachedTo.isEmpty else { return }
        if attachedTo.hasPrefix("agenda:") {
            let named = attachedTo.dropFirst("agenda:".count).split(separator: "/", maxSplits: 1).map(String.init)
            if named.count == 2, (try? device.council.agenda(of: named[0]))?.contains(where: { $0.item.id == named[1] }) == true { return }
        } else if (try? device.council.seance(attachedTo)) != nil || (try? AvisDrafts(store: device.store).draft(attachedTo)) != nil {
            return
        }
        throw DossierError(.notFound, Text(
            fr: "--rattache-a : aucune séance, aucun point d'ordre du jour ni aucun avis « \(attachedTo) » sur cet appareil : voyez huisclos seances voir et huisclos avis liste, ou synchronisez",
            en: "--rattache-a: no séance, agenda item nor avis '\(attachedTo)' on this device: see huisclos seances voir and huisclos avis liste, or sync"))
    }

    /// Version `number` (or the latest) of `dossier` in `scope`, or a `notFound` failure saying what to do.
    public func dossierVersion(of dossier: String, number: Int?, in scope: ScopeID) throws -> DossierVersion {
        let library = DossierLibrary(store: device.store, scope: scope)
        guard let found = try library.dossier(dossier) else {
            throw DossierError(.notFound, Text(fr: "aucun dossier « \(dossier) » dans \(scope.text.french) sur cet appareil : synchronisez, puis voyez huisclos dossiers liste",
                                     en: "no dossier '\(dossier)' in \(scope.text.english) on this device: sync, then see huisclos dossiers liste"))
        }
        guard let chosen = number.map({ n in found.versions.first { $0.number == n } }) ?? found.latest else {
            throw DossierError(.notFound, Text(fr: "le dossier « \(dossier) » n'a pas de version \(number.map(String.init) ?? "") : voyez huisclos dossiers liste",
                                     en: "dossier '\(dossier)' has no version \(number.map(String.init) ?? ""): see huisclos dossiers liste"))
        }
        return chosen
    }
}
