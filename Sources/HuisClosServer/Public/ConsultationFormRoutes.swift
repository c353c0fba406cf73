import Foundation
import HTTPTypes
import HuisClosCrypto
import HuisClosL10n
import HuisClosPublication
import HuisClosWire
import Hummingbird
import Logging

/// The public form of an open, public consultation (`Protocol/CONSULTATIONS.md`):
///
/// - `GET /public/consultations/<id>.html`: the form, with a fresh anti-abuse challenge;
/// - `POST /public/consultations/<id>` (`application/x-www-form-urlencoded`: `contribution`,
///   optional `nom` and `courriel`, `defi`, `preuve`): the contribution sealed at once to the
///   consultation's public key and stored sealed; the thanks page, or the form again with the
///   refusal announced and the visitor's text kept.
///
/// Nothing about the visitor is written: the per-address count and the used challenges live in
/// memory (`ContributionGate`); the log line names the consultation only.
struct ConsultationFormRoutes: Sendable {
    let site: PublicSiteSource
    let gate: ContributionGate

    func register(on router: Router<RelayRequestContext>) {
        let folder = "/public/\(PublicSite.consultationsFolder)"
        // One parameter name for both: Hummingbird refuses two names at one position.
        router.get("\(folder)/:page") { _, context in
            try await site.refusing { try await form(page: context.parameters.get("page") ?? "") }
        }
        router.post("\(folder)/:page") { request, context in
            try await site.refusing { try await submit(request, id: context.parameters.get("page") ?? "", from: context.source) }
        }
    }

    private func form(page: String) async throws -> Response {
        let id = page.hasSuffix(".html") ? String(page.dropLast(5)) : page
        let site = try await site.site()
        let now = self.site.services.now
        guard PublicationLimits.isValidIdentifier(id), let consultation = site.catalog.consultation(id) else {
            return refusal(ContributionRefusal(.unknownConsultation))
        }
        guard let html = site.consultationPage(id, challenge: try gate.challenge(for: id, now: now), now: Int64(now.timeIntervalSince1970)) else {
            return refusal(ContributionRefusal(consultation.audience == .public ? .closed : .wrongAudience))
        }
        return PublicSiteSource.page(html, cache: false)
    }

    private func submit(_ request: Request, id: String, from source: SourceAddress) async throws -> Response {
        let site = try await site.site()
        let services = self.site.services
        let now = services.now
        guard PublicationLimits.isValidIdentifier(id), let consultation = site.catalog.consultation(id) else {
            return refusal(ContributionRefusal(.unknownConsultation))
        }
        guard consultation.audience == .public else { return refusal(ContributionRefusal(.wrongAudience)) }
        guard consultation.isOpen(at: Int64(now.timeIntervalSince1970)) else { return refusal(ContributionRefusal(.closed)) }
        guard let body = try await Self.formBody(request) else {
            return try again(site, id: id, draft: PublicSite.ContributionDraft(), refusal: ContributionRefusal(.tooLong))
        }
        let fields = FormFields.decode(body)
        let draft = PublicSite.ContributionDraft(text: fields["contribution"] ?? "", name: fields["nom"] ?? "", email: fields["courriel"] ?? "")
        guard gate.count(source.key, max: services.quotas.contributionsPerAddressPerWindowMax, now: now) else {
            return try again(site, id: id, draft: draft, refusal: ContributionRefusal(.tooMany))
        }
        let contribution: Contribution
        do {
            contribution = try Contribution(consultation: id, origin: .public, text: draft.text, name: draft.name, email: draft.email)
        } catch {
            return try again(site, id: id, draft: draft, refusal: error)
        }
        guard gate.admit(fields["defi"] ?? "", proof: fields["preuve"], consultation: id, now: now) else {
            return try again(site, id: id, draft: draft, refusal: ContributionRefusal(.proofMissing))
        }
        let sealed = try contribution.sealed(to: consultation.sealingKey)
        if let refusal = try await Self.store(sealed, consultation: id, at: now, services: services) {
            return try again(site, id: id, draft: draft, refusal: refusal)
        }
        services.logger.info("contribution received", metadata: ["consultation": "\(id)", "origin": "public"])
        return PublicSiteSource.page(site.contributionReceivedPage(id), cache: false)
    }

    /// The form's body, or nil when it is over `ContributionLimits.formBytesMax` (kept apart: Swift
    /// 6.3.1's SIL verifier crashed on a typed `catch … where` inside `submit`).
    private static func formBody(_ request: Request) async throws -> [UInt8]? {
        var request = request
        do {
            return try await request.bytes(limit: ContributionLimits.formBytesMax, contentType: "application/x-www-form-urlencoded")
        } catch {
            if error.code == .tooLarge { return nil }
            throw error
        }
    }

    /// Stores the sealed box within the council's storage quota; the refusal when the quota or the
    /// consultation's mailbox is full (kept apart for the same reason as `formBody`).
    private static func store(_ sealed: [UInt8], consultation id: String, at now: Date, services: RelayServices) async throws -> ContributionRefusal? {
        do {
            let position = try await services.councilQuota.storingContribution(sealed.count) {
                try await services.storage.storeContribution(sealed, consultation: id, receivedAt: now, max: ContributionLimits.perConsultationMax)
            }
            return position == nil ? ContributionRefusal(.full) : nil
        } catch let error as APIError where error.code == .councilQuotaExceeded {
            return ContributionRefusal(.councilFull)
        }
    }

    /// The form again, the refusal announced, the visitor's fields kept, a fresh challenge.
    private func again(_ site: PublicSite, id: String, draft: PublicSite.ContributionDraft, refusal: ContributionRefusal) throws -> Response {
        let now = self.site.services.now
        guard let html = site.consultationPage(id, challenge: try gate.challenge(for: id, now: now), now: Int64(now.timeIntervalSince1970),
                                               draft: draft, refusal: refusal) else { return self.refusal(refusal) }
        return PublicSiteSource.page(html, status: HTTPResponse.Status(code: refusal.httpStatus ?? 400), cache: false)
    }

    /// The site's refusal page for a consultation that cannot take a contribution here.
    private func refusal(_ refusal: ContributionRefusal) -> Response {
        PublicSiteSource.page(PublicSite.refusalPage(refusal.text), status: HTTPResponse.Status(code: refusal.httpStatus ?? 404), cache: false)
    }
}
