import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire
import Hummingbird
import Logging

/// What the routes share: storage, authentication, the poke hub and fan-out, metrics and configuration.
struct RelayServices: Sendable {
    let configuration: ServerConfiguration
    let storage: any ServerStorage
    let authenticator: Authenticator
    let intake: BatchIntake
    let hub: PokeHub
    /// Pokes and revocations, applied here and sent to the other instances on the database.
    let fanout: RelayFanout
    let metrics: ServerMetrics
    /// The council's storage quota, checked before writes that make its data grow.
    let councilQuota: CouncilQuota
    /// Login challenges, failed proofs and failed enrolments counted per window (`RelayQuotas`).
    let limiter: RateLimiter
    let logger: Logger

    var now: Date { configuration.clock.now() }

    /// The quotas and rate limits this server applies.
    var quotas: RelayQuotas { configuration.quotas }

    /// How a device appears in logs: the first 8 hex digits of its public key (public, short,
    /// enough to tell devices apart; never a token, code or payload).
    static func logName(_ key: SigningPublicKey) -> Logger.MetadataValue {
        .string(String(Hex.encode(key.bytes).prefix(8)))
    }

    /// Parses a 32-byte Ed25519 public key from a message field.
    static func deviceKey(_ bytes: some Collection<UInt8>, field: String) throws(APIError) -> SigningPublicKey {
        do { return try SigningPublicKey(bytes: Array(bytes)) } catch {
            throw APIError(.malformed, Text(fr: "\(field) doit être une clé publique Ed25519 de 32 octets",
                                            en: "\(field) must be a 32-byte Ed25519 public key"))
        }
    }

    /// Throws `malformed` unless `key` is a valid, canonical Ed25519 point of large order (a key
    /// being registered: the all-zero key and small-order points are refused).
    static func requireCanonical(_ key: SigningPublicKey, field: String) throws(APIError) {
        guard key.isValidPoint else {
            throw APIError(.malformed, Text(fr: "\(field) n'est pas une clé publique Ed25519 valide (point d'ordre faible ou non canonique) : créez de nouveau les clés de l'appareil",
                                            en: "\(field) is not a valid Ed25519 public key (small-order or non-canonical point): generate the device's keys again"))
        }
    }

    /// Parses a scope name from a message field.
    static func scope(_ text: String) throws(APIError) -> ScopeID {
        do { return try ScopeID(text) } catch { throw APIError(error) }
    }
}
