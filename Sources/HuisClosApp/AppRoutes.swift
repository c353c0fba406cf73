import Foundation
import HTTPTypes
import HuisClosClient
import HuisClosCouncil
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosProtocol
import Hummingbird
import Synchronization

/// The app's pages, each a call on the client layer (the same workflows the CLI calls) turned
/// into a page: Accueil, Séances (list, convocation, answer), Dossiers (list, reading, download).
struct AppRoutes: Sendable {
    let pages: AppPages
    let vault: AppVault

    func register(on router: Router<AppRequestContext>) {
        router.get(RouterPath(AppPages.Path.styleSheet)) { _, _ in AppPages.styleSheet() }
        router.get(RouterPath(AppPages.Path.pdfReader)) { _, _ in AppScripts.pdfReaderResponse() }
        router.get(RouterPath(AppPages.Path.pdfJS)) { _, _ in try PDFJS.response(PDFJS.script) }
        router.get(RouterPath(AppPages.Path.pdfWorker)) { _, _ in try PDFJS.response(PDFJS.worker) }
        router.get(RouterPath(AppPages.Path.home)) { request, context in try await home(request, context) }
        router.post(RouterPath(AppPages.Path.sync)) { _, context in try await sync(context) }
        router.post(RouterPath(AppPages.Path.lock)) { _, _ in
            try await vault.lock()
            return AppPages.redirect(to: AppPages.Path.home)
        }
        router.get(RouterPath(AppPages.Path.seances)) { request, context in try await seances(request, context) }
        router.get(RouterPath("\(AppPages.Path.seances)/:seance")) { request, context in try await seance(request, context) }
        router.post(RouterPath("\(AppPages.Path.seances)/:seance/reponse")) { _, context in try await answer(context) }
        router.post(RouterPath("\(AppPages.Path.seances)/:seance/lecture")) { _, context in try await acknowledgeReading(context) }
        router.get(RouterPath(AppPages.Path.search)) { request, context in try await search(request, context) }
        router.post(RouterPath(AppPages.Path.search)) { request, context in try await search(request, context) }
        router.get(RouterPath(AppPages.Path.devices)) { request, context in try await devices(request, context) }
        router.post(RouterPath("\(AppPages.Path.devices)/approuver")) { _, context in try await approveDevice(context) }
        router.get(RouterPath(AppPages.Path.dossiers)) { request, context in try await dossiers(request, context) }
        router.get(RouterPath("\(AppPages.Path.dossiers)/:scope/:dossier")) { request, context in try await dossier(request, context) }
        router.get(RouterPath("\(AppPages.Path.dossiers)/:scope/:dossier/telecharger")) { request, context in try await download(request, context) }
        router.get(RouterPath("\(AppPages.Path.dossiers)/:scope/:dossier/pdf")) { request, context in try await pdf(request, context) }
        router.post(RouterPath("\(AppPages.Path.dossiers)/:scope/:dossier/notes")) { _, context in try await addNote(context) }
    }

    // MARK: Accueil

    private func home(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let language = context.language
        let status = try await session.status()
        let unseen = try await readableVersions(session).filter { !$0.seen }
        var coming: [[String: Any]] = []
        let council = try await session.councilSession()
        var problems: [String] = []
        if await council.hasCouncilAccess {
            let (seances, warning) = try council.seancesAcknowledgingReceipt(if: context.ownNavigation)
            if let warning { problems.append(warning.in(language)) }
            coming = seances.filter { !$0.cancelled && $0.date >= council.today }.sorted { $0.date < $1.date }.map { seance in
                ["id": seance.id, "href": Self.seanceHref(seance.id), "when": seance.when.in(language), "place": seance.place,
                 "answer": AppWords.answer(seance.responses[council.me]).in(language)]
            }
        }
        let report = await vault.syncReport
        let model: [String: Any] = [
            "status": status.lines.map { $0.in(language) },
            "syncReport": report.map(Self.text).map { $0.in(language) },
            "newVersions": unseen.map { version in
                ["href": Self.dossierHref(version.scope, version.dossier, version.version), "title": version.title,
                 "version": version.version, "fileName": version.fileName] as [String: Any]
            },
            "seances": coming,
        ]
        return pages.page("home", title: AppWords.word("home", language), model: model, context: context, path: request.uri.path,
                          problems: problems + report.compactMap { if case .problem(let text) = $0 { text.in(language) } else { nil } })
    }

    /// Syncs everything (as `huisclos sync`), keeps what it said for the home page, and goes back
    /// there; after the secretariat's wipe order, answers the last page and the app stops.
    private func sync(_ context: AppRequestContext) async throws -> Response {
        let session = try context.requireSession()
        let told = Mutex<[ReportLine]>([])
        do {
            try await session.syncEverything(policy: .everything, progress: { event in
                if case .synced(let report, let resumed) = event { told.withLock { $0 += SyncSummary.batchLines(report, resumed: resumed) } }
            }, onSync: { outcome in told.withLock { $0 += SyncSummary.outcomeLines(outcome) } })
        } catch let error as DeviceError where error.code == .wiped {
            await vault.forgetWipedDevice()
            return pages.wiped(error, context: context)
        } catch {
            told.withLock { $0.append(.problem(ErrorExplanation.of(error).report)) }
        }
        await vault.keep(syncReport: told.withLock { $0 })
        return AppPages.redirect(to: AppPages.Path.home)
    }

    // MARK: Séances

    private func seances(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let council = try await context.requireSession().councilSession()
        try await council.requireCouncilAccess()
        let (seances, warning) = try council.seancesAcknowledgingReceipt(if: context.ownNavigation)
        let rows: [[String: Any]] = seances.map { seance in
            let state = seance.cancelled ? Text(fr: "annulée", en: "cancelled")
                : seance.attendanceClosed ? Text(fr: "close", en: "closed") : Text(fr: "ouverte", en: "open")
            return ["id": seance.id, "href": Self.seanceHref(seance.id), "when": seance.when.in(language), "place": seance.place,
                    "items": seance.agenda.count, "state": state.in(language),
                    "answer": AppWords.answer(seance.responses[council.me]).in(language)]
        }
        return pages.page("seances", title: AppWords.word("seances", language), model: ["rows": rows], context: context,
                          path: request.uri.path, problems: warning.map { [$0.in(language)] } ?? [])
    }

    /// A convocation: the member opening it acknowledges reading it (as `huisclos seances voir`);
    /// fetched otherwise (an image or a link of another page), it acknowledges nothing and offers
    /// the acknowledgement as a form.
    private func seance(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let id = try context.parameters.require("seance")
        let council = try await context.requireSession().councilSession()
        try await council.requireCouncilAccess()
        let (seance, warning) = try council.seanceAcknowledgingReading(id, if: context.ownNavigation)
        let mine = seance.responses[council.me]
        let agenda: [[String: Any]] = seance.agenda.map { item in
            ["title": item.title,
             "dossiers": item.dossierIDs.map { ["href": Self.dossierHref(ScopeID.council.rawValue, $0, nil), "label": $0] }]
        }
        let answers: [[String: Any]] = Seance.Response.allCases.map {
            ["value": $0.rawValue, "label": AppWords.answer($0).in(language), "checked": $0 == mine]
        }
        let model: [String: Any] = [
            "when": seance.when.in(language), "place": seance.place, "cancelled": seance.cancelled, "urgent": seance.urgent,
            "agenda": agenda, "answers": answers, "answerAction": Self.seanceHref(id) + "/reponse",
            "awaitsReading": try council.awaitsReadingAcknowledgement(seance), "readingAction": Self.seanceHref(id) + "/lecture",
            "currentAnswer": Text(fr: "Réponse actuelle : ", en: "Current answer: ").in(language) + AppWords.answer(mine).in(language),
        ]
        let notices = request.uri.queryParameters["enregistre"] != nil ? [AppWords.word("answerRecorded", language)] : []
        return pages.page("seance", title: "\(AppWords.word("seance", language)) \(seance.id)", model: model, context: context,
                          path: request.uri.path, notices: notices, problems: warning.map { [$0.in(language)] } ?? [])
    }

    /// Records this member's answer (as `huisclos presence repondre`), then shows the convocation again.
    private func answer(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("seance")
        guard let response = context.form["reponse"].flatMap(Seance.Response.init(rawValue:)) else { throw AppError(.invalidForm) }
        try await context.requireSession().councilSession().answer(id, response)
        return AppPages.redirect(to: Self.seanceHref(id) + "?enregistre=1")
    }

    /// Acknowledges reading the convocation from its page's form (when the browser did not say
    /// the member opened it), then shows it again.
    private func acknowledgeReading(_ context: AppRequestContext) async throws -> Response {
        let id = try context.parameters.require("seance")
        let council = try await context.requireSession().councilSession()
        try await council.requireCouncilAccess()
        _ = try council.seanceAcknowledgingReading(id)
        return AppPages.redirect(to: Self.seanceHref(id))
    }

    // MARK: Dossiers

    private func dossiers(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let rows: [[String: Any]] = try await readableVersions(try context.requireSession()).map { version in
            ["href": Self.dossierHref(version.scope, version.dossier, version.version), "title": version.title, "version": version.version,
             "fileName": version.fileName, "size": Self.size(version.size, language), "scope": version.scope, "new": !version.seen]
        }
        return pages.page("dossiers", title: AppWords.word("dossiers", language), model: ["rows": rows], context: context,
                          path: request.uri.path)
    }

    /// A version read in the page: text and Markdown rendered with everything escaped; a PDF drawn
    /// page by page by the page's script under the member's watermark; other formats offered for download.
    private func dossier(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let session = try context.requireSession()
        let (scope, version, content) = try await read(request, context, session: session, textOnly: true)
        let dossier = try context.parameters.require("dossier")
        let versions = try session.dossierVersions(in: scope).filter { $0.dossier == dossier }
        let html: String? = content.map { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            return version.mediaType == "text/markdown" ? SafeMarkdown.html(text) : SafeMarkdown.plain(text)
        }
        let isPDF = version.mediaType == DossierMedia.pdf
        let versionHref = Self.dossierHref(scope.rawValue, dossier, nil)
        var model: [String: Any] = [
            "version": version.number, "fileName": version.fileName, "mediaType": version.mediaType,
            "size": Self.size(version.size, language), "readable": html != nil, "html": html ?? "",
            "shownElsewhere": html == nil && !isPDF,
            "versions": versions.count > 1 ? versions.map { listed in
                ["href": Self.dossierHref(listed.scope, listed.dossier, listed.version), "number": listed.version,
                 "current": listed.version == version.number] as [String: Any]
            } : [],
            "downloadHref": versionHref + "/telecharger?version=\(version.number)",
            "plaintextWarning": Text.contentInPlaintext(version.fileName).in(language),
        ]
        try await addNotes(to: &model, on: dossier, in: scope, session: session, language: language)
        let notices = request.uri.queryParameters["note"] != nil ? [AppWords.word("noteAdded", language)] : []
        if isPDF {
            let council = try await session.councilSession()
            model["pdf"] = ["source": versionHref + "/pdf?version=\(version.number)", "worker": AppPages.Path.pdfWorker,
                            "script": AppPages.Path.pdfJS, "reader": AppPages.Path.pdfReader, "installed": PDFJS.isInstalled,
                            "watermark": Self.watermark(council).in(language)] as [String: Any]
        }
        let title = versions.first?.title ?? dossier
        return pages.page("dossier", title: title, model: model, context: context, path: request.uri.path, notices: notices)
    }

    /// The plaintext as an attachment, after the page's warning (as `huisclos dossiers lire --sortie`).
    private func download(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let (_, version, content) = try await read(request, context, session: try context.requireSession(), textOnly: false)
        let ascii = String(version.fileName.unicodeScalars.filter { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 0x20 })
        let encoded = version.fileName.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ascii
        return Response(status: .ok,
                        headers: [.contentType: "application/octet-stream",
                                  .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"],
                        body: .init(byteBuffer: ByteBuffer(bytes: content ?? [])))
    }

    /// The version a dossier address names, fetched into the replica when missing, and its
    /// plaintext (nil for a non-text version when `textOnly`); reading it marks it seen.
    func read(_ request: Request, _ context: AppRequestContext, session: ClientSession,
                      textOnly: Bool) async throws -> (ScopeID, DossierVersion, [UInt8]?) {
        let scope = try Self.scope(context)
        try await session.device.requireReadable(scope)
        let number = try request.uri.queryParameters["version"].map { text in
            guard let number = Int(text) else { throw AppError(.invalidForm) }
            return number
        }
        let version = try await session.fetchDossierVersion(try context.parameters.require("dossier"), number: number, in: scope)
        guard version.isText || !textOnly else { return (scope, version, nil) }
        var content: [UInt8] = []
        try await session.readDossierVersion(version, in: scope) { content += $0 }
        return (scope, version, content)
    }

    /// The scope a dossier address names; `app.notFound` when it is not one.
    static func scope(_ context: AppRequestContext) throws -> ScopeID {
        do {
            return try ScopeID(try context.parameters.require("scope"))
        } catch {
            throw AppError(.notFound)
        }
    }

    /// Every version of every dossier of every scope this device reads now.
    private func readableVersions(_ session: ClientSession) async throws -> [ListedVersion] {
        try await session.device.readableScopes.sorted().flatMap { try session.dossierVersions(in: $0) }
    }

    // MARK: Helpers

    static func seanceHref(_ id: String) -> String { AppPages.Path.seances + "/" + pathSegment(id) }

    static func dossierHref(_ scope: String, _ dossier: String, _ version: Int?) -> String {
        AppPages.Path.dossiers + "/" + pathSegment(scope) + "/" + pathSegment(dossier) + (version.map { "?version=\($0)" } ?? "")
    }

    private static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.:"))) ?? text
    }

    private static func text(_ line: ReportLine) -> Text {
        switch line {
        case .info(let text), .problem(let text): text
        }
    }

    /// A size as a person reads it (octets in French, bytes in English).
    static func size(_ bytes: Int64, _ language: Language) -> String {
        let units = language == .french ? ["o", "Kio", "Mio", "Gio"] : ["B", "KiB", "MiB", "GiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        let number = unit == 0 ? "\(bytes)" : String(format: "%.1f", value)
        return (language == .french ? number.replacingOccurrences(of: ".", with: ",") : number) + " " + units[unit]
    }
}
