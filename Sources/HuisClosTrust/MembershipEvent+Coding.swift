import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// The canonical payload encoding of each record type (layouts in `Protocol/MEMBERSHIP.md`).
extension MembershipEvent {
    /// The payload bytes (the record type byte is written by `MembershipRecord`).
    func encodePayload() -> [UInt8] {
        var writer = ByteWriter(capacity: 128)
        switch self {
        case let .genesis(rootKey, councilName):
            writer.write(raw: rootKey.bytes)
            writer.write(string: councilName)
        case let .appointMember(appointment):
            writer.write(raw: appointment.member.bytes)
            writer.write(appointment.role.rawValue)
            writer.write(string: appointment.orderNumber)
            writer.write(instant: appointment.orderDate)
            writer.write(instant: appointment.mandateEnd)
            writer.write(UInt8(appointment.scopes.count))
            for scope in appointment.scopes { writer.write(scope: scope) }
        case let .endMandate(member, reason):
            writer.write(raw: member.bytes)
            writer.write(reason.rawValue)
        case let .addToScope(member, scope, access, expiry):
            writer.write(raw: member.bytes)
            writer.write(scope: scope)
            writer.write(access.rawValue)
            writer.write(optional: expiry)
        case let .removeFromScope(member, scope):
            writer.write(raw: member.bytes)
            writer.write(scope: scope)
        case let .certifyDevice(device):
            writer.write(raw: device.member.bytes)
            writer.write(raw: device.signingKey.bytes)
            writer.write(raw: device.agreementKey.bytes)
        case let .acceptUndertaking(member, device, charterDigest):
            writer.write(raw: member.bytes)
            writer.write(raw: device.bytes)
            writer.write(raw: charterDigest)
        case let .revokeDevice(device, wipe, standing):
            writer.write(raw: device.bytes)
            writer.write(bool: wipe)
            if let standing {
                writer.write(UInt8(standing.lastSequences.count))
                for (scope, last) in standing.lastSequences.sorted(by: { $0.key < $1.key }) {
                    writer.write(scope: scope)
                    writer.write(last)
                }
            }
        case let .startEpoch(scope, epoch, reason, commitment, keys):
            writer.write(scope: scope)
            writer.write(epoch)
            writer.write(reason.rawValue)
            writer.write(raw: commitment)
            keys.encode(into: &writer)
        case let .reportAbsences(member, count, reportDigest):
            writer.write(raw: member.bytes)
            writer.write(count)
            writer.write(raw: reportDigest)
        case let .approveDevice(member, device):
            writer.write(raw: member.bytes)
            writer.write(raw: device.bytes)
        case let .recordPastMandate(past):
            writer.write(raw: past.member.bytes)
            writer.write(past.role.rawValue)
            writer.write(string: past.orderNumber)
            writer.write(instant: past.start)
            writer.write(instant: past.end)
        }
        return writer.bytes
    }

    /// Decodes a payload of `kind` strictly: every byte consumed, every value in range.
    static func decode(kind: Kind, payload: [UInt8]) throws(WireError) -> MembershipEvent {
        var reader = ByteReader(payload)
        let event: MembershipEvent
        switch kind {
        case .genesis:
            event = .genesis(rootKey: try reader.readSigningKey(),
                             councilName: try reader.readString(max: TrustLimits.councilNameBytesMax, field: Text(fr: "nom du conseil", en: "council name")))
        case .appointMember:
            event = .appointMember(try decodeAppointment(&reader))
        case .endMandate:
            event = .endMandate(member: try reader.readMember(), reason: try reader.readEnum(MandateEndReason.self, field: Text(fr: "motif de fin", en: "end reason")))
        case .addToScope:
            event = .addToScope(member: try reader.readMember(), scope: try grantable(reader.readScope()),
                                access: try reader.readEnum(ScopeAccess.self, field: Text(fr: "accès", en: "access")), expiry: try reader.readOptionalInstant())
        case .removeFromScope:
            event = .removeFromScope(member: try reader.readMember(), scope: try grantable(reader.readScope()))
        case .certifyDevice:
            let member = try reader.readMember()
            event = .certifyDevice(CertifiedDevice(signingKey: try reader.readSigningKey(),
                                                   agreementKey: try reader.readAgreementKey(), member: member))
        case .acceptUndertaking:
            event = .acceptUndertaking(member: try reader.readMember(), device: try reader.readSigningKey(),
                                       charterDigest: try reader.read(count: Hash.length))
        case .revokeDevice:
            event = .revokeDevice(device: try reader.readSigningKey(), wipe: try reader.readBool(field: Text(fr: "indicateur d'effacement", en: "wipe flag")),
                                  standing: reader.remaining == 0 ? nil : try decodeStanding(&reader))
        case .startEpoch:
            let scope = try reader.readScope()
            guard scope != .public else { throw WireError(.malformed, Text(fr: "la portée publique n'est jamais chiffrée et n'a pas d'époques de clé",
                en: "the public scope is never encrypted and has no key epochs")) }
            let epoch = try reader.readUInt32()
            guard epoch >= 1 else { throw WireError(.malformed, Text(fr: "les époques de clé commencent à 1", en: "key epochs start at 1")) }
            let reason = try reader.readEnum(EpochReason.self, field: Text(fr: "motif d'époque", en: "epoch reason"))
            let commitment = try reader.read(count: Hash.length)
            event = .startEpoch(scope: scope, epoch: epoch, reason: reason, commitment: commitment,
                                keys: try EpochKeys.decode(&reader, scope: scope, epoch: epoch))
        case .reportAbsences:
            let member = try reader.readMember()
            let count = try reader.readUInt8()
            guard Int(count) >= CouncilRules.consecutiveAbsencesForResignation else {
                throw WireError(.malformed, Text(fr: "un constat d'absences compte au moins \(CouncilRules.consecutiveAbsencesForResignation) absences consécutives, et non \(count)",
                    en: "an absences report counts at least \(CouncilRules.consecutiveAbsencesForResignation) consecutive absences, not \(count)"))
            }
            event = .reportAbsences(member: member, count: count, reportDigest: try reader.read(count: Hash.length))
        case .approveDevice:
            event = .approveDevice(member: try reader.readMember(), device: try reader.readSigningKey())
        case .recordPastMandate:
            let member = try reader.readMember()
            let role = try reader.readEnum(Role.self, field: Text(fr: "rôle", en: "role"))
            guard role == .president || role == .member || role == .secondCircle else {
                throw WireError(.malformed, Text(fr: "un mandat passé est celui d'un président, d'un membre ou d'un membre du second cercle, pas du rôle \(role)",
                    en: "a past mandate is a president's, a member's or a second-circle member's, not a \(role)'s"))
            }
            let orderNumber = try reader.readString(max: TrustLimits.orderNumberBytesMax, field: Text(fr: "numéro d'arrêté", en: "order number"))
            let start = try reader.readInstant()
            let end = try reader.readInstant()
            guard start < end else { throw WireError(.malformed, Text(fr: "un mandat passé finit après avoir commencé", en: "a past mandate ends after it starts")) }
            event = .recordPastMandate(PastMandate(member: member, role: role, orderNumber: orderNumber, start: start, end: end))
        }
        try reader.expectEnd(of: Text(fr: "contenu de \(kind)", en: "\(kind) payload"))
        return event
    }

    /// A revocation's standing writes: a count (1…`revocationStandingScopesMax`), then each scope
    /// with its last standing sequence, scopes strictly ascending (one encoding per cut).
    private static func decodeStanding(_ reader: inout ByteReader) throws(WireError) -> StandingWrites {
        let count = Int(try reader.readUInt8())
        guard count >= 1, count <= TrustLimits.revocationStandingScopesMax else {
            throw WireError(.malformed, Text(fr: "les écritures maintenues d'une révocation listent de 1 à \(TrustLimits.revocationStandingScopesMax) portées, et non \(count)",
                en: "a revocation's standing writes list 1 to \(TrustLimits.revocationStandingScopesMax) scopes, not \(count)"))
        }
        var lastSequences: [ScopeID: UInt64] = [:]
        var previous: ScopeID?
        for _ in 0..<count {
            let scope = try reader.readScope()
            guard previous.map({ $0 < scope }) ?? true else {
                throw WireError(.malformed, Text(fr: "les écritures maintenues d'une révocation listent les portées en ordre strictement croissant",
                    en: "a revocation's standing writes list scopes in strictly ascending order"))
            }
            previous = scope
            lastSequences[scope] = try reader.readUInt64()
        }
        return StandingWrites(lastSequences)!
    }

    private static func decodeAppointment(_ reader: inout ByteReader) throws(WireError) -> Appointment {
        let member = try reader.readMember()
        let role = try reader.readEnum(Role.self, field: Text(fr: "rôle", en: "role"))
        let orderNumber = try reader.readString(max: TrustLimits.orderNumberBytesMax, field: Text(fr: "numéro d'arrêté", en: "order number"))
        let orderDate = try reader.readInstant()
        let mandateEnd = try reader.readInstant()
        let count = Int(try reader.readUInt8())
        guard count <= TrustLimits.appointmentScopesMax else {
            throw WireError(.tooLarge, Text(fr: "une nomination liste \(count) portées ; la limite est \(TrustLimits.appointmentScopesMax)",
                en: "an appointment lists \(count) scopes; the limit is \(TrustLimits.appointmentScopesMax)"))
        }
        var scopes: [ScopeID] = []
        for _ in 0..<count {
            let scope = try grantable(reader.readScope())
            // Strictly ascending: one encoding per set of scopes, no duplicates.
            guard scopes.last.map({ $0 < scope }) ?? true else {
                throw WireError(.malformed, Text(fr: "les portées d'une nomination doivent être en ordre strictement croissant",
                    en: "appointment scopes must be strictly ascending"))
            }
            scopes.append(scope)
        }
        return Appointment(member: member, role: role, orderNumber: orderNumber, orderDate: orderDate,
                           mandateEnd: mandateEnd, scopes: scopes)
    }

    private static func grantable(_ scope: ScopeID) throws(WireError) -> ScopeID {
        guard GrantableScope.allows(scope) else {
            throw WireError(.malformed, Text(fr: "la portée \(scope) ne s'accorde pas explicitement (les portées publique, du conseil et privées découlent des rôles)",
                en: "scope \(scope) is not granted explicitly (public, council and private scopes follow from roles)"))
        }
        return scope
    }
}
