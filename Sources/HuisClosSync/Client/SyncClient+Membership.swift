import Foundation
import HuisClosL10n
import HuisClosProtocol
public import HuisClosWire

extension SyncClient {
    // MARK: Membership log and key mailbox (PROTOCOL.md, "Membership and keys")

    /// Registers the council's genesis record (admin token); returns the log's record count.
    @discardableResult
    public func registerCouncil(genesis: [UInt8], adminToken: String) async throws(APIError) -> UInt64 {
        var request = Huisclos_V1_RegisterCouncilRequest()
        request.genesis = Data(genesis)
        let page: Huisclos_V1_MembershipLogPage = try await call(Endpoint.council, request, token: adminToken)
        return page.count
    }

    /// Appends signed records to the relayed log, with the admin token or this device's session;
    /// returns the log's record count.
    @discardableResult
    public func appendMembership(_ records: [[UInt8]], adminToken: String? = nil) async throws(APIError) -> UInt64 {
        var request = Huisclos_V1_MembershipAppendRequest()
        request.records = records.map { Data($0) }
        let page: Huisclos_V1_MembershipLogPage
        if let adminToken {
            page = try await call(Endpoint.membership, request, token: adminToken)
        } else {
            page = try await authorised(Endpoint.membership, request)
        }
        return page.count
    }

    /// The relayed log's records from index `from` (unverified: the caller verifies each), read
    /// page by page until a page comes back empty; `count` is the index after the last record.
    ///
    /// A page's `count` is the index after its last record (the next `from`), never the log's
    /// length: a relay that pages cannot make a client skip records it did not send.
    public func pullMembership(from: UInt64) async throws(APIError) -> (records: [[UInt8]], count: UInt64) {
        var records: [[UInt8]] = []
        var next = from
        // Bounded: each page but the last brings at least one record, and the log has at most
        // `WireLimits.membershipRecordsMax` records.
        for _ in 0...WireLimits.membershipRecordsMax {
            var request = Huisclos_V1_MembershipPullRequest()
            request.from = next
            let page: Huisclos_V1_MembershipLogPage = try await authorised(Endpoint.membershipPull, request,
                                                                            limit: WireLimits.pullBytesMax)
            guard !page.records.isEmpty else { break }
            guard page.count == next + UInt64(page.records.count), records.count + page.records.count <= WireLimits.membershipRecordsMax else {
                throw APIError(.malformed, Text(fr: "la page du registre des membres envoyée par le serveur ne suit pas l'enregistrement \(next) : synchronisez plus tard, et prévenez le secrétariat si cela persiste",
                                                en: "the server's membership page does not follow on from record \(next): sync again later, and tell the secretariat if it persists"))
            }
            records += page.records.map { Array($0) }
            next = page.count
        }
        return (records, next)
    }

    /// Leaves sealed scope keys in the relay's mailbox (key-chain links travel in the log's epoch records).
    public func dropKeys(sealed: [[UInt8]]) async throws(APIError) {
        var request = Huisclos_V1_KeyDrop()
        request.sealedKeys = sealed.map { Data($0) }
        let _: Huisclos_V1_KeyDrop = try await authorised(Endpoint.keys, request)
    }

    /// This device's sealed keys (unverified).
    public func pullKeys() async throws(APIError) -> [[UInt8]] {
        let drop: Huisclos_V1_KeyDrop = try await authorised(Endpoint.keysPull, Huisclos_V1_KeyPullRequest(),
                                                            limit: WireLimits.pullBytesMax)
        return drop.sealedKeys.map { Array($0) }
    }
}
