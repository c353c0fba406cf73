import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// Folding one more record into the state: chain, authority, then the transition rules.
extension MembershipState {
    /// Applies the next record, received at `now` by this device's clock; throws, leaving the state
    /// unchanged, if the record does not extend the chain (`.brokenChain`), is dated too far ahead
    /// of `now` (`.notYetValid`), its signer may not sign it (`.notAuthorised`), or it contradicts
    /// the log (`.invalidTransition`).
    /// `clockSkewSecondsMax` is how far ahead of `now` the record may be dated: a device's bound
    /// by default, the relay's tighter `TrustLimits.relayClockSkewSecondsMax` at the relay.
    public mutating func apply(_ record: MembershipRecord, now: Instant,
                               clockSkewSecondsMax: Int64 = TrustLimits.recordClockSkewSecondsMax) throws(TrustError) {
        guard record.index == headIndex + 1, record.previousHash == headHash else {
            throw TrustError(.brokenChain, Text(
                fr: "l'enregistrement \(record.index) ne suit pas l'enregistrement \(headIndex) du registre vérifié : "
                    + "déplacé, omis ou divergent ; reprenez le registre à partir de l'enregistrement \(headIndex + 1)",
                en: "record \(record.index) does not follow record \(headIndex) of the verified log: "
                    + "reordered, dropped or forked; refetch the log from record \(headIndex + 1)"))
        }
        guard record.issuedAt >= headTime else {
            throw TrustError(.brokenChain, Text(fr: "l'enregistrement \(record.index) est daté avant l'enregistrement \(headIndex) : refusé",
                                          en: "record \(record.index) is dated before record \(headIndex): refused"))
        }
        try Self.checkNotFromTheFuture(record, now: now, skewSecondsMax: clockSkewSecondsMax)
        try MembershipAuthorisation.check(record, in: self)
        var next = self
        try next.countAgainstQuota(record)
        try next.transition(record.event, at: record.issuedAt, signer: record.signer)
        next.noteWriteLoss(record)
        if let member = next.memberGainingAccess(record.event) { next.noteEntitlements(of: member, at: record.issuedAt) }
        next.headIndex = record.index
        next.headHash = record.hash
        next.headTime = record.issuedAt
        self = next
    }

    private mutating func transition(_ event: MembershipEvent, at instant: Instant, signer: SigningPublicKey) throws(TrustError) {
        switch event {
        case .genesis:
            throw TrustError(.invalidTransition, Text(fr: "un second enregistrement fondateur", en: "a second genesis record"))
        case let .appointMember(appointment):
            try appoint(appointment, at: instant)
        case let .endMandate(member, reason):
            guard var entry = members[member], let index = entry.mandates.lastIndex(where: { $0.covers(instant) }) else {
                throw refused(Text(fr: "le membre \(member) n'a pas de mandat à terminer", en: "member \(member) holds no mandate to end"))
            }
            if reason == .exOfficio {
                guard entry.mandates[index].role.isFirstCircle, !entry.mandates[index].absencesReports.isEmpty else {
                    throw refused(Text(
                        fr: "le membre \(member) ne figure dans aucun rapport d'absences signé par le secrétariat pendant ce mandat "
                            + "(membres du premier cercle seulement) : pas de démission d'office sans lui",
                        en: "member \(member) is not named in an absences report signed by the secretariat during this mandate "
                            + "(first-circle members only): no resignation ex officio without one"))
                }
            }
            entry.mandates[index].endedAt = instant
            entry.closeGrants(at: instant)
            members[member] = entry
        case let .addToScope(member, scope, access, expiry):
            guard role(of: member, at: instant) != nil else { throw refused(Text(fr: "le membre \(member) n'a pas de mandat",
                                                                                 en: "member \(member) holds no mandate")) }
            if let expiry, expiry <= instant { throw refused(Text(fr: "l'accès à \(scope) expire avant de commencer",
                                                                  en: "the grant of \(scope) expires before it starts")) }
            // The secretariat sits in no working group (their dossiers reach their members only):
            // a stolen secretariat device cannot give itself one. Held to logs begun from the rules' date.
            if createdAt >= Self.strictAppointmentsSince, scope.rawValue.hasPrefix("group:"), role(of: member, at: instant) == .secretariat {
                throw refused(Text(fr: "le secrétariat ne siège pas dans les groupes de travail : \(scope) ne lui est pas ouvert",
                                   en: "the secretariat sits in no working group: \(scope) is not open to it"))
            }
            if holdsExactly(access, until: expiry, of: member, to: scope, at: instant) {
                throw refused(Text(fr: "le membre \(member) a déjà exactement cet accès à \(scope) (même droit, même échéance) : un enregistrement qui ne change rien",
                                     en: "member \(member) already holds this very grant to \(scope) (same access, same expiry): a record that changes nothing"))
            }
            closeGrant(of: member, to: scope, at: instant)
            members[member, default: MemberEntry()].grants[scope, default: []].append(Grant(access: access, from: instant, until: expiry))
        case let .removeFromScope(member, scope):
            guard members[member]?.grants[scope]?.contains(where: { $0.isActive(at: instant) }) == true else {
                throw refused(Text(fr: "le membre \(member) n'a pas d'accès à \(scope) à retirer",
                                   en: "member \(member) holds no grant to \(scope) to remove"))
            }
            closeGrant(of: member, to: scope, at: instant)
        case let .certifyDevice(device):
            try certify(device, at: instant)
            if isFirstOrRootCertified(device, at: instant, signer: signer) { devices[device.signingKey]!.approvedAt = instant }
        case let .acceptUndertaking(member, _, _):
            guard let index = members[member]?.mandates.lastIndex(where: { $0.covers(instant) }) else {
                throw refused(Text(fr: "le membre \(member) n'a pas de mandat", en: "member \(member) holds no mandate"))
            }
            guard members[member]!.mandates[index].acceptedAt == nil else {
                throw refused(Text(fr: "le membre \(member) a déjà accepté l'engagement pendant ce mandat : un enregistrement qui ne change rien",
                                     en: "member \(member) already accepted the undertaking during this mandate: a record that changes nothing"))
            }
            members[member]!.mandates[index].acceptedAt = instant
        case let .revokeDevice(device, wipe, _):
            guard devices[device] != nil, devices[device]!.revokedAt == nil else {
                throw refused(Text(fr: "l'appareil n'est pas certifié, ou déjà révoqué", en: "the device is not certified, or already revoked"))
            }
            devices[device]!.revokedAt = instant
            devices[device]!.wipeOrdered = wipe
        case let .startEpoch(scope, epoch, reason, commitment, keys):
            let expected = (currentEpoch(of: scope) ?? 0) + 1
            guard epoch == expected else { throw refused(Text(fr: "la portée \(scope) est à l'époque \(expected - 1) ; la suivante est \(expected), pas \(epoch)",
                                                                en: "scope \(scope) is at epoch \(expected - 1); the next is \(expected), not \(epoch)")) }
            guard (reason == .initial) == (epoch == 1) else { throw refused(Text(fr: "seule l'époque 1 d'une portée est l'initiale",
                                                                                 en: "only epoch 1 of a scope is the initial one")) }
            let entitled = Set(entitledDevices(to: scope, at: instant).map(\.signingKey))
            epochs[scope, default: []].append(EpochEntry(epoch: epoch, reason: reason, commitment: commitment, startedAt: instant,
                                                         starter: signer, keys: keys, entitledDuringEpoch: entitled))
        case let .reportAbsences(member, _, reportDigest):
            guard let index = members[member]?.mandates.lastIndex(where: { $0.covers(instant) }),
                  members[member]!.mandates[index].role.isFirstCircle else {
                throw refused(Text(fr: "le membre \(member) n'a pas de mandat au premier cercle : la règle des absences ne concerne que le premier cercle",
                                     en: "member \(member) holds no first-circle mandate: the absences rule concerns first-circle members only"))
            }
            guard !members[member]!.mandates[index].absencesReports.contains(reportDigest) else {
                throw refused(Text(fr: "ce rapport d'absences du membre \(member) est déjà au registre : un enregistrement qui ne change rien",
                                     en: "this absences report of member \(member) is already in the log: a record that changes nothing"))
            }
            members[member]!.mandates[index].absencesReports.append(reportDigest)
        case let .approveDevice(member, device):
            guard let entry = devices[device], entry.device.member == member, entry.revokedAt == nil else {
                throw refused(Text(fr: "l'appareil n'est pas un appareil certifié et non révoqué du membre \(member)",
                                   en: "the device is not a certified, unrevoked device of member \(member)"))
            }
            guard entry.approvedAt == nil else { throw refused(Text(fr: "l'appareil est déjà approuvé", en: "the device is already approved")) }
            devices[device]!.approvedAt = instant
        case let .recordPastMandate(past):
            try recordPastMandate(past, at: instant)
        }
    }

    /// The member whose devices may have become entitled to more scopes through `event`. Access
    /// only grows through these five records; it shrinks through others or by expiry.
    private func memberGainingAccess(_ event: MembershipEvent) -> MemberID? {
        switch event {
        case let .appointMember(appointment): appointment.member
        case let .addToScope(member, _, _, _), let .acceptUndertaking(member, _, _): member
        case let .certifyDevice(device): device.member
        case let .approveDevice(member, _): member
        default: nil
        }
    }

    /// Adds `member`'s entitled devices to the current epoch of each scope they can read, so a
    /// later removal of any of them calls for a rotation even if it joined mid-epoch.
    private mutating func noteEntitlements(of member: MemberID, at instant: Instant) {
        let memberDevices = devices.values.filter { $0.device.member == member }.map(\.device.signingKey)
        for scope in scopes(of: member, at: instant).keys {
            guard let last = epochs[scope]?.indices.last else { continue }
            for device in memberDevices where mayHoldKey(device: device, scope: scope, at: instant) {
                epochs[scope]![last].entitledDuringEpoch.insert(device)
            }
        }
    }

    private mutating func appoint(_ appointment: Appointment, at instant: Instant) throws(TrustError) {
        let member = appointment.member
        guard appointment.orderDate <= instant, appointment.mandateEnd > instant else {
            throw refused(Text(fr: "l'arrêté doit être daté avant l'enregistrement et le mandat finir après lui",
                               en: "the order must be dated before the record and the mandate must end after it"))
        }
        guard appointment.role != .vicePresident else {
            throw refused(Text(
                fr: "la vice-présidence est un rôle au conseil sur un mandat en cours du premier cercle (proposée par la présidence, enregistrée "
                    + "par le secrétariat dans la portée du conseil), pas un mandat à part : nommez le membre, puis enregistrez la vice-présidence",
                en: "a vice-presidency is a council role on a running first-circle mandate (proposed by the president, "
                    + "recorded by the secretariat in the council scope), not a mandate of its own: appoint the member, then record the vice-presidency"))
        }
        if createdAt >= Self.strictAppointmentsSince { try checkStrictly(appointment, at: instant) }
        var entry = members[member] ?? MemberEntry()
        // The register's reading, by UTC day (`CouncilRegister` folds this log through `Register.appoint`),
        // with the council's one appointment check: nobody appointed while holding a mandate, a renewal
        // taking effect from the previous mandate's last day, and the 30 seats counted on the fullest
        // day since the order's date.
        let orderDay = Self.day(appointment.orderDate), recordDay = Self.day(instant)
        let firstCircle = members.values.map { $0.mandates.filter(\.role.isFirstCircle) }
        let fullest = CouncilRules.fullestPoint(from: orderDay, through: recordDay,
                                                mandateStarts: firstCircle.flatMap { $0.map { Self.day($0.start) } }) { day in
            firstCircle.filter { $0.contains { Self.day($0.start) <= day && day < Self.day($0.end) } }.count
        }
        let current = entry.mandate(at: instant)
        do {
            try CouncilRules.checkAppointment(AppointmentRequest(
                id: member.hex, name: "member \(member)", orderDay: orderDay, current: current.map { (Self.day($0.end), nil) },
                previousEnd: entry.mandates.last.map { Self.day($0.end) },
                firstCircle: appointment.role.isFirstCircle
                    ? (fullest.point, fullest.seated,
                       entry.mandates.filter { $0.role.isFirstCircle }.count + entry.history.filter { $0.role.isFirstCircle }.count) : nil))
        } catch {
            throw refused(error.text)
        }
        // Grants of an earlier mandate that reached its term without an end record do not carry over.
        entry.closeGrants(at: instant)
        entry.mandates.append(Mandate(role: appointment.role, start: instant, scheduledEnd: appointment.mandateEnd))
        for scope in appointment.scopes {
            entry.grants[scope, default: []].append(Grant(access: .readWrite, from: instant, until: nil))
        }
        members[member] = entry
    }

    /// Logs begun at or after this instant (2026-12-08T00:00:00Z) are held to the rules below;
    /// older ones keep those they were signed under: a log is verified whole on every open and
    /// at every relay start, so a new rule must not refuse a record signed before it.
    static let strictAppointmentsSince = Instant(unixSeconds: 1_796_688_000)

    /// One presidency (a second president's devices would hold the president's rights beside
    /// the first's), and no member's mandate beyond the 3-year term of its order (a president
    /// kept in the log past it would block every successor, out of the register's sight).
    private func checkStrictly(_ appointment: Appointment, at instant: Instant) throws(TrustError) {
        if appointment.role == .president, let sitting = president(at: instant), sitting != appointment.member {
            throw refused(Text(fr: "la présidence est tenue par le membre \(sitting) : le conseil n'a qu'une présidence, libre à la fin de ce mandat",
                               en: "the presidency is held by member \(sitting): the council has one presidency, free once that mandate ends"))
        }
        let term = Instant(unixSeconds: CouncilRules.mandateEnd(from: Self.day(appointment.orderDate)).unixSeconds)
        if appointment.role.isFirstCircle || appointment.role == .secondCircle, appointment.mandateEnd > term {
            throw refused(Text(fr: "un mandat court au plus 3 ans à compter de son arrêté (jusqu'au \(Self.day(term).iso))",
                               en: "a mandate runs at most 3 years from its order (until \(Self.day(term).iso))"))
        }
    }

    /// Keeps a mandate held before the log as the member's history: a member the log knows, a
    /// mandate over by `instant`, at most the 3-year term long, overlapping none of the member's
    /// mandates or history. It opens no mandate, so no scope, key or seat follows from it.
    private mutating func recordPastMandate(_ past: PastMandate, at instant: Instant) throws(TrustError) {
        guard var entry = members[past.member] else {
            throw refused(Text(fr: "le membre \(past.member) n'a jamais été nommé dans ce registre : nommez-le, puis enregistrez ses mandats passés",
                                 en: "member \(past.member) was never appointed in this log: appoint them, then record their past mandates"))
        }
        guard Day(unixSeconds: past.start.unixSeconds) != nil, Day(unixSeconds: past.end.unixSeconds) != nil, past.start < past.end else {
            throw refused(Text(fr: "un mandat passé court entre deux jours des années 1900 à 9999, son début avant sa fin",
                                 en: "a past mandate runs between two days of the years 1900 to 9999, its start before its end"))
        }
        // History is what came before this log: a mandate recorded after the log began would
        // change who sat at séances the log knows (quorum, absences, the activity report).
        guard past.end <= createdAt else {
            throw refused(Text(
                fr: "un mandat passé a pris fin avant le début du registre de ce conseil (\(Self.day(createdAt).iso)) ; celui-ci finit le \(Self.day(past.end).iso)",
                en: "a past mandate is one that ended before this council's log began (\(Self.day(createdAt).iso)); this one ends on \(Self.day(past.end).iso)"))
        }
        guard past.end <= instant else { throw refused(Text(fr: "un mandat passé est terminé quand on l'enregistre ; celui-ci finit le \(Self.day(past.end).iso)",
                                                                 en: "a past mandate is over when it is recorded; this one ends on \(Self.day(past.end).iso)")) }
        guard Self.day(past.end) <= CouncilRules.mandateEnd(from: Self.day(past.start)) else {
            throw refused(Text(
                fr: "un mandat dure au plus \(CouncilRules.mandateYears) ans ; celui-ci court du \(Self.day(past.start).iso) au \(Self.day(past.end).iso)",
                en: "a mandate lasts at most \(CouncilRules.mandateYears) years; this one runs from \(Self.day(past.start).iso) to \(Self.day(past.end).iso)"))
        }
        let overlaps = entry.mandates.contains { $0.start < past.end && past.start < $0.end }
            || entry.history.contains { $0.start < past.end && past.start < $0.end }
        guard !overlaps else {
            throw refused(Text(
                fr: "le membre \(past.member) avait déjà un mandat (ou un mandat passé enregistré) entre le \(Self.day(past.start).iso) et le \(Self.day(past.end).iso)",
                en: "member \(past.member) held a mandate (or a recorded past mandate) between \(Self.day(past.start).iso) and \(Self.day(past.end).iso) already"))
        }
        entry.history.append(past)
        members[past.member] = entry
    }

    /// The UTC day of `instant` (the first day `Day` accepts for an instant outside its years).
    static func day(_ instant: Instant) -> Day {
        Day(unixSeconds: instant.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)!
    }

    private mutating func certify(_ device: CertifiedDevice, at instant: Instant) throws(TrustError) {
        guard let role = role(of: device.member, at: instant) else { throw refused(Text(fr: "le membre \(device.member) n'a pas de mandat",
                                                                                        en: "member \(device.member) holds no mandate")) }
        guard devices[device.signingKey] == nil, !agreementKeys.contains(device.agreementKey), device.signingKey != root.publicKey else {
            throw refused(Text(fr: "une clé d'appareil n'est certifiée qu'une fois : celle-ci l'a déjà été",
                               en: "a device key is certified once: this one was certified before"))
        }
        let active = devices.values.filter { $0.device.member == device.member && isDeviceValid($0.device.signingKey, at: instant) }
        guard active.count < TrustLimits.activeDevicesPerMemberMax else {
            throw refused(Text(fr: "le membre \(device.member) a déjà \(active.count) appareils valides ; révoquez-en un d'abord",
                                 en: "member \(device.member) already has \(active.count) valid devices; revoke one first"))
        }
        devices[device.signingKey] = DeviceEntry(device: device, certifiedAt: instant, role: role)
        agreementKeys.insert(device.agreementKey)
    }

    private mutating func closeGrant(of member: MemberID, to scope: ScopeID, at instant: Instant) {
        guard let grants = members[member]?.grants[scope] else { return }
        for index in grants.indices where grants[index].isActive(at: instant) {
            members[member]!.grants[scope]![index].close(at: instant)
        }
    }

    /// Refuses a record dated more than `skewSecondsMax` after `now`.
    static func checkNotFromTheFuture(_ record: MembershipRecord, now: Instant,
                                      skewSecondsMax: Int64 = TrustLimits.recordClockSkewSecondsMax) throws(TrustError) {
        let ahead = record.issuedAt.unixSeconds.subtractingReportingOverflow(now.unixSeconds)
        guard !ahead.overflow, ahead.partialValue <= skewSecondsMax else {
            throw TrustError(.notYetValid, Text(
                fr: "l'enregistrement \(record.index) est daté \(record.issuedAt), en avance de plus de \(skewSecondsMax) s sur l'horloge "
                    + "qui le juge (\(now)) : refusé ; vérifiez les horloges",
                en: "record \(record.index) is dated \(record.issuedAt), ahead of the clock it is judged by (\(now)) "
                    + "by more than \(skewSecondsMax) s: refused; check the clocks"))
        }
    }

    private func refused(_ why: Text) -> TrustError {
        TrustError(.invalidTransition, Text(fr: "\(why.french) : l'enregistrement contredit le registre des membres et il est refusé",
                                            en: "\(why.english): the record contradicts the membership log and is refused"))
    }
}
