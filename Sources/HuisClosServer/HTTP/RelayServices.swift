import Foundation
import Hummingbird
import HuisClosCrypto
import HuisClosProtocol
import HuisClosWire
import Logging

/// What the routes share: storage, authentication, the poke hub, metrics and configuration.
struct RelayServices: Sendable {
    let configuration: ServerConfiguration
    let storage: any ServerStorage
    let authenticator: Authenticator
    let intake: BatchIntake
    let hub: PokeHub
    let metrics: ServerMetrics

    var now: Date { configuration.clock.now() }

    /// Parses a 32-byte Ed25519 public key from a message field.
    static func deviceKey(_ bytes: some Collection<UInt8>, field: String) throws(APIError) -> SigningPublicKey {
        do { return try SigningPublicKey(bytes: Array(bytes)) } catch {
            throw APIError(.malformed, "\(field) must be a 32-byte Ed25519 public key")
        }
    }

    /// Parses a scope name from a message field.
    static func scope(_ text: String) throws(APIError) -> ScopeID {
        do { return try ScopeID(text) } catch { throw APIError(error) }
    }
}
