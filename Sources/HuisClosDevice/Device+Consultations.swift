public import HuisClosPublication
import HuisClosSync
import HuisClosTrust

extension Device {
    /// Sends this device's contribution to `consultation`: signed by the device (so members know
    /// which second-circle member wrote it), then sealed here to the consultation's public key, so
    /// the relay stores what it cannot read. The relay accepts it only from a second-circle device
    /// while the consultation is open.
    public func contribute(_ text: String, to consultation: Consultation) async throws {
        let contribution = try Contribution.signed(consultation: consultation.id, text: text, by: identity.signing)
        try await client.contribute(sealed: try contribution.sealed(to: consultation.sealingKey), to: consultation.id)
    }
}
