import Crypto
import Foundation
import HuisClosL10n
import SwiftASN1
// The validation time is the token's own (was the TSA certificate valid when it signed?), not now.
@_spi(FixedExpiryValidationTime) public import X509

/// Verifies a time-stamp token offline against the TSA roots a council trusts: the token covers
/// our hash, its signed attributes carry the TSTInfo's digest and content type, the signature over
/// them is the signer certificate's, the signer certificate is the one the ESS attribute (required) names,
/// and that certificate chains to a root, is valid at the token's time and may only time-stamp.
public struct TimestampVerifier: Sendable {
    /// The trust anchors (the council's configured TSA roots).
    public let roots: [Certificate]

    public init(roots: [Certificate]) {
        self.roots = roots
    }

    /// Roots read from PEM text (one or more CERTIFICATE blocks).
    public init(rootsPEM: String) throws {
        do {
            let documents = try PEMDocument.parseMultiple(pemString: rootsPEM)
            roots = try documents.filter { $0.discriminator == "CERTIFICATE" }.map { try Certificate(derEncoded: $0.derBytes) }
        } catch {
            throw TimestampError.badRoot(TimestampError.refusedByLibrary(error))
        }
        guard !roots.isEmpty else { throw TimestampError.badRoot(Text(fr: "aucun bloc CERTIFICATE", en: "no CERTIFICATE block")) }
    }

    /// What `token` says, once every check passed for `imprint` (a `digest` hash); throws
    /// `TimestampError` naming the first check that failed.
    public func verify(_ token: TimestampToken, imprint: [UInt8], digest: TimestampDigest) async throws -> TimestampInfo {
        let info = token.info
        guard info.digest == digest, info.imprint == imprint else { throw TimestampError.otherHash }
        guard let signer = token.certificates.first(where: { token.names($0) }) else {
            throw TimestampError.forged(Text(fr: "le jeton ne contient pas le certificat de son signataire", en: "the token does not hold its signer's certificate"))
        }
        guard let contentDigest = TimestampDigest(oid: token.digestAlgorithm) else {
            throw TimestampError.forged(Text(fr: "l'empreinte du signataire \(token.digestAlgorithm) n'est ni SHA-256 ni SHA-512",
                en: "the signer's digest \(token.digestAlgorithm) is not SHA-256 or SHA-512"))
        }
        guard token.attributeValue(CMSOID.contentType).map({ (try? ASN1ObjectIdentifier(derEncoded: $0)) == CMSOID.tstInfo }) == true else {
            throw TimestampError.forged(Text(fr: "le type du contenu signé n'est pas TSTInfo", en: "the signed content type is not TSTInfo"))
        }
        guard let digestNode = token.attributeValue(CMSOID.messageDigest),
              let signedDigest = try? ASN1OctetString(derEncoded: digestNode),
              Array(signedDigest.bytes) == contentDigest.hash(token.content) else {
            throw TimestampError.forged(Text(fr: "l'empreinte signée ne correspond pas au TSTInfo", en: "the signed digest does not match the TSTInfo"))
        }
        guard let algorithm = Self.signatureAlgorithm(token.signatureAlgorithm, digest: contentDigest),
              signer.publicKey.isValidSignature(token.signature, for: token.signedAttributes, signatureAlgorithm: algorithm) else {
            throw TimestampError.forged(Text(fr: "la signature n'est pas celle du certificat signataire", en: "the signature is not the signer certificate's"))
        }
        try Self.checkSigningCertificate(token, signer)
        var verifier = Verifier(rootCertificates: CertificateStore(roots)) {
            RFC5280Policy(fixedExpiryValidationTime: info.genTime)
            TimestampingPolicy()
        }
        let result = await verifier.validate(leaf: signer, intermediates: CertificateStore(token.certificates))
        guard case .validCertificate = result else { throw TimestampError.untrustedAuthority(signer.subject.description) }
        return info
    }

    /// RFC 3161 §2.4.1: the signed attributes name the signing certificate — ESS signingCertificate
    /// (RFC 2634, SHA-1) or signingCertificateV2 (RFC 5816). Each one present must name `signer`:
    /// its first ESSCertID carries the hash of the certificate's DER and, when present, its issuer
    /// and serial number. A token without either is refused (another certificate with the same key
    /// could otherwise be put in its place).
    private static func checkSigningCertificate(_ token: TimestampToken, _ signer: Certificate) throws {
        let v1 = token.attributeValue(CMSOID.signingCertificate), v2 = token.attributeValue(CMSOID.signingCertificateV2)
        guard v1 != nil || v2 != nil else { throw TimestampError.forged(Text(fr: "aucun attribut signing-certificate (RFC 3161 §2.4.1)",
            en: "no signing-certificate attribute (RFC 3161 §2.4.1)")) }
        let matches: Bool
        do {
            var serializer = DER.Serializer()
            try serializer.serialize(signer)
            let certificateDER = serializer.serializedBytes
            let v1Matches = try v1.map { try firstCertID($0) { id in
                guard let hash = id.next() else { return false }
                return try Array(ASN1OctetString(derEncoded: hash).bytes) == Array(Insecure.SHA1.hash(data: certificateDER))
                    && namesIssuerSerial(id.next(), of: signer)
            } } ?? true
            let v2Matches = try v2.map { try firstCertID($0) { id in
                var digest = TimestampDigest.sha256
                var next = id.next()
                if let algorithm = next, algorithm.identifier == .sequence {
                    guard let named = TimestampDigest(oid: try AlgorithmIdentifierNode.oid(algorithm)) else { return false }
                    digest = named
                    next = id.next()
                }
                guard let hash = next else { return false }
                return try Array(ASN1OctetString(derEncoded: hash).bytes) == digest.hash(certificateDER) && namesIssuerSerial(id.next(), of: signer)
            } } ?? true
            matches = v1Matches && v2Matches
        } catch let error as TimestampError {
            throw error
        } catch {
            throw TimestampError.forged(Text(fr: "attribut signing-certificate illisible", en: "unreadable signing-certificate attribute"))
        }
        guard matches else { throw TimestampError.forged(Text(fr: "l'attribut signing-certificate désigne un autre certificat",
            en: "the signing-certificate attribute names another certificate")) }
    }

    /// `body` over the fields of the first ESSCertID(v2) of a SigningCertificate(V2) value.
    private static func firstCertID(_ node: ASN1Node, _ body: (inout ASN1NodeCollection.Iterator) throws -> Bool) throws -> Bool {
        try DER.sequence(node, identifier: .sequence) { nodes in
            try DER.sequence(of: nodes.next(), named: "certs") { certs in
                try DER.sequence(of: certs.next(), named: "ESSCertID", body)
            }
        }
    }

    /// True when an ESSCertID's optional IssuerSerial is absent, or names `certificate`'s issuer
    /// (a directoryName among its GeneralNames) and serial number.
    private static func namesIssuerSerial(_ node: ASN1Node?, of certificate: Certificate) throws -> Bool {
        guard let node else { return true }
        return try DER.sequence(node, identifier: .sequence) { nodes in
            guard let issuer = nodes.next() else { return false }
            let names = try DER.sequence(of: GeneralName.self, identifier: .sequence, rootNode: issuer)
            let serial = Certificate.SerialNumber(bytes: try ArraySlice<UInt8>(derEncoded: &nodes))
            return names.contains(.directoryName(certificate.issuer)) && serial == certificate.serialNumber
        }
    }

    /// The X.509 signature algorithm a CMS signer used: RSA keys are often named `rsaEncryption`
    /// with the digest given apart (RFC 5754 §3.2).
    private static func signatureAlgorithm(_ oid: ASN1ObjectIdentifier, digest: TimestampDigest) -> Certificate.SignatureAlgorithm? {
        switch (oid, digest) {
        case (CMSOID.ecdsaWithSHA256, .sha256): .ecdsaWithSHA256
        case (CMSOID.ecdsaWithSHA512, .sha512): .ecdsaWithSHA512
        case (CMSOID.sha256WithRSA, .sha256), (CMSOID.rsaEncryption, .sha256): .sha256WithRSAEncryption
        case (CMSOID.sha512WithRSA, .sha512), (CMSOID.rsaEncryption, .sha512): .sha512WithRSAEncryption
        case (CMSOID.ed25519, _): .ed25519
        default: nil
        }
    }
}

extension TimestampToken {
    /// True when `certificate` is the one the signer identifier names.
    func names(_ certificate: Certificate) -> Bool {
        switch signer {
        case let .issuerAndSerial(issuer, serial): certificate.issuer == issuer && certificate.serialNumber == serial
        case let .keyIdentifier(id): (try? certificate.extensions.subjectKeyIdentifier)?.keyIdentifier.elementsEqual(id) == true
        }
    }

    /// The single value of signed attribute `type`, nil when absent or multi-valued.
    func attributeValue(_ type: ASN1ObjectIdentifier) -> ASN1Node? {
        guard let values = attributes[type], values.count == 1 else { return nil }
        return values[0]
    }
}
