public import HuisClosCrypto
import HuisClosProtocol

/// Where a device stands in the log, and why, so a person who lost access is told what happened
/// rather than "not certified".
public enum DeviceStanding: Sendable, Equatable {
    /// The log does not know the device (yet): the secretariat has not certified it.
    case notCertified
    /// Certified, not revoked, its member in office.
    case valid
    /// Revoked at that instant (lost, stolen, replaced, or the person left).
    case revoked(at: Instant)
    /// Its member's last mandate ended at that instant (term, resignation or declaration).
    case mandateEnded(at: Instant)
    /// Certified, but its member's mandate has not started (an order dated later).
    case mandateNotStarted
}

extension MembershipState {
    /// Where `device` stands at `instant`, the first reason first: not certified, revoked, mandate over.
    public func standing(of device: SigningPublicKey, at instant: Instant) -> DeviceStanding {
        guard let entry = devices[device], entry.certifiedAt <= instant else { return .notCertified }
        if let revoked = entry.revokedAt, revoked <= instant { return .revoked(at: revoked) }
        if isDeviceValid(device, at: instant) { return .valid }
        guard let last = members[entry.device.member]?.mandates.last(where: { $0.start <= instant }) else { return .mandateNotStarted }
        return .mandateEnded(at: last.end)
    }
}
