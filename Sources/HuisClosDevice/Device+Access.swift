import HuisClosL10n
public import HuisClosProtocol
public import HuisClosSync
public import HuisClosTrust

extension Device {
    /// This device's fingerprint, as `huisclos enrol`, `status` and the device list print it.
    public var fingerprint: DeviceFingerprint { DeviceFingerprint(of: certificate.signingKey) }

    /// True when this member approved this device (its first device, or approved from another):
    /// until then it receives no key of its member's scopes and writes nothing.
    public var isApproved: Bool { context.membership.isApproved(certificate.signingKey, at: context.readingInstant) }

    /// Every device the log certified for this member, oldest first.
    public var memberDevices: [MemberDevice] { context.membership.devices(of: member) }

    /// This member's other devices that await approval: certified, not revoked, not approved. If
    /// one is not the member's, the secretariat certified a device in their name: they report it.
    public var devicesAwaitingApproval: [MemberDevice] {
        memberDevices.filter { $0.approvedAt == nil && $0.revokedAt == nil && $0.certificate != certificate }
    }

    /// Approves the device of this member with `fingerprint` (an `approveDevice` record signed
    /// by this device), so it is sealed the member's keys at the next sync of a device holding
    /// them. The log is pulled first; `.noDeviceAwaiting` if no device of this member awaiting
    /// approval has that fingerprint, `.notAuthorised` if this device may not sign it.
    public func approveDevice(_ fingerprint: DeviceFingerprint) async throws {
        _ = try await pullMembership()
        guard let device = devicesAwaitingApproval.first(where: { $0.fingerprint == fingerprint }) else {
            throw DeviceError(.noDeviceAwaiting, Text(
                fr: "aucun appareil de ce membre n'attend d'approbation avec l'empreinte \(fingerprint) : vérifiez-la sur le nouvel appareil (huisclos status) ; "
                    + "un appareil déjà approuvé n'est plus listé comme en attente (huisclos appareils liste)",
                en: "no device of this member awaits approval with fingerprint \(fingerprint): check it on the new device (huisclos status); "
                    + "a device already approved is no longer listed as waiting (huisclos appareils liste)"))
        }
        try await append(.approveDevice(member: member, device: device.certificate.signingKey), signer: identity.signing)
    }
}

extension Device {
    /// The verified membership log itself (records and fold): the council register is derived from its records.
    public var membershipLog: MembershipLog { context.log }

    /// `member`'s access to `scope` now, as the verified log says; nil for none.
    public func access(of member: MemberID, to scope: ScopeID) -> ScopeAccess? {
        context.membership.access(of: member, to: scope, at: context.readingInstant)
    }

    /// The sitting president now, as the verified log says; nil when the presidency is vacant.
    public var president: MemberID? { context.membership.president(at: context.readingInstant) }

    /// The members the verified log gives a grant to `scope` now (access a role implies aside).
    public func grantees(of scope: ScopeID) -> [MemberID] {
        context.membership.grantees(of: scope, at: context.readingInstant)
    }

    /// Whether the verified log gives `member`, now, exactly `access` to `scope` for good (no
    /// expiry), or no access at all when `access` is nil: a grant or withdrawal that changes nothing.
    public func holdsLasting(_ access: ScopeAccess?, of member: MemberID, to scope: ScopeID) -> Bool {
        guard let access else { return self.access(of: member, to: scope) == nil }
        return context.membership.holdsExactly(access, until: nil, of: member, to: scope, at: context.readingInstant)
    }
}

extension Device {
    /// Where this device stands in its verified log now (by its clock): valid, or why not.
    public var standing: DeviceStanding { context.membership.standing(of: certificate.signingKey, at: context.readingInstant) }
}

extension Device {
    /// This device's authenticated connection to its relay, for the dossier file transfers
    /// (`SealedFileTransfer`), which move content already sealed on this device.
    public nonisolated var relayClient: SyncClient { client }

    /// The scopes this device may read now, from the verified membership log (not from the
    /// relay): what the dossier cache may keep.
    public var readableScopes: Set<ScopeID> {
        context.membership.readableScopes(of: certificate.signingKey, at: context.readingInstant)
    }

    /// Refuses unless this device may read `scope` now by the verified membership log: content
    /// kept for offline reading closes with the access (a hearing's expiry, a mandate's end)
    /// before the next sync drops it.
    public func requireReadable(_ scope: ScopeID) throws(DeviceError) {
        guard readableScopes.contains(scope) else {
            throw DeviceError(.notAuthorised, Text(
                fr: "cet appareil ne peut pas lire cette portée (\(scope.text.french)) : le registre signé ne la lui ouvre pas ou plus (groupe dont il n'est pas membre, audition échue, fin de mandat). Demandez au secrétariat si c'est une erreur.",
                en: "this device may not read this scope (\(scope.text.english)): the signed log does not (or no longer) open it to it (group it is not in, expired hearing, ended mandate). Ask the secretariat if this is a mistake."))
        }
    }

    /// The scopes this device may write in now, from the verified membership log.
    public var writableScopes: Set<ScopeID> {
        context.membership.writableScopes(of: certificate.signingKey, at: context.readingInstant)
    }

    /// Refuses, before anything is sealed or sent, unless this device may write in `scope` now by
    /// the verified membership log (a group that does not exist or that it is not in, a hearing over).
    public func requireWritable(_ scope: ScopeID) throws(DeviceError) {
        guard writableScopes.contains(scope) else {
            throw DeviceError(.notAuthorised, Text(
                fr: "cet appareil ne peut pas écrire dans \(scope.text.french) : le registre signé ne le lui ouvre pas (aucun groupe de ce nom, groupe dont vous n'êtes pas membre, audition échue). Rien n'a été envoyé ; voyez huisclos groupes liste.",
                en: "this device may not write in \(scope.text.english): the signed log does not open it to it (no group of that name, a group you are not in, a hearing over). Nothing was sent; see huisclos groupes liste."))
        }
    }
}
