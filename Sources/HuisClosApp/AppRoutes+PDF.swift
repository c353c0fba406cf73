import HuisClosClient
import HuisClosCouncil
import HuisClosDossiers
import HuisClosL10n
import HuisClosTrust
import Hummingbird

/// A PDF dossier's page: the watermark its reader draws, and the bytes it fetches.
extension AppRoutes {
    /// What the reader draws over every page of a PDF: the member's name as the register gives it,
    /// the date and time on the session's clock (Paris).
    static func watermark(_ council: CouncilSession) -> Text {
        let name = council.name(council.me)
        let when = Moment(unixSeconds: council.instant.unixSeconds).text
        return Text(fr: "\(name) — \(when.in(.french))", en: "\(name) — \(when.in(.english))")
    }

    /// A PDF version's bytes for the page's reader, from memory: only to the reader's own fetch
    /// (Fetch Metadata `same-origin`, `empty`), so a link or a typed address never opens the PDF
    /// without the watermark (that is the download, behind its warning).
    func pdf(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        guard FetchMetadata.isOwnFetch(request.headers) else { throw AppError(.notFound) }
        let (_, version, content) = try await read(request, context, session: try context.requireSession(), textOnly: false)
        guard version.mediaType == DossierMedia.pdf else { throw AppError(.notFound) }
        return Response(status: .ok, headers: [.contentType: DossierMedia.pdf], body: .init(byteBuffer: ByteBuffer(bytes: content ?? [])))
    }
}
