import Foundation
import HuisClosDevice
import HuisClosProtocol
import HuisClosTrust

/// What the verified log says of this device now: certified and approved or not, the scopes it
/// reads and writes, when it last synced.
public struct DeviceStatus: Sendable {
    public let certificate: CertifiedDevice
    public let server: String
    public let standing: DeviceStanding
    /// Certified, not revoked, with a mandate in force.
    public let valid: Bool
    /// Approved by another of the member's devices (or the first one).
    public let approved: Bool
    public let readable: [String]
    public let writable: [String]
    /// The last successful sync; nil if never.
    public let lastSync: Date?
    /// What this device still waits for, and who must act.
    public let pending: [PendingStep]
    /// The state digest of each scope held: equal on two devices, they hold the same.
    public let digests: [ScopeID: [UInt8]]
}

extension ClientSession {
    /// This device's status now, by the session's clock.
    public func status() async throws -> DeviceStatus {
        let state = await device.membership
        let key = device.certificate.signingKey
        let now = instant
        let lastSync = await device.lastSync
        return DeviceStatus(certificate: device.certificate, server: device.server, standing: await device.standing,
                            valid: state.isDeviceValid(key, at: now), approved: state.isApproved(key, at: now),
                            readable: state.readableScopes(of: key, at: now).map(\.rawValue).sorted(),
                            writable: state.writableScopes(of: key, at: now).map(\.rawValue).sorted(),
                            lastSync: lastSync.timeIntervalSince1970 > 0 ? lastSync : nil,
                            pending: await device.pendingSteps, digests: try device.store.scopeDigests())
    }
}
