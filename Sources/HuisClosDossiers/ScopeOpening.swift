import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust

/// The grants a working group or a hearing opens with, and nobody else's.
enum ScopeOpening {
    /// One member's access to a scope being opened.
    struct Grant {
        let member: MemberID
        let access: ScopeAccess
        let expiry: Instant?
    }

    /// Appends to `log` the records that leave `scope` granted to exactly `grants`: a grant signed
    /// before the scope existed (an older version allowed it) is withdrawn, so its holder does not
    /// receive the first key; each named member is granted what it is given, unless the log
    /// already says exactly that.
    static func grantOnly(_ grants: [Grant], to scope: ScopeID, log: inout MembershipLog, signedBy signer: SigningKeyPair,
                          at instant: Instant) throws {
        let named = Set(grants.map(\.member))
        for stale in log.state.grantees(of: scope, at: instant) where !named.contains(stale) {
            try log.append(.removeFromScope(member: stale, scope: scope), signedBy: signer, at: instant)
        }
        for grant in grants where !log.state.holdsExactly(grant.access, until: grant.expiry, of: grant.member, to: scope, at: instant) {
            try log.append(.addToScope(member: grant.member, scope: scope, access: grant.access, expiry: grant.expiry), signedBy: signer, at: instant)
        }
    }
}
