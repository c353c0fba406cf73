import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire
import Hummingbird

/// The membership log relay and the sealed-key mailbox (PROTOCOL.md, "Membership and keys").
struct MembershipRoutes: Sendable {
    let services: RelayServices
    let ledger: CouncilLedger

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(RouterPath(Endpoint.council)) { request, _ in Response.wire(try await registerCouncil(request)) }
        router.post(RouterPath(Endpoint.membership)) { request, _ in Response.wire(try await append(request)) }
        router.post(RouterPath(Endpoint.membershipPull)) { request, _ in Response.wire(try await pull(request)) }
        router.post(RouterPath(Endpoint.keys)) { request, _ in Response.wire(try await dropKeys(request)) }
        router.post(RouterPath(Endpoint.keysPull)) { request, _ in Response.wire(try await pullKeys(request)) }
    }

    private func registerCouncil(_ request: Request) async throws -> Huisclos_V1_MembershipLogPage {
        var request = request
        try services.authenticator.requireAdmin(request.headers)
        let message = try await request.message(Huisclos_V1_RegisterCouncilRequest.self, limit: WireLimits.controlMessageBytesMax)
        var page = Huisclos_V1_MembershipLogPage()
        page.count = try await ledger.register(genesis: Array(message.genesis))
        return page
    }

    /// Anyone may relay records (the admin token or a device): each is verified from the root, so
    /// who posts them does not matter.
    private func append(_ request: Request) async throws -> Huisclos_V1_MembershipLogPage {
        var request = request
        if (try? services.authenticator.requireAdmin(request.headers)) == nil {
            _ = try await services.authenticator.device(request.headers)
        }
        let message = try await request.message(Huisclos_V1_MembershipAppendRequest.self, limit: WireLimits.controlMessageBytesMax)
        var page = Huisclos_V1_MembershipLogPage()
        page.count = try await ledger.append(message.records.map { Array($0) })
        // A revoked device's open watch sockets close now, on every instance (its next request gets
        // the wipe order); the other instances read the grown log again.
        await services.fanout.membershipGrew()
        await services.fanout.revoked(message.records.compactMap { bytes -> SigningPublicKey? in
            guard let record = try? MembershipRecord(verifying: Array(bytes)), case let .revokeDevice(device, _, _) = record.event else { return nil }
            return device
        })
        return page
    }

    /// Any active device reads the log: a device not yet certified needs it to see its certificate.
    private func pull(_ request: Request) async throws -> Huisclos_V1_MembershipLogPage {
        var request = request
        _ = try await services.authenticator.device(request.headers)
        let message = try await request.message(Huisclos_V1_MembershipPullRequest.self, limit: WireLimits.controlMessageBytesMax)
        let records = try await services.storage.membershipRecords(from: message.from).prefix(WireLimits.membershipPageRecordsMax)
        var page = Huisclos_V1_MembershipLogPage()
        page.records = records.map { Data($0) }
        // The index after the last record sent (the next `from`), so a client never skips records.
        page.count = message.from + UInt64(records.count)
        return page
    }

    private func dropKeys(_ request: Request) async throws -> Huisclos_V1_KeyDrop {
        var request = request
        _ = try await services.authenticator.device(request.headers)
        let message = try await request.message(Huisclos_V1_KeyDrop.self, limit: WireLimits.controlMessageBytesMax)
        guard message.sealedKeys.count <= WireLimits.pullBatchesMax else {
            throw APIError(.tooLarge, Text(fr: "au plus \(WireLimits.pullBatchesMax) clés par requête",
                                           en: "at most \(WireLimits.pullBatchesMax) keys per request"))
        }
        guard let state = try await ledger.state() else {
            throw APIError(.notFound, Text(fr: "aucun conseil n'est inscrit sur ce serveur : créez-le d'abord",
                                           en: "no council is registered on this server: set it up first"))
        }
        let now = try await ledger.judgingInstant()
        var keys: [MailboxKey] = []
        for bytes in message.sealedKeys {
            let sealed = try CouncilLedger.checked { () throws(TrustError) in
                let sealed = try SealedScopeKey(decoding: Array(bytes))
                try sealed.verifySignature()
                return sealed
            }
            guard state.mayWrite(device: sealed.issuer, scope: sealed.scope, at: now), state.certificate(of: sealed.recipient) != nil else {
                throw APIError(.forbidden, Text(fr: "une clé scellée de \(sealed.scope) n'est pas justifiée par le registre des membres (émetteur ou destinataire)",
                                                en: "a sealed key of \(sealed.scope) is not justified by the membership log (issuer or recipient)"))
            }
            keys.append(MailboxKey(recipient: sealed.recipient, scope: sealed.scope, epoch: sealed.epoch, issuer: sealed.issuer, bytes: Array(bytes)))
        }
        try await services.storage.storeSealedKeys(keys)
        return Huisclos_V1_KeyDrop()
    }

    private func pullKeys(_ request: Request) async throws -> Huisclos_V1_KeyDrop {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        _ = try await request.message(Huisclos_V1_KeyPullRequest.self, limit: WireLimits.controlMessageBytesMax)
        var drop = Huisclos_V1_KeyDrop()
        drop.sealedKeys = try await services.storage.sealedKeys(for: device.key).map { Data($0) }
        return drop
    }
}
