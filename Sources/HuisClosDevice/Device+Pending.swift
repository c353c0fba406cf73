public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosTrust

/// What still stands between a device and the scopes its log entitles it to, and who must act:
/// what `huisclos status` lists, so a person told "council: readable" is never left with a read
/// that fails for a reason no screen names.
public enum PendingStep: Sendable, Equatable {
    /// The secretariat has not certified this device (as far as this device's log knows).
    case certification
    /// Certified, but this device has not signed its member's undertaking: its next sync does.
    case undertaking
    /// Certified, but another device of the member must approve it (its fingerprint).
    case approval(DeviceFingerprint)
    /// The log entitles this device to `scope` but its current key has not reached it: `started`
    /// tells whether the scope has a key epoch yet (if not, the device holding its authority starts
    /// one at its next sync; if so, a device holding the key hands it out at its next sync).
    case key(ScopeID, started: Bool)
    /// The member's own private scope has no key on this device yet: this device creates it at its next sync.
    case ownKey(ScopeID)

    /// A stable keyword for scripts (`status --json`): `certification`, `undertaking`, `approval`,
    /// `key:<scope>` (not received) or `newKey:<scope>` (not created yet).
    public var keyword: String {
        switch self {
        case .certification: "certification"
        case .undertaking: "undertaking"
        case .approval: "approval"
        case let .key(scope, started): started ? "key:\(scope)" : "newKey:\(scope)"
        case let .ownKey(scope): "newKey:\(scope)"
        }
    }

    /// What is pending and who must act, in both languages.
    public var text: Text {
        switch self {
        case .certification:
            return Text(fr: "certification : le secrétariat certifie la carte de cet appareil (huisclos admin certifier), puis synchronisez.",
                        en: "certification: the secretariat certifies this device's card (huisclos admin certify), then sync.")
        case .undertaking:
            return Text(fr: "engagement de confidentialité : synchronisez cet appareil (huisclos sync), il le signe et reçoit ses clés.",
                        en: "confidentiality undertaking: sync this device (huisclos sync); it signs it and receives its keys.")
        case let .approval(fingerprint):
            return Text(fr: "approbation par un de vos appareils : huisclos appareils approuver \(fingerprint) depuis l'un d'eux.",
                        en: "approval by one of your devices: huisclos appareils approuver \(fingerprint) from one of them.")
        case let .ownKey(scope):
            return Text(fr: "clé (\(scope.text.french)) : synchronisez cet appareil (huisclos sync), il la crée.",
                        en: "key (\(scope.text.english)): sync this device (huisclos sync); it creates it.")
        case let .key(scope, started: false):
            return Text(fr: "clé (\(scope.text.french)) : pas encore créée ; la présidence ou le secrétariat la crée à sa prochaine synchronisation, puis synchronisez.",
                        en: "key (\(scope.text.english)): not created yet; the president or the secretariat creates it at their next sync, then sync.")
        case let .key(scope, started: true):
            return Text(fr: "clé (\(scope.text.french)) : pas encore reçue ; un appareil qui la détient (secrétariat, présidence ou membre) la remet à sa prochaine synchronisation, puis synchronisez.",
                        en: "key (\(scope.text.english)): not received yet; a device holding it (secretariat, president or member) hands it out at its next sync, then sync.")
        }
    }
}

extension Device {
    /// What this device still waits for, per its verified log and keyring (no network): empty when
    /// it reads every scope its log entitles it to.
    public var pendingSteps: [PendingStep] {
        let state = context.membership
        let instant = context.readingInstant
        let me = certificate.signingKey
        guard state.certificate(of: me) != nil else { return [.certification] }
        guard state.isDeviceValid(me, at: instant) else { return [] }  // revoked or out of office: `standing` says why
        guard state.isApproved(me, at: instant) else { return [.approval(fingerprint)] }
        guard state.hasAcceptedUndertaking(member, at: instant) else { return [.undertaking] }
        let keyring = context.keyring
        return state.readableScopes(of: me, at: instant).sorted().compactMap { scope in
            guard scope != .public else { return nil }
            let epoch = state.currentEpoch(of: scope)
            if let epoch, keyring.heldEpochs(of: scope).contains(epoch) { return nil }
            return scope == member.privateScope && epoch == nil ? .ownKey(scope) : .key(scope, started: epoch != nil)
        }
    }
}
