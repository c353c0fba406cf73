import HuisClosDossiers
import HuisClosProtocol
import HuisClosStore
import HuisClosSync
import HuisClosTrust
import HuisClosWire

extension Device {
    /// `event` with the writes it lets stand when it is a revocation that names none: per scope this
    /// device reads where the revoked device may write, or holds batches of it, the last sequence of
    /// its chain this replica holds (merged or held), just after a sync (`sign`): every replica
    /// keeps exactly those, whenever it learns of the revocation, and takes back any later one it
    /// merged (`takeBackRevokedWrites`; MEMBERSHIP.md, type 8).
    func withStandingWrites(_ event: MembershipEvent) throws -> MembershipEvent {
        guard case let .revokeDevice(device, wipe, nil) = event else { return event }
        let state = context.membership
        let instant = context.readingInstant
        var last: [ScopeID: UInt64] = [:]
        for scope in state.readableScopes(of: certificate.signingKey, at: instant).intersection(state.writableScopes(of: device, at: instant)) {
            last[scope] = 0
        }
        let held = try store.heads().filter { $0.device == device } + store.heldBatches().map(\.id).filter { $0.device == device }
        for id in held { last[id.scope] = max(last[id.scope] ?? 0, id.sequence) }
        // Beyond the limit, the scopes left out keep the position rule alone; those with writes come first.
        let listed = last.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(TrustLimits.revocationStandingScopesMax)
        return .revokeDevice(device: device, wipe: wipe, standing: StandingWrites(Dictionary(uniqueKeysWithValues: Array(listed))))
    }

    /// Takes back what this replica merged of a revoked device beyond the writes its revocation lets
    /// stand (merged before the revocation arrived, from a relay that lost them since in a restore):
    /// every replica then holds exactly the standing ones, and the dossiers' search index of each
    /// scope concerned is rebuilt from what stands. Returns how many batches were taken back.
    func takeBackRevokedWrites() async throws -> Int {
        let state = context.membership
        var taken = 0
        for head in try store.heads() {
            guard let last = state.standingWrites(of: head.device)?.lastSequences[head.scope], head.sequence > last else { continue }
            let dropped = try store.takeBack(device: head.device, scope: head.scope, after: last).count
            if dropped > 0 { try await DossierLibrary(store: store, scope: head.scope).rebuildIndex() }
            taken += dropped
        }
        return taken
    }

    /// Gives the relay back the revoked devices' batches their revocations let stand that this
    /// replica holds (the relay answers `duplicate` for those it has): a relay restored from an older
    /// backup lost them, their author may no longer push, and every replica must hold them.
    func pushBackStandingWrites() async throws {
        let state = context.membership
        var batches: [BatchEnvelope] = []
        for head in try store.heads() {
            guard let last = state.standingWrites(of: head.device)?.lastSequences[head.scope], min(head.sequence, last) >= 1 else { continue }
            for sequence in 1...min(head.sequence, last) {
                if let batch = try store.batch(BatchID(device: head.device, scope: head.scope, sequence: sequence)) { batches.append(batch) }
            }
        }
        for start in stride(from: 0, to: batches.count, by: WireLimits.pushBatchesMax) {
            _ = try await client.push(Array(batches[start..<min(start + WireLimits.pushBatchesMax, batches.count)]))
        }
    }
}
