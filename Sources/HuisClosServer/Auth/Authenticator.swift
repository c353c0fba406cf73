import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire
import Hummingbird

/// A device whose bearer token was accepted for this request.
struct AuthenticatedDevice: Sendable {
    /// Its identity.
    let key: SigningPublicKey
    /// What it may read and write now.
    let access: DeviceAccess

    /// Throws `forbidden` unless the device may read `scope`.
    func requireRead(_ scope: ScopeID) throws(APIError) {
        guard access.readable.contains(scope) else {
            throw APIError(.forbidden, Text(fr: "cet appareil ne peut pas lire \(scope) : demandez l'accès au secrétariat",
                                            en: "this device may not read \(scope): ask the secretariat for access"))
        }
    }

    /// Throws `forbidden` unless the device may write in `scope`.
    func requireWrite(_ scope: ScopeID) throws(APIError) {
        guard access.writable.contains(scope) else {
            throw APIError(.forbidden, Text(fr: "cet appareil ne peut pas écrire dans \(scope) : demandez l'accès au secrétariat",
                                            en: "this device may not write in \(scope): ask the secretariat for access"))
        }
    }
}

/// Checks the `Authorization: Bearer` header of a request: a device session or the admin token.
struct Authenticator: Sendable {
    let storage: any ServerStorage
    let admin: AdminToken
    let clock: ServerClock
    /// The verified membership log: once a council is registered, access and revocation come from it.
    let ledger: CouncilLedger
    let cache = AuthCache()

    /// The device behind the request's token; `unauthenticated`, `tokenExpired` or `deviceRevoked`
    /// otherwise (`APIError`), or a `StorageError`.
    func device(_ headers: HTTPFields) async throws -> AuthenticatedDevice {
        guard let presented = Self.bearer(headers), let hash = Secrets.tokenHash(presented) else {
            throw APIError(.unauthenticated, Text(fr: "connectez-vous d'abord : envoyez Authorization: Bearer <jeton> obtenu de /v1/login",
                                                  en: "log in first: send Authorization: Bearer <token> from /v1/login"))
        }
        guard let token = try await cachedToken(hash) else {
            throw APIError(.unauthenticated, Text(fr: "ce jeton est inconnu du serveur : reconnectez-vous",
                                                  en: "this token is unknown to the server: log in again"))
        }
        guard token.expiresAt > clock.now() else {
            throw APIError(.tokenExpired, Text(fr: "le jeton de session a expiré : reconnectez-vous",
                                               en: "the session token has expired: log in again"))
        }
        return try await active(token.device)
    }

    /// The registered, unrevoked device with this key.
    func active(_ key: SigningPublicKey) async throws -> AuthenticatedDevice {
        guard let record = try await cachedDevice(key) else {
            throw APIError(.unknownDevice, Text(fr: "cet appareil n'est pas enrôlé : enrôlez-le avec un code du secrétariat",
                                                en: "this device is not enrolled: enrol it with a code from the secretariat"))
        }
        guard record.revokedAt == nil else {
            throw APIError(.deviceRevoked, Text(fr: "cet appareil a été révoqué par le secrétariat : il ne peut plus synchroniser",
                                                en: "this device was revoked by the secretariat: it can no longer sync"))
        }
        if let revocation = try await ledger.revocation(of: key) {
            var error = APIError(.deviceRevoked, Text(fr: "cet appareil a été révoqué dans le registre des membres du conseil : il ne peut plus synchroniser",
                                                      en: "this device was revoked in the council's membership log: it can no longer sync"))
            error.wipeOrder = revocation.encoded
            error.wipeLog = try await ledger.records(before: revocation)
            throw error
        }
        // With a registered council the log decides (the enrolment code only admitted the key).
        return AuthenticatedDevice(key: key, access: try await ledger.access(of: key) ?? record.access)
    }

    /// Forgets what is cached of a device (call on revocation).
    func forget(_ key: SigningPublicKey) { cache.forget(key) }

    /// Forgets every cached device record (another instance's revocations may have been missed).
    func forgetAll() { cache.forgetAll() }

    private func cachedToken(_ hash: [UInt8]) async throws -> TokenRecord? {
        if let token = cache.token(hash) { return token }
        let token = try await storage.token(hash: hash)
        if let token { cache.remember(token, hash: hash) }
        return token
    }

    private func cachedDevice(_ key: SigningPublicKey) async throws -> DeviceRecord? {
        let (cached, revocations) = cache.device(key)
        if let cached { return cached }
        let device = try await storage.device(key)
        if let device { cache.remember(device, readAfter: revocations) }
        return device
    }

    /// Throws `adminRequired` unless the request carries the admin token.
    func requireAdmin(_ headers: HTTPFields) throws(APIError) {
        guard let presented = Self.bearer(headers), admin.matches(presented) else {
            throw APIError(.adminRequired)
        }
    }

    private static func bearer(_ headers: HTTPFields) -> Substring? {
        guard let value = headers[.authorization], value.hasPrefix("Bearer ") else { return nil }
        return value.dropFirst("Bearer ".count)
    }
}
