import HuisClosClient
import HuisClosL10n
import HuisClosTrust
import Hummingbird

/// « Mes appareils »: the member's devices with their fingerprints, and approving a new one.
extension AppRoutes {
    /// The devices as `huisclos appareils liste` lists them, with an « Approuver » form on each
    /// device that awaits its member's approval and is not revoked.
    func devices(_ request: Request, _ context: AppRequestContext) async throws -> Response {
        let language = context.language
        let listing = await (try context.requireSession()).deviceListing(in: language)
        let rows = zip(listing.rows, listing.objects).map { cells, object -> [String: Any] in
            let awaiting = object["approval"] == .string("pending") && object["revokedOn"] == .null
            return ["cells": cells, "awaiting": awaiting, "fingerprint": cells.first ?? "",
                    "action": AppPages.Path.devices + "/approuver"]
        }
        let notices = request.uri.queryParameters["approuve"] != nil ? [AppWords.word("deviceApproved", language)] : []
        return pages.page("devices", title: AppWords.word("devices", language), model: ["headers": listing.headers, "rows": rows],
                          context: context, path: request.uri.path, notices: notices)
    }

    /// Approves the device of the row (`attendue`) once the member typed the fingerprint the new
    /// device shows (`empreinte`), as `huisclos appareils approuver` takes it: a click alone
    /// approves nothing, and another fingerprint is refused.
    func approveDevice(_ context: AppRequestContext) async throws -> Response {
        guard let typed = context.form["empreinte"], let expected = context.form["attendue"].flatMap(DeviceFingerprint.init(parsing:)) else {
            throw AppError(.invalidForm)
        }
        try await context.requireSession().approveDevice(typed: typed, expecting: expected)
        return AppPages.redirect(to: AppPages.Path.devices + "?approuve=1")
    }
}
