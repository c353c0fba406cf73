import Foundation
public import HuisClosL10n
public import HuisClosProtocol

/// An error answer of the sync protocol: a stable code, its HTTP status and a message for a person.
///
/// Sent as JSON `{"code": "…", "message": "…"}` with the status of `code`, whatever the request's
/// format, so any client version can read it. Messages never hold tokens, keys or payloads.
public struct APIError: HuisClosError, CodeEquatable, CustomStringConvertible {
    /// Stable error codes (the strings are the contract; new codes may be added).
    public enum Code: String, ErrorCode, Codable {
        /// Bytes that do not decode, break a format rule, or a bad parameter.
        case malformed
        /// A body or field over its limit in `WireLimits`.
        case tooLarge
        /// A body declared (`Content-Type`) as another media type than the endpoint takes.
        case unsupportedMediaType
        /// A batch of a format version this server does not read.
        case unsupportedVersion
        /// A signature that does not verify.
        case badSignature
        /// A missing or unknown `HuisClos-Protocol` version.
        case unsupportedProtocol
        /// No bearer token, or one the server does not know.
        case unauthenticated
        /// A bearer token past its expiry: log in again.
        case tokenExpired
        /// The device was revoked by the secretariat.
        case deviceRevoked
        /// An admin endpoint called without the admin token.
        case adminRequired
        /// The device may not do this in this scope.
        case forbidden
        /// An enrolment code that is unknown, used or expired.
        case enrolmentCodeInvalid
        /// A signing key that is already registered.
        case alreadyEnrolled
        /// An enrolment naming a trust root that is not the relay's council's: the code was not spent.
        case trustRootMismatch
        /// An enrolment naming a member the council's log never appointed: the code was not spent.
        case enrolmentMemberUnknown
        /// A login for a device the server does not know.
        case unknownDevice
        /// A login nonce that is unknown, used, expired, or a signature that does not match it.
        case challengeInvalid
        /// No such route, file or chunk.
        case notFound
        /// A file id already declared with another manifest.
        case fileConflict
        /// Chunk bytes whose hash is not the one in the path.
        case chunkHashMismatch
        /// A chunk that is not part of the file it is uploaded to or read from.
        case chunkNotInFile
        /// A batch whose sequence leaves a hole in its device's chain (push result only).
        case gap
        /// A batch that contradicts its device's stored chain (push result only).
        case fork
        /// The server failed; nothing the client sent caused it. Retry later.
        case `internal`
        /// A client-side failure to reach the server (never sent by the server).
        case unreachable
        /// A per-device quota (files declared, chunk bytes stored) is used up: ask the secretariat.
        case quotaExceeded
        /// The council's storage quota on the relay is used up: nothing was stored; its operator raises it.
        case councilQuotaExceeded
        /// Too many attempts in a short time (login challenges, failed proofs or enrolments): wait a minute.
        case rateLimited

        public static let domain = "api"

        /// The HTTP status this code is sent with (`unreachable` is never sent: the client raises it).
        public var httpStatus: Int? {
            switch self {
            case .malformed, .unsupportedVersion, .badSignature: 400
            case .unauthenticated, .tokenExpired, .deviceRevoked, .adminRequired,
                 .enrolmentCodeInvalid, .unknownDevice, .challengeInvalid: 401
            case .forbidden, .quotaExceeded: 403
            case .notFound: 404
            case .alreadyEnrolled, .trustRootMismatch, .enrolmentMemberUnknown, .fileConflict, .gap, .fork: 409
            case .tooLarge: 413
            case .unsupportedMediaType: 415
            case .rateLimited: 429
            case .chunkHashMismatch, .chunkNotInFile: 422
            case .unsupportedProtocol: 426
            case .internal: 500
            case .councilQuotaExceeded: 507
            case .unreachable: 503
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .unreachable: .unreachable
            case .internal: .serverFailed
            case .unsupportedProtocol: .protocolMismatch
            case .unauthenticated, .tokenExpired, .deviceRevoked, .adminRequired, .forbidden, .enrolmentCodeInvalid,
                 .unknownDevice, .challengeInvalid, .alreadyEnrolled, .quotaExceeded, .councilQuotaExceeded, .rateLimited:
                .notAllowed
            case .malformed, .tooLarge, .unsupportedMediaType, .unsupportedVersion, .badSignature, .notFound, .fileConflict, .trustRootMismatch, .enrolmentMemberUnknown,
                 .chunkHashMismatch, .chunkNotInFile, .gap, .fork:
                .dataRefused
            }
        }

        public var text: Text {
            switch self {
            case .malformed:
                Text(fr: "le serveur n'a pas compris la demande (données mal formées ou paramètre invalide) : rien n'a changé ; mettez le client à jour si cela se répète",
                     en: "the server did not understand the request (malformed data or a bad parameter): nothing changed; update the client if it happens again")
            case .tooLarge:
                Text(fr: "la demande dépasse une limite du serveur : envoyez moins à la fois",
                     en: "the request is over a limit of the server: send less at a time")
            case .unsupportedMediaType:
                Text(fr: "le serveur n'accepte pas ce type de contenu à cette adresse : mettez le client à jour",
                     en: "the server does not take this media type at this address: update the client")
            case .unsupportedVersion:
                Text(fr: "le serveur ne lit pas cette version du format des lots : mettez à jour le client ou le serveur",
                     en: "the server does not read this batch format version: update the client or the server")
            case .badSignature:
                Text(fr: "le serveur a refusé une signature qui ne se vérifie pas : rien n'a changé",
                     en: "the server refused a signature that does not verify: nothing changed")
            case .unsupportedProtocol:
                Text(fr: "le client et le serveur ne parlent pas la même version du protocole : installez la version du client qui correspond au serveur, ou demandez au secrétariat de mettre le serveur à jour",
                     en: "the client and the server do not speak the same protocol version: install the client that matches the server, or ask the secretariat to update the server")
            case .unauthenticated:
                Text(fr: "le serveur ne reconnaît pas cette session : relancez la commande (elle se reconnecte) ; si cela persiste, l'appareil n'est plus inscrit",
                     en: "the server does not recognise this session: run the command again (it logs in again); if it persists, the device is no longer registered")
            case .tokenExpired:
                Text(fr: "la session auprès du serveur a expiré : relancez la commande",
                     en: "the session with the server expired: run the command again")
            case .deviceRevoked:
                Text(fr: "le secrétariat a révoqué cet appareil : il ne se synchronise plus ; adressez-vous au secrétariat",
                     en: "the secretariat revoked this device: it no longer syncs; ask the secretariat")
            case .adminRequired:
                Text(fr: "cette opération demande le jeton d'administration du serveur, absent ou refusé : donnez celui que l'exploitant du serveur vous a remis (--fichier-jeton <fichier> ou HUISCLOS_ADMIN_TOKEN), ou vérifiez-le auprès de lui",
                     en: "this operation needs the server's admin token, missing or refused: give the one the server's operator gave you (--admin-token-file <file> or HUISCLOS_ADMIN_TOKEN), or check it with them")
            case .forbidden:
                Text(fr: "le serveur refuse cette opération à cet appareil dans cette portée : adressez-vous au secrétariat si c'est une erreur",
                     en: "the server refuses this device this operation in this scope: ask the secretariat if this is a mistake")
            case .enrolmentCodeInvalid:
                Text(fr: "ce code d'enrôlement est inconnu, déjà utilisé ou expiré : demandez-en un nouveau au secrétariat",
                     en: "this enrolment code is unknown, used or expired: ask the secretariat for a new one")
            case .alreadyEnrolled:
                Text(fr: "cet appareil est déjà inscrit sur le serveur : utilisez-le tel quel, ou enrôlez un nouveau dossier",
                     en: "this device is already registered with the server: use it as it is, or enrol a new folder")
            case .trustRootMismatch:
                Text(fr: "la racine de confiance donnée n'est pas celle du conseil de ce serveur : le code n'a pas été utilisé ; recopiez la racine que le secrétariat a donnée avec le code, et aucune autre",
                     en: "the trust root given is not the council's on this server: the code was not used; copy again the root the secretariat gave with the code, and no other")
            case .enrolmentMemberUnknown:
                Text(fr: "ce membre n'est pas au registre du conseil de ce serveur : le code n'a pas été utilisé ; recopiez l'identifiant (--membre) que le secrétariat a donné avec le code",
                     en: "this member is not in the register of the council on this server: the code was not used; copy again the id (--membre) the secretariat gave with the code")
            case .unknownDevice:
                Text(fr: "le serveur ne connaît pas cet appareil : vérifiez l'adresse du serveur, ou enrôlez l'appareil de nouveau",
                     en: "the server does not know this device: check the server address, or enrol the device again")
            case .challengeInvalid:
                Text(fr: "la connexion au serveur n'a pas abouti (défi expiré ou preuve refusée) : relancez la commande",
                     en: "logging in to the server failed (challenge expired or proof refused): run the command again")
            case .notFound:
                Text(fr: "le serveur n'a pas ce qui est demandé (adresse, fichier ou partie de fichier) : vérifiez l'adresse du serveur et synchronisez",
                     en: "the server does not have what was asked (address, file or part of a file): check the server address and sync")
            case .fileConflict:
                Text(fr: "un fichier de même identifiant existe déjà sur le serveur avec un autre contenu : ajoutez de nouveau le dossier",
                     en: "a file with the same id already exists on the server with other content: add the dossier again")
            case .chunkHashMismatch:
                Text(fr: "une partie de fichier envoyée ne correspond pas à son empreinte : rien n'a été gardé ; relancez l'envoi",
                     en: "a part of a file sent does not match its hash: nothing was kept; send it again")
            case .chunkNotInFile:
                Text(fr: "une partie de fichier n'appartient pas au fichier nommé : rien n'a été gardé ; relancez l'envoi",
                     en: "a part of a file does not belong to the file named: nothing was kept; send it again")
            case .gap:
                Text(fr: "des lots de cet appareil manquent sur le serveur avant celui-ci : synchronisez de nouveau, les lots manquants sont renvoyés",
                     en: "batches of this device are missing on the server before this one: sync again, the missing ones are sent")
            case .fork:
                Text(fr: "ce lot contredit l'historique de cet appareil enregistré sur le serveur : signalez-le au secrétariat",
                     en: "this batch contradicts this device's history stored on the server: tell the secretariat")
            case .internal:
                Text(fr: "le serveur a échoué ; rien de ce que vous avez envoyé n'en est la cause : réessayez plus tard",
                     en: "the server failed; nothing you sent caused it: try again later")
            case .unreachable:
                Text(fr: "serveur injoignable. Vérifiez que huisclos-server tourne et l'adresse du serveur ; cet appareil reste lisible hors ligne, relancez huisclos sync plus tard.",
                     en: "server unreachable. Check that huisclos-server is running and the server address; this device stays readable offline, run huisclos sync later.")
            case .quotaExceeded:
                Text(fr: "le quota de cet appareil sur le serveur est atteint (fichiers ou octets) : demandez au secrétariat de l'augmenter",
                     en: "this device's quota on the server is used up (files or bytes): ask the secretariat to raise it")
            case .councilQuotaExceeded:
                Text(fr: "l'espace de ce conseil sur le serveur est plein : rien n'a été envoyé, vos modifications restent sur cet appareil ; demandez au secrétariat de faire augmenter le quota du conseil par l'exploitant du serveur, puis synchronisez",
                     en: "this council's space on the server is full: nothing was sent, your changes stay on this device; ask the secretariat to have the server's operator raise the council's quota, then sync")
            case .rateLimited:
                Text(fr: "trop de tentatives en peu de temps : attendez une minute, puis réessayez",
                     en: "too many attempts in a short time: wait a minute, then try again")
            }
        }
    }

    /// What went wrong, stable.
    public let code: Code
    /// What happened and what to do, in both languages (an unreachable relay's cause aside: `text`).
    public let detail: Text
    /// With `deviceRevoked`: the canonical bytes of the membership record revoking the device,
    /// signed by the secretariat. When it orders a wipe, the device checks the signature and
    /// erases its replica (the server cannot forge it). Nil otherwise.
    public var wipeOrder: [UInt8]?
    /// With `wipeOrder`: the membership records just before it, oldest first (as many as fit the
    /// relay's bound), so a device whose log is a little behind can verify the order as the
    /// continuation of its own log. Empty otherwise.
    public var wipeLog: [[UInt8]] = []
    /// With `unreachable` raised by the client: why the relay could not be reached, so the client
    /// says it in the person's language (`message` is English). Never sent on the wire.
    public var transportCause: TransportCause?

    /// Why a request never got an answer from the relay.
    public enum TransportCause: String, Sendable {
        /// Nothing listens at that address and port.
        case connectionRefused
        /// The server or a proxy reset the connection.
        case connectionReset
        /// No route to the network or host.
        case networkUnreachable
        /// No answer to the connection within the connect timeout.
        case connectTimeout
        /// The connection closed before the whole answer arrived.
        case closedEarly
        /// The answer did not arrive in time.
        case answerLate
        /// Another transport failure (its type is in `message`).
        case other
    }

    /// An error with its code and what happened and what to do, in both languages.
    public init(_ code: Code, _ detail: Text) {
        self.code = code
        self.detail = detail
    }

    /// An error that says no more than its code's sentence (and matches any error of that code).
    public init(_ code: Code) {
        self.init(code, code.text)
    }

    /// Wraps a batch or field decoding failure under the same code.
    public init(_ error: WireError) {
        let code: Code = switch error.code {
        case .malformed: .malformed
        case .tooLarge: .tooLarge
        case .unsupportedVersion: .unsupportedVersion
        case .badSignature: .badSignature
        }
        self.init(code, error.text)
    }

    /// The HTTP status this error is sent with (every code has one).
    public var httpStatus: Int { code.httpStatus ?? 500 }

    /// What happened and what to do in both languages; an unreachable relay names its cause in both.
    public var text: Text {
        guard code == .unreachable else { return detail }
        return Text(fr: "\(happened.french). Vérifiez que huisclos-server tourne et l'adresse du serveur ; cet appareil reste lisible hors ligne, relancez huisclos sync plus tard.",
                    en: "\(happened.english). Check that huisclos-server is running and the server address; this device stays readable offline, run huisclos sync later.")
    }

    /// What happened, without what to do: for an unreachable relay, « serveur injoignable » and
    /// its cause, so a workflow can say itself what became of the command (`text` otherwise).
    public var happened: Text {
        guard code == .unreachable else { return detail }
        return Text(fr: "serveur injoignable (\((transportCause ?? .other).text.french))", en: "server unreachable (\(detail.english))")
    }

    /// What happened, then `outcome`: what became of the command that met this error.
    public func happened(then outcome: Text) -> Text {
        Text(fr: "\(happened.french) : \(outcome.french)", en: "\(happened.english): \(outcome.english)")
    }

    private struct Body: Codable {
        let code: Code
        let message: String
        /// The same in French; absent from relays older than it (the client then shows the code's sentence).
        var messageFr: String?
        /// Base64 of `wipeOrder`; absent unless the device is revoked.
        var wipeOrder: String?
        /// Base64 of each record of `wipeLog`; absent unless the device is revoked.
        var wipeLog: [String]?
    }

    /// The JSON error body.
    public func jsonBody() -> [UInt8] {
        // Encoding two strings cannot fail.
        Array((try? JSONEncoder().encode(Body(code: code, message: detail.english, messageFr: detail.french, wipeOrder: wipeOrder.map { Data($0).base64EncodedString() },
                                                        wipeLog: wipeLog.isEmpty ? nil : wipeLog.map { Data($0).base64EncodedString() }))) ?? Data())
    }

    /// Reads an error body; nil if it is not one (an unexpected answer from something else).
    public init?(jsonBody bytes: [UInt8]) {
        guard let body = try? JSONDecoder().decode(Body.self, from: Data(bytes)) else { return nil }
        self.init(body.code, Text(fr: body.messageFr ?? body.code.text.french,
                                  en: body.message))
        wipeOrder = body.wipeOrder.flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
        wipeLog = (body.wipeLog ?? []).compactMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
    }
}
