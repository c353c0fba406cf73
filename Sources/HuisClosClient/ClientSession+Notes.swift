import HuisClosDevice
public import HuisClosDossiers
public import HuisClosProtocol
import HuisClosTrust

extension ClientSession {
    /// Adds a note `text` at `location` on version `number` (or the latest) of `dossier` in
    /// `scope`, kept in this member's own scope or shared with group `sharedWith`; it leaves at the
    /// next sync. Returns the note's id and the scope it was written in.
    public func annotate(_ dossier: String, in scope: ScopeID, version number: Int?, at location: String, text: String,
                         sharedWith group: ScopeID?) throws -> (id: String, scope: ScopeID) {
        let chosen = try dossierVersion(of: dossier, number: number, in: scope)
        let target = group ?? DossierScopes.member(device.member)
        return (try Annotations(store: device.store).add(text, on: chosen, at: location, scope: target, id: randomness.identifier()), target)
    }

    /// The notes on `dossier` of `scope` this member may read now: its own first, then its groups'.
    public func notes(on dossier: String, in scope: ScopeID) async throws -> [Annotations.Note] {
        let latest = try dossierVersion(of: dossier, number: nil, in: scope)
        return try Annotations(store: device.store).notes(on: dossier, latestVersion: latest.number, scopes: await noteScopes())
    }

    /// The scopes this member's notes live in: its own (private) first, then its working groups' now.
    public func noteScopes() async -> [ScopeID] {
        let groups = await device.membership.readableScopes(of: device.certificate.signingKey, at: instant)
            .filter { $0.rawValue.hasPrefix("group:") }.sorted { $0.rawValue < $1.rawValue }
        return [DossierScopes.member(device.member)] + groups
    }
}
