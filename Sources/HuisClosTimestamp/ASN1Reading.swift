import Foundation
import HuisClosL10n
import SwiftASN1

/// The few DER readings RFC 3161 and CMS need that swift-asn1 leaves to its callers: a required
/// SEQUENCE with a named refusal, an AlgorithmIdentifier's OID, and GeneralizedTime as a `Date`.
extension DER {
    /// `node` as a SEQUENCE, refused as `malformed` (naming `name`) when absent or of another type.
    static func sequence<T>(of node: ASN1Node?, named name: String,
                            _ body: (inout ASN1NodeCollection.Iterator) throws -> T) throws -> T {
        guard let node else { throw TimestampError.malformed(Text(fr: "\(name) manque", en: "\(name) is missing")) }
        return try DER.sequence(node, identifier: .sequence, body)
    }
}

/// AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }.
enum AlgorithmIdentifierNode {
    /// The algorithm's OID (its parameters are read by no check of ours: NULL or absent).
    static func oid(_ node: ASN1Node?) throws -> ASN1ObjectIdentifier {
        try DER.sequence(of: node, named: "AlgorithmIdentifier") { nodes in
            let oid = try ASN1ObjectIdentifier(derEncoded: &nodes)
            _ = nodes.next()
            return oid
        }
    }
}

extension GeneralizedTime {
    /// This UTC time as a `Date` (fractions of a second kept).
    var date: Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: year, month: month, day: day, hour: hours, minute: minutes, second: seconds)
        return (calendar.date(from: components) ?? .distantPast).addingTimeInterval(fractionalSeconds)
    }
}

/// Well-known object identifiers of CMS (RFC 5652), RFC 3161 and ESS (RFC 5035).
enum CMSOID {
    static let signedData: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 7, 2]
    static let tstInfo: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 1, 4]
    static let contentType: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 3]
    static let messageDigest: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 4]
    static let signingCertificate: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 12]
    static let signingCertificateV2: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 9, 16, 2, 47]
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let sha256WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 11]
    static let sha512WithRSA: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 13]
    static let ecdsaWithSHA256: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 2]
    static let ecdsaWithSHA512: ASN1ObjectIdentifier = [1, 2, 840, 10045, 4, 3, 4]
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]
}
