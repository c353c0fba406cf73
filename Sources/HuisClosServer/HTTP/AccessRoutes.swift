import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire
import Hummingbird
import Logging

/// Admin, enrolment and login endpoints (PROTOCOL.md, "Sessions").
struct AccessRoutes: Sendable {
    let services: RelayServices

    func register<Context: SourceAddressed>(on router: Router<Context>) {
        router.post(RouterPath(Endpoint.enrolmentCodes)) { request, _ in Response.wire(try await createCode(request)) }
        router.post(RouterPath(Endpoint.revokeDevice)) { request, _ in Response.wire(try await revoke(request)) }
        router.post(RouterPath(Endpoint.enrol)) { request, context in Response.wire(try await enrol(request, from: context.source)) }
        router.post(RouterPath(Endpoint.challenge)) { request, context in Response.wire(try await challenge(request, from: context.source)) }
        router.post(RouterPath(Endpoint.login)) { request, context in Response.wire(try await login(request, from: context.source)) }
    }

    private func createCode(_ request: Request) async throws -> Huisclos_V1_CreateEnrolmentCodeResponse {
        var request = request
        try services.authenticator.requireAdmin(request.headers)
        let message = try await request.message(Huisclos_V1_CreateEnrolmentCodeRequest.self, limit: WireLimits.controlMessageBytesMax)
        let access = try DeviceAccess(grants: message.grants)
        guard message.validSeconds <= WireLimits.enrolmentValiditySecondsMax else {
            throw APIError(.tooLarge, Text(fr: "un code vaut au plus \(WireLimits.enrolmentValiditySecondsMax) s (30 jours)",
                                           en: "a code is valid at most \(WireLimits.enrolmentValiditySecondsMax) s (30 days)"))
        }
        let validity = message.validSeconds == 0 ? services.configuration.enrolmentValidityDefault : .seconds(message.validSeconds)
        let expiresAt = services.now.adding(validity)
        let (code, hash) = try Self.random { () throws(CryptoError) in try Secrets.newEnrolmentCode() }
        try await services.storage.createEnrolmentCode(hash: hash, access: access, expiresAt: expiresAt)
        var response = Huisclos_V1_CreateEnrolmentCodeResponse()
        response.code = code
        response.expiresAtMs = expiresAt.unixMilliseconds
        return response
    }

    private func revoke(_ request: Request) async throws -> Huisclos_V1_RevokeDeviceResponse {
        var request = request
        try services.authenticator.requireAdmin(request.headers)
        let message = try await request.message(Huisclos_V1_RevokeDeviceRequest.self, limit: WireLimits.controlMessageBytesMax)
        let key = try RelayServices.deviceKey(message.device, field: "device")
        var response = Huisclos_V1_RevokeDeviceResponse()
        response.wasActive = try await services.storage.revoke(key, at: services.now)
        await services.fanout.revoked([key])
        services.logger.notice("device revoked", metadata: ["device": RelayServices.logName(key), "wasActive": "\(response.wasActive)"])
        return response
    }

    /// Enrols a device with a code. Wrong codes are counted per source address (that address is
    /// refused first) and, with a much higher ceiling, for the whole council: an anonymous client
    /// guessing codes blocks itself, not the council's new members.
    private func enrol(_ request: Request, from source: SourceAddress) async throws -> Huisclos_V1_EnrolResponse {
        var request = request
        let message = try await request.message(Huisclos_V1_EnrolRequest.self, limit: WireLimits.controlMessageBytesMax)
        let key = try RelayServices.deviceKey(message.signingKey, field: "signing_key")
        guard message.agreementKey.isEmpty || message.agreementKey.count == WireLimits.agreementKeyBytes else {
            throw APIError(.malformed, Text(fr: "agreement_key est une clé publique X25519 de 32 octets, ou vide",
                                            en: "agreement_key is a 32-byte X25519 public key, or empty"))
        }
        try RelayServices.requireCanonical(key, field: "signing_key")
        let failures = Self.enrolmentFailures + ":" + source.key
        guard !services.limiter.isOver(failures, max: services.quotas.failedEnrolmentsPerAddressPerWindowMax, now: services.now),
              !services.limiter.isOver(Self.enrolmentFailures, max: services.quotas.failedEnrolmentsPerCouncilPerWindowMax, now: services.now)
        else {
            throw APIError(.rateLimited, Text(fr: "trop de codes d'enrôlement faux ont été essayés dans la dernière minute : attendez une minute, puis tapez de nouveau le code",
                                              en: "too many wrong enrolment codes were tried in the last minute: wait a minute, then type the code again"))
        }
        let recordFailure = {
            services.limiter.record(failures, now: services.now)
            services.limiter.record(Self.enrolmentFailures, now: services.now)
        }
        let codeInvalid = APIError(.enrolmentCodeInvalid, Text(fr: "ce code d'enrôlement est inconnu, déjà utilisé ou expiré : demandez-en un nouveau au secrétariat",
                                                               en: "this enrolment code is unknown, used or expired: ask the secretariat for a new one"))
        // The code first: the checks below answer about the council (its root, its register), which
        // only the holder of a live code may learn.
        let codeHash = Secrets.enrolmentCodeHash(message.code)
        guard (1...64).contains(message.code.utf8.count), try await services.storage.enrolmentCodeIsLive(hash: codeHash, now: services.now) else {
            recordFailure()
            throw codeInvalid
        }
        // A root mistyped by the person enrolling is refused before the code is spent (the device
        // verifies the log from it in any case: this only spares the code). Counted as a failed
        // enrolment, so the answer cannot be used without limit to test keys against the root.
        if !message.trustRoot.isEmpty, Array(message.trustRoot) != (try await services.authenticator.ledger.state()?.root.publicKey.bytes) {
            recordFailure()
            throw APIError(.trustRootMismatch, Text(
                fr: "la racine de confiance donnée n'est pas celle du conseil de ce serveur : le code n'a pas été utilisé ; recopiez la racine que le secrétariat a donnée avec le code (ou vérifiez l'adresse du serveur)",
                en: "the trust root given is not the council's on this server: the code was not used; copy again the root the secretariat gave with the code (or check the server's address)"))
        }
        // A member id mistyped is refused the same way, before the code is spent.
        if !message.member.isEmpty {
            let state = try await services.authenticator.ledger.state()
            let member = try? MemberID(bytes: Array(message.member))
            if state == nil || member.flatMap({ state?.lastRole(of: $0) }) == nil {
                recordFailure()
                throw APIError(.enrolmentMemberUnknown, Text(
                    fr: "ce membre n'est pas au registre du conseil de ce serveur : le code n'a pas été utilisé ; recopiez l'identifiant que le secrétariat a donné avec le code",
                    en: "this member is not in the register of the council on this server: the code was not used; copy again the id the secretariat gave with the code"))
            }
        }
        let outcome = try await services.storage.enrol(codeHash: codeHash, device: key, agreementKey: Array(message.agreementKey), now: services.now)
        switch outcome {
        case .codeInvalid:
            recordFailure()
            throw codeInvalid
        case .alreadyEnrolled:
            throw APIError(.alreadyEnrolled, Text(fr: "cette clé d'appareil est déjà enrôlée : connectez-vous plutôt",
                                                  en: "this device key is already enrolled: log in instead"))
        case .enrolled(let access):
            services.logger.info("device enrolled", metadata: ["device": RelayServices.logName(key),
                                                                "scopes": "\(access.grants.count)"])
            var response = Huisclos_V1_EnrolResponse()
            response.grants = access.grants
            return response
        }
    }

    /// A login challenge, counted per device and source address: anyone may ask one for any
    /// enrolled device (its key is in the membership log), so a device-wide count would let them
    /// exhaust the device's. A device revoked in the log is given one too: its wipe order comes
    /// with the login's answer, after the proof.
    private func challenge(_ request: Request, from source: SourceAddress) async throws -> Huisclos_V1_ChallengeResponse {
        var request = request
        let message = try await request.message(Huisclos_V1_ChallengeRequest.self, limit: WireLimits.controlMessageBytesMax)
        let key = try RelayServices.deviceKey(message.device, field: "device")
        do {
            _ = try await services.authenticator.active(key)
        } catch let error as APIError where error.code == .deviceRevoked && error.wipeOrder != nil {
            // A device revoked in the log gets its wipe order, with the log before it, once it has
            // proved its key (`login`): anyone may ask a challenge for any key, and the log is the
            // council's (a president's key is printed on every published minutes).
        }
        guard services.limiter.take(Self.limitKey("challenge", key, source), max: services.quotas.challengesPerDevicePerWindowMax, now: services.now) else {
            throw APIError(.rateLimited, Text(fr: "cet appareil a demandé trop de défis de connexion dans la dernière minute : attendez une minute, puis reconnectez-vous",
                                              en: "this device asked too many login challenges in the last minute: wait a minute, then log in again"))
        }
        let nonce = try Self.random { () throws(CryptoError) in try Sodium.randomBytes(WireLimits.loginNonceBytes) }
        let expiresAt = services.now.adding(services.configuration.challengeLifetime)
        try await services.storage.saveChallenge(nonce: nonce, device: key, expiresAt: expiresAt)
        var response = Huisclos_V1_ChallengeResponse()
        response.nonce = Data(nonce)
        response.expiresAtMs = expiresAt.unixMilliseconds
        return response
    }

    /// A login. A failed proof counts against the device and source address, and only when its
    /// nonce was an outstanding challenge of that device: a client knowing a device's public key
    /// (every member does) locks out its own address at most, never the device.
    private func login(_ request: Request, from source: SourceAddress) async throws -> Huisclos_V1_LoginResponse {
        var request = request
        let message = try await request.message(Huisclos_V1_LoginRequest.self, limit: WireLimits.controlMessageBytesMax)
        let key = try RelayServices.deviceKey(message.device, field: "device")
        let nonce = Array(message.nonce)
        let invalid = APIError(.challengeInvalid, Text(fr: "le défi de connexion est inconnu, déjà utilisé, expiré ou mal signé : demandez-en un nouveau",
                                                       en: "the login challenge is unknown, used, expired or wrongly signed: ask a new one"))
        let failures = Self.limitKey("proof", key, source)
        guard !services.limiter.isOver(failures, max: services.quotas.failedProofsPerDevicePerWindowMax, now: services.now) else {
            throw APIError(.rateLimited, Text(fr: "cet appareil a envoyé trop de preuves de connexion fausses dans la dernière minute : attendez une minute, puis reconnectez-vous",
                                              en: "this device sent too many wrong login proofs in the last minute: wait a minute, then log in again"))
        }
        guard nonce.count == WireLimits.loginNonceBytes,
              (try? key.verify(Array(message.signature), of: LoginProof.message(nonce: nonce, device: key))) != nil
        else {
            // A failed proof uses its nonce up: a guess cannot be retried against the same challenge.
            // Counted only for a nonce issued to this device, so random keys and nonces cannot crowd the limiter.
            if nonce.count == WireLimits.loginNonceBytes,
               try await services.storage.consumeChallenge(nonce: nonce, device: key, now: services.now) {
                services.limiter.record(failures, now: services.now)
            }
            throw invalid
        }
        // The nonce is spent before the device is looked up: a proof captured for a revoked device
        // cannot be replayed to fetch its wipe order and the log again.
        guard try await services.storage.consumeChallenge(nonce: nonce, device: key, now: services.now)
        else { throw invalid }
        let device = try await services.authenticator.active(key)
        let (token, hash) = try Self.random { () throws(CryptoError) in try Secrets.newToken() }
        let expiresAt = services.now.adding(services.configuration.tokenLifetime)
        try await services.storage.saveToken(hash: hash, device: key, expiresAt: expiresAt)
        var response = Huisclos_V1_LoginResponse()
        response.token = token
        response.expiresAtMs = expiresAt.unixMilliseconds
        response.grants = device.access.grants
        return response
    }

    /// The rate limiter's key for failed enrolments of the whole council (no device exists yet);
    /// followed by `:` and the source address, one client's.
    static let enrolmentFailures = "enrolment"

    /// The rate limiter's key of `what` for one device asked from one source address.
    static func limitKey(_ what: String, _ key: SigningPublicKey, _ source: SourceAddress) -> String {
        what + ":" + Hex.encode(key.bytes) + "@" + source.key
    }

    /// Runs a randomness call; libsodium failing to initialise is a server fault.
    private static func random<T>(_ body: () throws(CryptoError) -> T) throws(APIError) -> T {
        do { return try body() } catch { throw APIError(.internal, Text(fr: "le serveur ne peut pas tirer d'octets aléatoires : \(error.text.french)",
                                                                        en: "the server cannot draw random bytes: \(error.text.english)")) }
    }
}
