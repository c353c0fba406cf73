import HuisClosProtocol
import HuisClosTrust

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
    /// them. The log is pulled first; `.notAuthorised` if this device is not approved itself, or
    /// no device of this member awaiting approval has that fingerprint.
    public func approveDevice(_ fingerprint: DeviceFingerprint) async throws {
        _ = try await pullMembership()
        guard let device = devicesAwaitingApproval.first(where: { $0.fingerprint == fingerprint }) else {
            throw DeviceError(.notAuthorised, "no device of this member awaits approval with fingerprint \(fingerprint): "
                              + "check it on the new device (huisclos status)")
        }
        try await append(.approveDevice(member: member, device: device.certificate.signingKey), signer: identity.signing)
    }
}
