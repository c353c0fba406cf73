import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire

/// Checks pushed batches one by one and hands the valid ones to storage in one transaction.
///
/// Order of checks per batch (PROTOCOL.md, "Push"): strict decoding and signature; author
/// registered, unrevoked and writing in the scope — or revoked by a record that lets this batch
/// stand (`StandingWrites`), when another device gives it back; with a council registered, the batch's log
/// position held and not followed by a record that took the author's right away (BATCHES.md);
/// pusher is the author or can see the scope;
/// then the council's storage quota for the admitted batches together (`councilQuotaExceeded`
/// refuses the request); then chain placement in storage. A rejected batch never stops the others.
struct BatchIntake: Sendable {
    let storage: any ServerStorage
    let authenticator: Authenticator
    let fanout: RelayFanout
    let metrics: ServerMetrics
    /// The relay's clock: the arrival time kept with each appended batch.
    let clock: ServerClock
    /// The council's storage quota: admitted batches are refused together when they would pass it.
    let quota: CouncilQuota

    /// Handles one push request from `pusher`.
    func push(_ request: Huisclos_V1_PushRequest, by pusher: AuthenticatedDevice) async throws -> Huisclos_V1_PushResponse {
        guard request.batches.count <= WireLimits.pushBatchesMax else {
            throw APIError(.tooLarge, Text(fr: "\(request.batches.count) lots en un envoi ; envoyez-en au plus \(WireLimits.pushBatchesMax) par requête",
                                           en: "\(request.batches.count) batches in one push; send at most \(WireLimits.pushBatchesMax) per request"))
        }
        var results = [Huisclos_V1_PushResult](repeating: Huisclos_V1_PushResult(), count: request.batches.count)
        var admitted: [(index: Int, batch: BatchEnvelope)] = []
        var authors: [SigningPublicKey: Result<AuthenticatedDevice, APIError>] = [:]
        let membership = try await authenticator.ledger.state()
        for (index, bytes) in request.batches.enumerated() {
            do {
                let batch: BatchEnvelope
                do { batch = try BatchEnvelope(verifying: Array(bytes)) } catch { throw APIError(error) }
                // Storage keeps sequences as signed 64-bit integers; no real chain gets near 2^63.
                guard batch.sequence <= UInt64(Int64.max) else {
                    throw APIError(.malformed, Text(fr: "le numéro de lot \(batch.sequence) dépasse 2^63 - 1",
                                                    en: "batch sequence \(batch.sequence) is beyond 2^63 - 1"))
                }
                let relayed = batch.device != pusher.key
                if relayed, let membership,
                   membership.revocationKeeps(batch.device, scope: batch.scope, sequence: batch.sequence, position: batch.logPosition) {
                    // A revoked device's write its revocation lets stand, given back by a device that
                    // holds it (a relay restored from an older backup lost it): kept, as every replica keeps it.
                    try Self.checkLogPosition(of: batch, in: membership)
                } else {
                    let author = try await author(of: batch, pusher: pusher, cache: &authors)
                    try author.requireWrite(batch.scope)
                    if let membership { try Self.checkLogPosition(of: batch, in: membership) }
                }
                if relayed, !pusher.access.readable.union(pusher.access.writable).contains(batch.scope) {
                    throw APIError(.forbidden, Text(fr: "cet appareil ne peut pas relayer les lots de \(batch.scope)",
                                                    en: "this device may not relay batches of \(batch.scope)"))
                }
                admitted.append((index, batch))
            } catch let error as APIError {
                results[index] = Self.rejected(error)
            }
        }
        let outcomes = try await quota.storing(admitted.reduce(0) { $0 + $1.batch.encoded.count }) {
            try await storage.push(admitted.map(\.batch), receivedAt: clock.now())
        }
        var heads: [ScopeID: UInt64] = [:]
        for ((index, batch), outcome) in zip(admitted, outcomes) {
            results[index] = Self.result(outcome, batch: batch)
            if case .accepted(let cursor) = outcome { heads[batch.scope] = max(heads[batch.scope] ?? 0, cursor) }
        }
        await fanout.grew(heads)
        count(results)
        var response = Huisclos_V1_PushResponse()
        response.results = results
        return response
    }

    private func author(of batch: BatchEnvelope, pusher: AuthenticatedDevice,
                        cache: inout [SigningPublicKey: Result<AuthenticatedDevice, APIError>]) async throws -> AuthenticatedDevice {
        if batch.device == pusher.key { return pusher }
        if let known = cache[batch.device] { return try known.get() }
        let result: Result<AuthenticatedDevice, APIError>
        do {
            result = .success(try await authenticator.active(batch.device))
        } catch let error as APIError {
            result = .failure(APIError(.forbidden, Text(fr: "l'auteur de ce lot n'est pas un appareil actif (\(error.code.rawValue))",
                                                        en: "the author of this batch is not an active device (\(error.code.rawValue))")))
        }
        cache[batch.device] = result
        return try result.get()
    }

    /// Refuses a batch naming a log position the relay does not hold, or one after which a record
    /// took its author's right to write the scope away: every replica refuses it too
    /// (`MembershipAuthorizer`), so the relay does not keep it for them.
    private static func checkLogPosition(of batch: BatchEnvelope, in membership: MembershipState) throws(APIError) {
        guard batch.logPosition <= membership.headIndex else {
            throw APIError(.forbidden, Text(fr: "le lot nomme l'enregistrement \(batch.logPosition) du registre des membres ; le registre s'arrête à \(membership.headIndex)",
                                            en: "the batch names membership record \(batch.logPosition); the log ends at \(membership.headIndex)"))
        }
        guard !membership.lostWriteRight(of: batch.device, to: batch.scope, after: batch.logPosition, sequence: batch.sequence) else {
            throw APIError(.forbidden, Text(
                fr: "le lot a été écrit sous l'enregistrement \(batch.logPosition) du registre des membres, et un enregistrement plus récent "
                    + "a retiré à son auteur le droit d'écrire dans \(batch.scope) : refusé",
                en: "the batch was written under membership record \(batch.logPosition), and a later record "
                    + "took its author's right to write in \(batch.scope) away: refused"))
        }
    }

    private static func rejected(_ error: APIError) -> Huisclos_V1_PushResult {
        var result = Huisclos_V1_PushResult()
        result.status = .rejected
        result.code = error.code.rawValue
        result.message = error.text.english
        result.messageFr = error.text.french
        return result
    }

    private static func result(_ outcome: PushOutcome, batch: BatchEnvelope) -> Huisclos_V1_PushResult {
        var result = Huisclos_V1_PushResult()
        switch outcome {
        case .accepted(let cursor):
            result.status = .accepted
            result.cursor = cursor
        case .duplicate(let cursor):
            result.status = .duplicate
            result.cursor = cursor
        case .gap(let expected):
            return rejected(APIError(.gap, Text(fr: "le lot \(batch.sequence) de \(batch.scope) vient avant \(expected) : envoyez d'abord les lots manquants",
                                                en: "batch \(batch.sequence) in \(batch.scope) comes before \(expected): push the missing batches first")))
        case .fork:
            return rejected(APIError(.fork, Text(fr: "le lot \(batch.sequence) de \(batch.scope) contredit la chaîne enregistrée de cet appareil : l'appareil a signé deux histoires",
                                                 en: "batch \(batch.sequence) in \(batch.scope) contradicts this device's stored chain: the device signed two histories")))
        }
        return result
    }

    private func count(_ results: [Huisclos_V1_PushResult]) {
        metrics.batches("accepted", count: results.count { $0.status == .accepted })
        metrics.batches("duplicate", count: results.count { $0.status == .duplicate })
        metrics.batches("rejected", count: results.count { $0.status == .rejected })
    }
}
