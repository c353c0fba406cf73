import HuisClosProtocol
public import HuisClosWire
import NIOHTTP1

/// The relay's public site, as a device publishing to it sees it (PROTOCOL.md, "Public site").
extension SyncClient {
    /// Whether the relay's public site publishes: `GET /public/` answers 200 only once the
    /// operator gave the address visitors reach it by (`--public-url`) and the publisher
    /// (`public-site.json`); otherwise it answers a page saying which is missing (404).
    public func publicSitePublishes() async throws(APIError) -> Bool {
        try await exchange(.GET, "/public/", limit: WireLimits.pullBytesMax).status == 200
    }
}
