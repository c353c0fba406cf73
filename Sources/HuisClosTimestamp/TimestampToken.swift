public import Foundation
import HuisClosL10n
import SwiftASN1
import X509

/// What a time-stamp token says (RFC 3161 TSTInfo, §2.4.2): which hash, by which TSA policy, when.
public struct TimestampInfo: Sendable, Equatable {
    /// The TSA's policy under which it issued the token (dotted OID).
    public let policy: String
    public let digest: TimestampDigest
    /// The hash the token covers.
    public let imprint: [UInt8]
    /// The TSA's serial number of the token (big-endian).
    public let serial: [UInt8]
    /// When the TSA says it saw the hash (its clock, UTC).
    public let genTime: Date
    /// The request's nonce echoed back, when one was sent.
    public let nonce: [UInt8]?
}

/// A parsed RFC 3161 TimeStampToken: a CMS ContentInfo holding SignedData (RFC 5652 §5) over a
/// TSTInfo. Parsing checks only the shape; `TimestampVerifier` decides whether to believe it.
/// swift-certificates keeps its CMS types internal and its CMS verifier accepts only id-data
/// content, so the SignedData and SignerInfo structure is read here with swift-asn1.
public struct TimestampToken: Sendable, Equatable {
    /// The token's DER bytes, as stored and as `openssl ts -verify -token_in` reads them.
    public let der: [UInt8]
    /// What the token says (not yet verified).
    public let info: TimestampInfo
    /// The encapsulated TSTInfo bytes (what the messageDigest attribute covers).
    let content: [UInt8]
    /// The signed attributes as DER SET OF: the bytes the signature covers (RFC 5652 §5.4).
    let signedAttributes: [UInt8]
    /// The signed attributes' values by type.
    let attributes: [ASN1ObjectIdentifier: [ASN1Node]]
    let digestAlgorithm: ASN1ObjectIdentifier
    let signatureAlgorithm: ASN1ObjectIdentifier
    let signature: [UInt8]
    let signer: SignerIdentifier
    /// The certificates the TSA put in the token (its own, maybe its chain).
    let certificates: [Certificate]

    enum SignerIdentifier: Sendable, Equatable {
        case issuerAndSerial(DistinguishedName, Certificate.SerialNumber)
        case keyIdentifier([UInt8])
    }

    public static func == (a: TimestampToken, b: TimestampToken) -> Bool { a.der == b.der }

    /// Parses `der`; throws `TimestampError.malformed` for anything but one SignedData over a TSTInfo.
    public init(der: [UInt8]) throws {
        self.der = der
        do {
            let root = try DER.parse(der)
            let signedData = try DER.sequence(of: root, named: "ContentInfo") { nodes in
                guard try ASN1ObjectIdentifier(derEncoded: &nodes) == CMSOID.signedData else {
                    throw TimestampError.malformed(Text(fr: "le contenu n'est pas un SignedData CMS", en: "the content is not CMS SignedData"))
                }
                return try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { $0 }
            }
            var parsed: (content: [UInt8], certificates: [Certificate], signerInfo: ASN1Node)?
            try DER.sequence(of: signedData, named: "SignedData") { nodes in
                _ = try Int(derEncoded: &nodes)
                _ = nodes.next() // digestAlgorithms: the signer's own is checked against its key below
                let content: [UInt8] = try DER.sequence(of: nodes.next(), named: "EncapsulatedContentInfo") { nodes in
                    guard try ASN1ObjectIdentifier(derEncoded: &nodes) == CMSOID.tstInfo else {
                        throw TimestampError.malformed(Text(fr: "le contenu signé n'est pas un TSTInfo", en: "the signed content is not a TSTInfo"))
                    }
                    let octets = try DER.explicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) { try ASN1OctetString(derEncoded: $0) }
                    return Array(octets.bytes)
                }
                var certificates: [Certificate] = []
                let certificatesTag = ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific)
                let crlsTag = ASN1Identifier(tagWithNumber: 1, tagClass: .contextSpecific)
                var next = nodes.next()
                if let node = next, node.identifier == certificatesTag, case .constructed(let children) = node.content {
                    // CertificateChoices: plain certificates are SEQUENCEs; other choices are tagged and skipped.
                    for child in children where child.identifier == .sequence { certificates.append(try Certificate(derEncoded: child)) }
                    next = nodes.next()
                }
                if let node = next, node.identifier == crlsTag { next = nodes.next() }
                guard let signerInfos = next, signerInfos.identifier == .set, case .constructed(let infos) = signerInfos.content else {
                    throw TimestampError.malformed(Text(fr: "SignerInfos manque", en: "SignerInfos is missing"))
                }
                var iterator = infos.makeIterator()
                guard let only = iterator.next(), iterator.next() == nil else {
                    throw TimestampError.malformed(Text(fr: "un jeton d'horodatage a exactement un signataire", en: "a time-stamp token has exactly one signer"))
                }
                parsed = (content, certificates, only)
            }
            guard let parsed else { throw TimestampError.malformed(Text(fr: "SignedData est vide", en: "SignedData is empty")) }
            content = parsed.content
            certificates = parsed.certificates
            var fields: (SignerIdentifier, ASN1ObjectIdentifier, ASN1Node, ASN1ObjectIdentifier, [UInt8])?
            try DER.sequence(of: parsed.signerInfo, named: "SignerInfo") { nodes in
                _ = try Int(derEncoded: &nodes)
                guard let sid = nodes.next() else { throw TimestampError.malformed(Text(fr: "l'identifiant du signataire manque", en: "the signer's identifier is missing")) }
                let signer: SignerIdentifier
                if sid.identifier == .sequence {
                    signer = try DER.sequence(sid, identifier: .sequence) { nodes in
                        guard let issuer = nodes.next() else { throw TimestampError.malformed(Text(fr: "l'émetteur du signataire manque", en: "the signer's issuer is missing")) }
                        return .issuerAndSerial(try DistinguishedName(derEncoded: issuer),
                                         Certificate.SerialNumber(bytes: try ArraySlice<UInt8>(derEncoded: &nodes)))
                    }
                } else if sid.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific),
                          case .primitive(let keyID) = sid.content {
                    signer = .keyIdentifier(Array(keyID))
                } else {
                    throw TimestampError.malformed(Text(fr: "identifiant de signataire inconnu", en: "unknown signer identifier"))
                }
                let digest = try AlgorithmIdentifierNode.oid(nodes.next())
                guard let attributes = nodes.next(), attributes.identifier == ASN1Identifier(tagWithNumber: 0, tagClass: .contextSpecific) else {
                    throw TimestampError.malformed(Text(fr: "le signataire d'un jeton d'horodatage doit signer des attributs",
                        en: "a time-stamp token's signer must sign attributes"))
                }
                let algorithm = try AlgorithmIdentifierNode.oid(nodes.next())
                let signature = try ASN1OctetString(derEncoded: &nodes)
                fields = (signer, digest, attributes, algorithm, Array(signature.bytes))
            }
            guard let fields else { throw TimestampError.malformed(Text(fr: "SignerInfo est vide", en: "SignerInfo is empty")) }
            (signer, digestAlgorithm, signatureAlgorithm, signature) = (fields.0, fields.1, fields.3, fields.4)
            // The signature covers the attributes' DER with the SET OF tag, not the [0] IMPLICIT one.
            var attributeBytes = Array(fields.2.encodedBytes)
            attributeBytes[0] = 0x31
            signedAttributes = attributeBytes
            var byType: [ASN1ObjectIdentifier: [ASN1Node]] = [:]
            guard case .constructed(let attributeNodes) = fields.2.content else { throw TimestampError.malformed(Text(fr: "attributs signés", en: "signed attributes")) }
            for attribute in attributeNodes {
                try DER.sequence(attribute, identifier: .sequence) { nodes in
                    let type = try ASN1ObjectIdentifier(derEncoded: &nodes)
                    guard let values = nodes.next(), case .constructed(let children) = values.content else {
                        throw TimestampError.malformed(Text(fr: "attribut sans valeur", en: "attribute without values"))
                    }
                    guard byType[type] == nil else { throw TimestampError.malformed(Text(fr: "attribut \(type) en double", en: "attribute \(type) twice")) }
                    byType[type] = Array(children)
                }
            }
            attributes = byType
            info = try Self.readInfo(content)
        } catch let error as TimestampError {
            throw error
        } catch {
            throw TimestampError.malformed(TimestampError.refusedByLibrary(error))
        }
    }

    /// TSTInfo ::= SEQUENCE { version, policy, messageImprint, serialNumber, genTime, accuracy?,
    /// ordering DEFAULT FALSE, nonce?, tsa [0]?, extensions [1]? }.
    private static func readInfo(_ bytes: [UInt8]) throws -> TimestampInfo {
        try DER.sequence(of: try DER.parse(bytes), named: "TSTInfo") { nodes in
            guard try Int(derEncoded: &nodes) == 1 else { throw TimestampError.malformed(Text(fr: "la version de TSTInfo n'est pas 1", en: "TSTInfo version is not 1")) }
            let policy = try ASN1ObjectIdentifier(derEncoded: &nodes)
            let imprint = try MessageImprint(derEncoded: &nodes)
            guard let digest = TimestampDigest(oid: imprint.digestOID) else {
                throw TimestampError.malformed(Text(fr: "l'algorithme d'empreinte du jeton \(imprint.digestOID) n'est ni SHA-256 ni SHA-512",
                    en: "the token's hash algorithm \(imprint.digestOID) is not SHA-256 or SHA-512"))
            }
            let serial = try ArraySlice<UInt8>(derEncoded: &nodes)
            let genTime = try GeneralizedTime(derEncoded: &nodes)
            var nonce: [UInt8]?
            while let node = nodes.next() {
                if node.identifier == .integer, case .primitive(let value) = node.content { nonce = Array(value) }
            }
            return TimestampInfo(policy: policy.description, digest: digest, imprint: imprint.hash, serial: Array(serial),
                                 genTime: genTime.date, nonce: nonce)
        }
    }
}
