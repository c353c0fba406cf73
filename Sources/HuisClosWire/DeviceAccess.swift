import HuisClosL10n
public import HuisClosProtocol

/// What a device may do in each scope: the server checks it, the client shows and uses it.
public struct DeviceAccess: Sendable, Equatable {
    /// Scopes the device may pull from and watch.
    public private(set) var readable: Set<ScopeID>
    /// Scopes the device may push to and upload files in.
    public private(set) var writable: Set<ScopeID>

    /// Access from explicit sets.
    public init(readable: Set<ScopeID> = [], writable: Set<ScopeID> = []) {
        self.readable = readable
        self.writable = writable
    }

    /// Validates wire grants: scope names, count, and at least one right each.
    public init(grants: [Huisclos_V1_ScopeGrant]) throws(APIError) {
        guard grants.count <= WireLimits.grantsMax else {
            throw APIError(.tooLarge, Text(fr: "\(grants.count) accès à des portées ; la limite est \(WireLimits.grantsMax)",
                                           en: "\(grants.count) scope grants; the limit is \(WireLimits.grantsMax)"))
        }
        self.init()
        for grant in grants {
            let scope: ScopeID
            do { scope = try ScopeID(grant.scope) } catch { throw APIError(error) }
            guard grant.read || grant.write else {
                throw APIError(.malformed, Text(fr: "l'accès à \(scope) ne donne ni lecture ni écriture : retirez-le",
                                                en: "the grant for \(scope) gives neither read nor write: drop it"))
            }
            if grant.read { readable.insert(scope) }
            if grant.write { writable.insert(scope) }
        }
    }

    /// The wire form, sorted by scope so equal access encodes equally.
    public var grants: [Huisclos_V1_ScopeGrant] {
        readable.union(writable).sorted().map { scope in
            var grant = Huisclos_V1_ScopeGrant()
            grant.scope = scope.rawValue
            grant.read = readable.contains(scope)
            grant.write = writable.contains(scope)
            return grant
        }
    }
}
