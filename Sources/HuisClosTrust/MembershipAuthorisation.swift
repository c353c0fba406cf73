import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// Who may sign which membership record: the table of `Protocol/TRUST.md`, enforced.
///
/// Authority is judged from the log before the record, at the record's `issuedAt`. The trust
/// root counts as the secretariat; a "secretariat device" is a valid device of a member whose
/// role is `.secretariat`. The relay server holds no key in this table, so it can relay records
/// but never add a member, a device or a key epoch.
enum MembershipAuthorisation {
    /// Throws `.notAuthorised` unless `record.signer` may sign `record.event` given `state`.
    static func check(_ record: MembershipRecord, in state: MembershipState) throws(TrustError) {
        let instant = record.issuedAt
        let isRoot = record.signer == state.root.publicKey
        // A device its member has not approved signs nothing: a device the secretariat certified
        // in a member's name cannot act for them until they approve it.
        let signerDevice = state.isDeviceValid(record.signer, at: instant) && state.isApproved(record.signer, at: instant)
            ? state.certificate(of: record.signer) : nil
        let signerRole = signerDevice.flatMap { state.role(of: $0.member, at: instant) }
        let isSecretariat = isRoot || signerRole == .secretariat
        if state.needsRootSignature(record.event, at: instant), !isRoot, !isSelfRevocation(record) {
            throw TrustError(.notAuthorised, Text(
                fr: "enregistrement \(record.index) (\(record.event.kind)) refusé : seule la racine de confiance nomme, certifie, révoque "
                    + "ou met fin à un membre ou un appareil du secrétariat ; le signataire n'est pas la racine",
                en: "record \(record.index) (\(record.event.kind)) refused: only the trust root appoints, "
                    + "certifies, revokes or ends a secretariat member or device; the signer is not the root"))
        }

        let allowed: Bool
        let rule: Text
        switch record.event {
        case .genesis:
            allowed = false
            rule = Text(fr: "seul l'enregistrement 0 peut être fondateur", en: "a genesis record may only be record 0")
        case .appointMember:
            // A secretariat appointment needed the root above.
            allowed = isSecretariat
            rule = Text(fr: "seul le secrétariat nomme des membres", en: "only the secretariat appoints members")
        case .endMandate(_, .term):
            allowed = isSecretariat
            rule = Text(fr: "seul le secrétariat enregistre la fin d'un mandat à son terme",
                        en: "only the secretariat records the end of a mandate at term")
        case let .endMandate(member, .resignation):
            allowed = isSecretariat || signerDevice?.member == member
            rule = Text(fr: "une démission est signée par le secrétariat ou par un appareil du membre lui-même",
                        en: "a resignation is signed by the secretariat or by the member's own device")
        case .endMandate(_, .exOfficio):
            allowed = signerRole == .president
            rule = Text(fr: "seule la présidence déclare un membre démissionnaire d'office",
                        en: "only the president declares a member resigned ex officio")
        case let .addToScope(_, scope, _, _), let .removeFromScope(_, scope):
            allowed = isSecretariat || (signerRole == .president && GrantableScope.isPresidential(scope))
            rule = Text(fr: "le secrétariat gère les portées ; la présidence gère aussi les groupes de travail et les auditions",
                        en: "the secretariat manages scopes; the president also manages working groups and hearings")
        case let .certifyDevice(device):
            // A secretariat device can certify members' devices, but only the root can create
            // another secretariat device: one stolen secretariat device cannot multiply itself.
            let forSecretariat = state.role(of: device.member, at: instant) == .secretariat
            allowed = forSecretariat ? isRoot : isSecretariat
            rule = forSecretariat
                ? Text(fr: "seule la racine de confiance certifie les appareils du secrétariat",
                       en: "only the trust root certifies secretariat devices")
                : Text(fr: "seul le secrétariat certifie les appareils", en: "only the secretariat certifies devices")
        case let .acceptUndertaking(member, device, _):
            allowed = record.signer == device && signerDevice?.member == member
            rule = Text(fr: "un appareil signe l'acceptation de l'engagement par son propre membre",
                        en: "a device signs its own member's acceptance of the undertaking")
        case let .revokeDevice(device, _, _):
            let owner = state.certificate(of: device)?.member
            allowed = isSecretariat || (signerDevice != nil && signerDevice?.member == owner)
            rule = Text(fr: "un appareil est révoqué par le secrétariat ou par un autre appareil valide de son membre",
                        en: "a device is revoked by the secretariat or by another valid device of its member")
        case let .startEpoch(scope, _, _, _, _):
            allowed = state.mayStartEpoch(device: record.signer, scope: scope, at: instant)
            rule = Text(
                fr: "une époque de clé est ouverte par un appareil qui lit et écrit dans la portée qui en a l'autorité "
                    + "(un appareil du membre pour sa portée privée ; du secrétariat ou de la présidence pour toute autre)",
                en: "a key epoch is started by a device with read-write access to the scope that holds its authority "
                    + "(a device of the member for a member's private scope; of the secretariat or the president for any other)")
        case .reportAbsences:
            allowed = isSecretariat
            rule = Text(fr: "seul le secrétariat signe un rapport d'absences", en: "only the secretariat signs an absences report")
        case .recordPastMandate:
            allowed = isSecretariat
            rule = Text(fr: "seul le secrétariat enregistre un mandat passé", en: "only the secretariat records a past mandate")
        case let .approveDevice(member, device):
            allowed = signerDevice?.member == member && record.signer != device
            rule = Text(fr: "un membre approuve un appareil depuis un autre de ses appareils approuvés",
                        en: "a member approves a device from another of their own approved devices")
        }
        guard allowed else {
            throw TrustError(.notAuthorised, Text(fr: "enregistrement \(record.index) (\(record.event.kind)) refusé : \(rule.french) ; ce n'est pas le cas du signataire",
                                                  en: "record \(record.index) (\(record.event.kind)) refused: \(rule.english); the signer is not"))
        }
    }

    /// A device revoking itself: harmless whoever it is (it only loses its own access).
    private static func isSelfRevocation(_ record: MembershipRecord) -> Bool {
        if case let .revokeDevice(device, _, _) = record.event { return device == record.signer }
        return false
    }
}

extension MembershipState {
    /// True when only the trust root may sign `event` at `instant`: appointing a secretariat
    /// member, certifying or revoking a secretariat device, ending a secretariat mandate. So one
    /// stolen secretariat device can neither multiply itself nor lock out the root's holder
    /// (a device may still revoke itself). `Device.sign` signs these with the root when it holds it.
    public func needsRootSignature(_ event: MembershipEvent, at instant: Instant) -> Bool {
        switch event {
        case let .appointMember(appointment): appointment.role == .secretariat
        case let .certifyDevice(device): role(of: device.member, at: instant) == .secretariat
        case let .revokeDevice(device, _, _): devices[device]?.role == .secretariat
        case let .endMandate(member, _): role(of: member, at: instant) == .secretariat
        default: false
        }
    }
}
