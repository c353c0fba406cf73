import HuisClosL10n
import SwiftASN1

/// An RFC 3161 TimeStampResp (§2.4.2): the authority's status and, when granted, the token.
public struct TimestampResponse: Sendable {
    /// PKIStatus: 0 granted, 1 granted with modifications, 2 rejection, 3 waiting, 4–5 revocation notices.
    public let status: Int
    /// The authority's free text, if any.
    public let statusText: String
    public let token: TimestampToken?

    /// Parses the DER body of an `application/timestamp-reply`.
    public init(der: [UInt8]) throws {
        var parsed: (Int, String, [UInt8]?)?
        do {
            try DER.sequence(of: try DER.parse(der), named: "TimeStampResp") { nodes in
                let (status, text): (Int, String) = try DER.sequence(of: nodes.next(), named: "PKIStatusInfo") { nodes in
                    let status = try Int(derEncoded: &nodes)
                    var text: [String] = []
                    if let free = nodes.next(), free.identifier == .sequence, case .constructed(let strings) = free.content {
                        text = strings.compactMap { try? String(ASN1UTF8String(derEncoded: $0)) }
                    }
                    return (status, text.joined(separator: " "))
                }
                parsed = (status, text, nodes.next().map { Array($0.encodedBytes) })
            }
        } catch let error as TimestampError {
            throw error
        } catch {
            throw TimestampError.malformed(TimestampError.refusedByLibrary(error))
        }
        guard let parsed else { throw TimestampError.malformed(Text(fr: "TimeStampResp vide", en: "empty TimeStampResp")) }
        status = parsed.0
        statusText = parsed.1
        token = try parsed.2.map { try TimestampToken(der: $0) }
    }
}
