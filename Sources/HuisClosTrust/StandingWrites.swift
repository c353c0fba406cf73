public import HuisClosProtocol

/// What a revocation lets stand of the revoked device's writes: per scope, the last sequence of
/// its batch chain that every replica keeps, whenever it learns of the revocation; later batches
/// are refused everywhere (`Protocol/MEMBERSHIP.md`, type 8). A scope not listed keeps the
/// position rule alone (`MembershipState.lostWriteRight`).
public struct StandingWrites: Sendable, Equatable {
    /// The last standing sequence per scope (0: none of the device's batches in that scope stands).
    public let lastSequences: [ScopeID: UInt64]

    /// The cut `lastSequences`; nil when it lists no scope (an empty cut is written as none, so the
    /// encoding stays canonical) or more than `TrustLimits.revocationStandingScopesMax`.
    public init?(_ lastSequences: [ScopeID: UInt64]) {
        guard !lastSequences.isEmpty, lastSequences.count <= TrustLimits.revocationStandingScopesMax else { return nil }
        self.lastSequences = lastSequences
    }

    /// True when the batch `sequence` of the device in `scope` stands.
    public func keeps(_ sequence: UInt64, in scope: ScopeID) -> Bool {
        guard let last = lastSequences[scope] else { return false }
        return sequence <= last
    }
}
