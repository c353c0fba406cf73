import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosSync
import HuisClosTrust
import HuisClosWire

extension Device {
    /// True when this device holds the council's trust root (the secretariat's first device).
    public var holdsTrustRoot: Bool { profile.rootSeed != nil }

    /// Signs `event` into the membership log and has the relay keep it: appointments, scope
    /// grants and removals, device certificates, revocations, mandate ends.
    ///
    /// Signed with the trust root when the log requires it (appointing a secretariat member,
    /// certifying or revoking a secretariat device, ending a secretariat mandate:
    /// `MembershipState.needsRootSignature`) and this device holds it, else with this device's
    /// key; the log's rules decide whether the signer may (`DeviceError.notAuthorised` otherwise,
    /// nothing sent). Keys follow at the next sync: new members receive the current keys, and a
    /// removal or revocation starts a new epoch from a secretariat device so whoever left gets nothing new.
    public func sign(_ event: MembershipEvent) async throws {
        var signer = identity.signing
        var revokesItself = false
        if case let .revokeDevice(device, _) = event { revokesItself = device == certificate.signingKey }
        if context.membership.needsRootSignature(event, at: context.readingInstant), !revokesItself {
            guard let seed = profile.rootSeed else {
                throw DeviceError(.notSecretariat, "only the device holding the trust root appoints, certifies, revokes or ends "
                                  + "a secretariat member or device")
            }
            signer = try SigningKeyPair.fromSeed(seed)
        }
        try await append(event, signer: signer)
    }

    /// A one-time enrolment code from the relay (admin token). With a council registered it only
    /// admits a device's keys; what the device may read comes from the membership log.
    public func enrolmentCode(adminToken: String, validSeconds: UInt32 = 0) async throws -> (code: String, expiresAt: Date) {
        try await client.createEnrolmentCode(access: HuisClosWire.ScopeAccess(), validSeconds: validSeconds, adminToken: adminToken)
    }
}
