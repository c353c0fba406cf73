public import HuisClosCrypto
import HuisClosProtocol

/// Which devices their member approved: only those are sealed the member's keys, write, or sign.
///
/// The secretariat certifies devices, so on its own it could certify a device it generated in a
/// member's name ("ghost device") and be sealed that member's private scope and groups. A device
/// is therefore *approved* when it is certified while its member has no valid approved device
/// (the member's first device, whose fingerprint is shown at enrolment), when the trust root
/// certifies it for a secretariat member, or once an `approveDevice` record signed by another
/// approved device of its member is in the log. A member who lost every device gets a new first
/// device only after the secretariat revokes the old ones: an identity reset every member sees
/// in the device list.
extension MembershipState {
    /// True when `device` is certified and approved by its member at or before `instant`.
    public func isApproved(_ device: SigningPublicKey, at instant: Instant) -> Bool {
        guard let approvedAt = devices[device]?.approvedAt else { return false }
        return approvedAt <= instant
    }

    /// Every device ever certified for `member`, oldest first, with its fingerprint and state.
    public func devices(of member: MemberID) -> [MemberDevice] {
        devices.values.filter { $0.device.member == member }
            .map { MemberDevice(certificate: $0.device, certifiedAt: $0.certifiedAt, approvedAt: $0.approvedAt, revokedAt: $0.revokedAt) }
            .sorted { ($0.certifiedAt, $0.fingerprint.description) < ($1.certifiedAt, $1.fingerprint.description) }
    }

    /// True when `device`, just certified at `instant` by `signer`, is approved by its certificate
    /// alone: its member has no other approved device that is not revoked, or it is a secretariat
    /// device the trust root certified.
    ///
    /// "Not revoked", not "valid": a device that lost its validity without a revocation (its member's
    /// mandate ended, or they were re-appointed in another role) still stands for the member, so a
    /// stolen secretariat device cannot end a mandate, re-appoint the member and certify an approved
    /// ghost without a revocation everyone sees (the attacker review's finding M1). An identity
    /// reset always goes through visible revocations.
    func isFirstOrRootCertified(_ device: CertifiedDevice, at instant: Instant, signer: SigningPublicKey) -> Bool {
        if signer == root.publicKey, role(of: device.member, at: instant) == .secretariat { return true }
        return !devices.values.contains { entry in
            entry.device.member == device.member && entry.device.signingKey != device.signingKey
                && entry.revokedAt.map { $0 > instant } ?? true && isApproved(entry.device.signingKey, at: instant)
        }
    }
}

/// One device of a member as the log tells it: what `huisclos appareils liste` shows.
public struct MemberDevice: Sendable, Equatable {
    /// The device's certified public keys.
    public let certificate: CertifiedDevice
    /// When the secretariat certified it.
    public let certifiedAt: Instant
    /// When its member approved it; nil while it awaits approval.
    public let approvedAt: Instant?
    /// When it was revoked, if it was.
    public let revokedAt: Instant?

    /// The fingerprint a person compares between screens.
    public var fingerprint: DeviceFingerprint { DeviceFingerprint(of: certificate.signingKey) }
}
