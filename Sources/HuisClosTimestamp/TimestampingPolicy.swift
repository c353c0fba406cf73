import SwiftASN1
import X509

/// RFC 3161 §2.3: the certificate that signs a token has one extended key usage, id-kp-timeStamping,
/// and that extension is critical. Added to RFC 5280 path validation by `TimestampVerifier`.
struct TimestampingPolicy: VerifierPolicy {
    let verifyingCriticalExtensions: [ASN1ObjectIdentifier] = [.X509ExtensionID.extendedKeyUsage]

    func chainMeetsPolicyRequirements(chain: UnverifiedCertificateChain) async -> PolicyEvaluationResult {
        let leaf = chain.leaf
        guard let usage = try? leaf.extensions.extendedKeyUsage,
              usage.contains(.timeStamping), usage.count == 1 else {
            return .failsToMeetPolicy(reason: "the signer's extended key usage is not timeStamping alone")
        }
        guard leaf.extensions[oid: .X509ExtensionID.extendedKeyUsage]?.critical == true else {
            return .failsToMeetPolicy(reason: "the signer's extended key usage is not critical")
        }
        return .meetsPolicy
    }
}
