import Foundation
import HuisClosProtocol
import HuisClosWire

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

    /// The relayed log's records from index `from` (unverified: the caller verifies each).
    public func pullMembership(from: UInt64) async throws(APIError) -> (records: [[UInt8]], count: UInt64) {
        var request = Huisclos_V1_MembershipPullRequest()
        request.from = from
        let page: Huisclos_V1_MembershipLogPage = try await authorised(Endpoint.membershipPull, request,
                                                                        limit: WireLimits.pullBytesMax)
        return (page.records.map { Array($0) }, page.count)
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
