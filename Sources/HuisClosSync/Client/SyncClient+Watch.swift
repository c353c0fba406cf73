import HTTPTypes
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire
import HummingbirdWSClient
import Logging
import NIOCore

extension SyncClient {
    /// Largest poke accepted from the server: a poke lists at most `WireLimits.grantsMax` scopes
    /// (≈ 80 bytes each), so 64 KiB is ample.
    static let pokeBytesMax = 65_536

    /// Keeps a watch socket open and calls `onPoke` for each poke (the first lists every
    /// readable scope's head) until the server closes it, the task is cancelled, or `onPoke` throws.
    public func watch(onPoke: @escaping @Sendable ([ScopeID: UInt64]) async throws -> Void) async throws(APIError) {
        let token = try await token()
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders = [
            HTTPField.Name(ProtocolVersion.headerName)!: String(ProtocolVersion.current),
            .authorization: "Bearer \(token)",
        ]
        configuration.maxFrameSize = Self.pokeBytesMax
        let url = (server.hasPrefix("https") ? "wss" : "ws") + server.drop { $0 != ":" } + Endpoint.watch
        let logger = Logger(label: "huisclos.watch") { _ in SwiftLogNoOpLogHandler() }
        do {
            try await WebSocketClient.connect(url: url, configuration: configuration, logger: logger) { inbound, _, _ in
                for try await message in inbound.messages(maxSize: Self.pokeBytesMax) {
                    guard case .binary(let buffer) = message else { continue }
                    try await onPoke(try Self.heads(of: Array(buffer.readableBytesView)))
                }
            }
        } catch let error as APIError {
            throw error
        } catch {
            throw APIError(.unreachable, Text(fr: "la connexion de veille vers \(server) a échoué ou a été refusée : synchronisez de nouveau pour en voir la raison",
                                              en: "the watch socket to \(server) failed or was refused (\(type(of: error))): sync again to see why"))
        }
    }

    /// Decodes a poke into scope heads, ignoring scope names this build cannot parse.
    static func heads(of bytes: [UInt8]) throws(APIError) -> [ScopeID: UInt64] {
        let poke = try Huisclos_V1_Poke(wire: bytes, limit: pokeBytesMax)
        var heads: [ScopeID: UInt64] = [:]
        for cursor in poke.cursors {
            if let scope = try? ScopeID(cursor.scope) { heads[scope] = cursor.cursor }
        }
        return heads
    }
}
