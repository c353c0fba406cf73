public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol

/// Decides whether a device may write a batch's operations in a scope at their clock readings.
///
/// Every replica asks it before merging (a forged or unauthorised operation must be refused
/// everywhere, not only by the server). It sees the whole batch at once so that a membership-log
/// implementation can look up the device's role once, then check each operation's kind and time.
public protocol BatchAuthorizer: Sendable {
    /// The membership log position batches signed here name (`BatchEnvelope.logPosition`): the
    /// head of the log this replica verified.
    var logPosition: UInt64 { get }

    /// Throws `.unauthorized` (saying which operation and why) to refuse the batch entirely, or
    /// `.logBehind` when `logPosition` (the one the batch names) is beyond the log verified here:
    /// the batch is then held until the log catches up. `sequence` is the batch's place in its
    /// author's chain (a revocation may let the chain stand up to a sequence).
    func authorize(_ operations: [ChangeOperation], by device: SigningPublicKey, in scope: ScopeID,
                   logPosition: UInt64, sequence: UInt64) throws(ChangeError)
}

/// The default until the membership log exists: every device in a fixed set may write anything,
/// anywhere, at any time; any other device is refused.
///
/// This is only a device allow-list. It does not know roles, scopes, mandates or revocation
/// times; the membership log's authorizer replaces it.
public struct KnownDevicesAuthorizer: BatchAuthorizer {
    /// The devices allowed to write.
    public let devices: Set<SigningPublicKey>

    /// Allows exactly `devices`.
    public init(devices: Set<SigningPublicKey>) {
        self.devices = devices
    }

    /// No membership log: batches name the genesis position.
    public var logPosition: UInt64 { 0 }

    /// Refuses every batch whose author is not in `devices`, whatever log position it names.
    public func authorize(_ operations: [ChangeOperation], by device: SigningPublicKey, in scope: ScopeID,
                          logPosition: UInt64, sequence: UInt64) throws(ChangeError) {
        guard devices.contains(device) else {
            throw ChangeError(.unauthorized, Text(fr: "l'appareil \(device.bytes.prefix(4).map { String($0, radix: 16) }.joined()) n'est pas connu : enrôlez-le avant d'accepter ses modifications",
                en: "device \(device.bytes.prefix(4).map { String($0, radix: 16) }.joined()) is not a known device: enrol it before accepting its changes"))
        }
    }
}
