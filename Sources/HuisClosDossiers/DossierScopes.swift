import HuisClosL10n
public import HuisClosProtocol
public import HuisClosTrust

/// The scopes dossier material lives in (`Protocol/MEMBERSHIP.md`): each has its own key, so a
/// device outside the scope neither receives its batches (the relay answers 403) nor could open them.
public enum DossierScopes {
    /// A member's private scope, `member:<id>`: only that member's devices hold its key (not
    /// even the secretariat's), for private annotations.
    public static func member(_ member: MemberID) -> ScopeID { member.privateScope }
    /// A working group's scope, `group:<name>`: its members and supplementary members only.
    public static func group(_ name: String) throws -> ScopeID { try scope("group", name) }
    /// A hearing's scope, `hearing:<id>`: the one dossier shown to a guest until expiry.
    public static func hearing(_ id: String) throws -> ScopeID { try scope("hearing", id) }

    private static func scope(_ prefix: String, _ name: String) throws -> ScopeID {
        do {
            return try ScopeID("\(prefix):\(name)")
        } catch {
            throw DossierError(.invalidArgument, Text(fr: "« \(name) » ne peut pas nommer une portée \(prefix) : utilisez des minuscules, des chiffres, « - », « _ » ou « . »",
                                     en: "'\(name)' cannot name a \(prefix) scope: use lowercase letters, digits, '-', '_' or '.'"))
        }
    }
}
