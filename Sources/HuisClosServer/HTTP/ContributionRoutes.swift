import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosPublication
import HuisClosTrust
import HuisClosWire
import Hummingbird
import Logging

/// A consultation's mailbox for devices (PROTOCOL.md, "Consultations"):
///
/// - `POST /v1/consultations/<id>/contributions`: a second-circle member's device sends its
///   contribution, sealed on the device to the consultation's public key (the relay cannot open it);
/// - `GET /v1/consultations/<id>/contributions?after=N`: a device that reads the council scope
///   (the holders of the consultation's secret key) fetches the sealed contributions, a page at a time.
struct ContributionRoutes: Sendable {
    let services: RelayServices
    let ledger: CouncilLedger
    let cache: PublicCatalogCache
    let gate: ContributionGate

    /// Contributions one page carries (each at most `WireLimits.contributionBytesMax`).
    static let pageCountMax = 100

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(RouterPath(Endpoint.contributionsPattern)) { request, context in
            try await contribute(request, consultation: context.parameters.get("consultation") ?? "")
            return Response(status: .noContent)
        }
        router.get(RouterPath(Endpoint.contributionsPattern)) { request, context in
            Response.bytes(try await page(request, consultation: context.parameters.get("consultation") ?? ""),
                           contentType: ProtocolVersion.chunkContentType)
        }
    }

    private func contribute(_ request: Request, consultation id: String) async throws {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        let consultation = try await openConsultation(id)
        guard let state = try await ledger.state() else {
            throw APIError(.forbidden, Text(fr: "ce conseil ne tient pas de journal des membres : seuls les membres du second cercle inscrits au journal d'un conseil contribuent depuis un appareil",
                                           en: "this council keeps no membership log: only second-circle members of a council's log contribute from a device"))
        }
        let instant = try await ledger.judgingInstant()
        guard state.isDeviceValid(device.key, at: instant), state.isApproved(device.key, at: instant),
              let member = state.certificate(of: device.key)?.member, state.role(of: member, at: instant) == .secondCircle else {
            throw APIError(.forbidden, Text(fr: "seul l'appareil approuvé d'un membre du second cercle contribue depuis un appareil ; le public utilise le formulaire du site public",
                                           en: "only a second-circle member's approved device contributes from a device; the public uses the form on the public site"))
        }
        guard gate.count("device:" + Hex.encode(device.key.bytes), max: services.quotas.contributionsPerAddressPerWindowMax, now: services.now) else {
            throw APIError(.rateLimited, Text(fr: "cet appareil a envoyé \(services.quotas.contributionsPerAddressPerWindowMax) contributions dans l'heure : réessayez plus tard",
                                             en: "this device sent \(services.quotas.contributionsPerAddressPerWindowMax) contributions this hour: try again later"))
        }
        let sealed = try await request.bytes(limit: WireLimits.contributionBytesMax, contentType: ProtocolVersion.chunkContentType)
        guard sealed.count > SealedBox.overhead else { throw APIError(.malformed, Text(fr: "une contribution scellée est plus longue que l'enveloppe d'une boîte scellée", en: "a sealed contribution is longer than a sealed box's overhead")) }
        let position = try await services.councilQuota.storingContribution(sealed.count) {
            try await services.storage.storeContribution(sealed, consultation: consultation.id, receivedAt: services.now,
                                                         max: ContributionLimits.perConsultationMax)
        }
        guard position != nil else {
            throw APIError(.quotaExceeded, Text(fr: "la consultation \(id) compte \(ContributionLimits.perConsultationMax) contributions, autant que le serveur en garde : prévenez le secrétariat",
                                                  en: "consultation \(id) holds \(ContributionLimits.perConsultationMax) contributions, as many as the relay keeps: tell the secretariat"))
        }
        services.logger.info("contribution received", metadata: ["consultation": "\(id)", "origin": "second-circle"])
    }

    private func page(_ request: Request, consultation id: String) async throws -> [UInt8] {
        let device = try await services.authenticator.device(request.headers)
        try device.requireRead(.council)
        guard PublicationLimits.isValidIdentifier(id) else { throw APIError(.malformed, Text(fr: "l'identifiant d'une consultation fait de 1 à 64 lettres, chiffres, « - » ou « _ »", en: "a consultation identifier is 1 to 64 letters, digits, '-' or '_'")) }
        let after = request.uri.queryParameters.get("after").flatMap { UInt64($0) } ?? 0
        let entries = try await services.storage.contributions(of: id, after: after, maxCount: Self.pageCountMax)
        return ContributionPage(entries: entries).bytes
    }

    /// The consultation `id` as announced, open now; `notFound` or `forbidden` (closed) otherwise.
    private func openConsultation(_ id: String) async throws -> Consultation {
        guard PublicationLimits.isValidIdentifier(id), let consultation = try await cache.catalog().consultation(id) else {
            throw APIError(.notFound, Text(fr: "aucune consultation \(id) n'est annoncée sur ce serveur : synchronisez, puis vérifiez son identifiant",
                                              en: "no consultation \(id) is announced on this relay: synchronise, then check its identifier"))
        }
        guard consultation.isOpen(at: Int64(services.now.timeIntervalSince1970)) else {
            throw APIError(.forbidden, Text(fr: "la consultation \(id) est close : elle ne reçoit plus de contributions", en: "consultation \(id) is closed: it takes no more contributions"))
        }
        return consultation
    }
}
