import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
public import HuisClosTrust

/// Working groups (`group:<name>`): created by the president, who designates members and
/// supplementary members; the group's dossiers, notes and drafts are sealed under the group's
/// key, which only the group's devices receive.
public enum WorkingGroups {
    /// Creates group `name` in the membership log: grants the president, the `members` and the
    /// `supplementaryMembers` read-write access (withdrawing any other grant), then starts the
    /// group's first key epoch, sealed to every entitled device (returned: deliver `sealedKeys`
    /// and push `record`).
    ///
    /// The records are signed by the president's device (`keyring.device`); the log refuses them
    /// from anyone else but the secretariat ("the president also manages working groups").
    public static func create(_ name: String, members: [MemberID], supplementaryMembers: [MemberID],
                              log: inout MembershipLog, keyring: inout ScopeKeyring, at instant: Instant) throws -> EpochRotation {
        let scope = try DossierScopes.group(name)
        guard log.state.role(of: keyring.device.member, at: instant) == .president else {
            throw DossierError(.forbidden, Text(fr: "seule la présidence crée les groupes de travail : adressez-vous à la présidence",
                                     en: "only the president creates working groups: ask the president"))
        }
        let signer = keyring.device.signing, president = keyring.device.member
        var named: [MemberID] = []
        for member in [president] + members + supplementaryMembers where !named.contains(member) { named.append(member) }
        return try EpochChange.apply(scope: scope, reason: .initial, log: &log, keyring: &keyring, at: instant) { next in
            try ScopeOpening.grantOnly(named.map { ScopeOpening.Grant(member: $0, access: .readWrite, expiry: nil) }, to: scope,
                                       log: &next, signedBy: signer, at: instant)
        }
    }
}
