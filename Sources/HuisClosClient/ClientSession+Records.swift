import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosPublication

extension ClientSession {
    /// Creates avis draft `id` (an avis, a recommendation or the work programme) in the council
    /// scope, answering `referral` if given; it leaves at the next sync.
    public func createAvisDraft(_ id: String, title: String, kind: PublishedText.Kind, referral: String?, consultation: String? = nil) throws {
        try AvisDrafts(store: device.store).create(id: id, title: title, kind: kind, referral: referral, consultation: consultation)
    }

    /// Writes paragraph `paragraph` of draft `id` over the versions this device has seen.
    public func writeAvisParagraph(_ text: String, paragraph: String, of id: String) throws {
        try AvisDrafts(store: device.store).write(text, paragraph: paragraph, of: id)
    }

    /// Draft `id`, its paragraphs and their conflicts.
    public func avisDraft(_ id: String) throws -> AvisDrafts.Draft { try AvisDrafts(store: device.store).draft(id) }

    /// Every avis draft and text of the council scope.
    public func avisDrafts() throws -> [AvisDrafts.Draft] { try AvisDrafts(store: device.store).drafts() }

    /// The referrals received, answered or not.
    public func referrals() throws -> [ActivityReport.Referral] { try Referrals(store: device.store).list() }

    /// The working groups this device knows.
    public func workingGroups() throws -> [WorkingGroupRoster.Entry] { try WorkingGroupRoster(store: device.store).list() }

    /// Version `number` (or the latest) of `dossier` in `scope`, its content brought into the
    /// replica first when missing (`progress` counts chunks).
    public func fetchDossierVersion(_ dossier: String, number: Int?, in scope: ScopeID,
                                    progress: @escaping SealedFileTransfer.Progress = { _, _ in }) async throws -> DossierVersion {
        let chosen = try dossierVersion(of: dossier, number: number, in: scope)
        try await DossierLibrary(store: device.store, scope: scope).fetch(chosen, transfer: SealedFileTransfer(client: device.relayClient),
                                                                          progress: progress)
        return chosen
    }

    /// Decrypts `version` of `scope` chunk by chunk from the replica into `sink`, then marks it seen.
    @discardableResult
    public func readDossierVersion(_ version: DossierVersion, in scope: ScopeID, sink: ([UInt8]) throws -> Void) async throws -> Text? {
        let library = DossierLibrary(store: device.store, scope: scope)
        try await library.read(version, transfer: nil, sink: sink)
        return library.markSeenWhenPossible([version])
    }
}
