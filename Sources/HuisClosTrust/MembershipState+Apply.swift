import HuisClosCouncil
import HuisClosCrypto
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
            throw TrustError(.brokenChain, "record \(record.index) does not follow record \(headIndex) of the verified log: "
                             + "reordered, dropped or forked; refetch the log from record \(headIndex + 1)")
        }
        guard record.issuedAt >= headTime else {
            throw TrustError(.brokenChain, "record \(record.index) is dated before record \(headIndex): refused")
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
            throw TrustError(.invalidTransition, "a second genesis record")
        case let .appointMember(appointment):
            try appoint(appointment, at: instant)
        case let .endMandate(member, reason):
            guard var entry = members[member], let index = entry.mandates.lastIndex(where: { $0.covers(instant) }) else {
                throw refused("member \(member) holds no mandate to end")
            }
            if reason == .exOfficio {
                guard entry.mandates[index].role.isFirstCircle, !entry.mandates[index].absencesReports.isEmpty else {
                    throw refused("member \(member) is not named in an absences report signed by the secretariat during this mandate "
                                  + "(first-circle members only): no resignation ex officio without one")
                }
            }
            entry.mandates[index].endedAt = instant
            entry.closeGrants(at: instant)
            members[member] = entry
        case let .addToScope(member, scope, access, expiry):
            guard role(of: member, at: instant) != nil else { throw refused("member \(member) holds no mandate") }
            if let expiry, expiry <= instant { throw refused("the grant of \(scope) expires before it starts") }
            let open = members[member]?.grants[scope]?.filter { $0.isActive(at: instant) } ?? []
            if open.count == 1, open[0].access == access, open[0].until == expiry {
                throw refused("member \(member) already holds this very grant to \(scope) (same access, same expiry): a record that changes nothing")
            }
            closeGrant(of: member, to: scope, at: instant)
            members[member, default: MemberEntry()].grants[scope, default: []].append(Grant(access: access, from: instant, until: expiry))
        case let .removeFromScope(member, scope):
            guard members[member]?.grants[scope]?.contains(where: { $0.isActive(at: instant) }) == true else {
                throw refused("member \(member) holds no grant to \(scope) to remove")
            }
            closeGrant(of: member, to: scope, at: instant)
        case let .certifyDevice(device):
            try certify(device, at: instant)
            if isFirstOrRootCertified(device, at: instant, signer: signer) { devices[device.signingKey]!.approvedAt = instant }
        case let .acceptUndertaking(member, _, _):
            guard let index = members[member]?.mandates.lastIndex(where: { $0.covers(instant) }) else {
                throw refused("member \(member) holds no mandate")
            }
            guard members[member]!.mandates[index].acceptedAt == nil else {
                throw refused("member \(member) already accepted the undertaking during this mandate: a record that changes nothing")
            }
            members[member]!.mandates[index].acceptedAt = instant
        case let .revokeDevice(device, wipe, _):
            guard devices[device] != nil, devices[device]!.revokedAt == nil else {
                throw refused("the device is not certified, or already revoked")
            }
            devices[device]!.revokedAt = instant
            devices[device]!.wipeOrdered = wipe
        case let .startEpoch(scope, epoch, reason, commitment, keys):
            let expected = (currentEpoch(of: scope) ?? 0) + 1
            guard epoch == expected else { throw refused("scope \(scope) is at epoch \(expected - 1); the next is \(expected), not \(epoch)") }
            guard (reason == .initial) == (epoch == 1) else { throw refused("only epoch 1 of a scope is the initial one") }
            let entitled = Set(entitledDevices(to: scope, at: instant).map(\.signingKey))
            epochs[scope, default: []].append(EpochEntry(epoch: epoch, reason: reason, commitment: commitment, startedAt: instant,
                                                         starter: signer, keys: keys, entitledDuringEpoch: entitled))
        case let .reportAbsences(member, _, reportDigest):
            guard let index = members[member]?.mandates.lastIndex(where: { $0.covers(instant) }),
                  members[member]!.mandates[index].role.isFirstCircle else {
                throw refused("member \(member) holds no first-circle mandate: the absences rule concerns first-circle members only")
            }
            guard !members[member]!.mandates[index].absencesReports.contains(reportDigest) else {
                throw refused("this absences report of member \(member) is already in the log: a record that changes nothing")
            }
            members[member]!.mandates[index].absencesReports.append(reportDigest)
        case let .approveDevice(member, device):
            guard let entry = devices[device], entry.device.member == member, entry.revokedAt == nil else {
                throw refused("the device is not a certified, unrevoked device of member \(member)")
            }
            guard entry.approvedAt == nil else { throw refused("the device is already approved") }
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
            throw refused("the order must be dated before the record and the mandate must end after it")
        }
        guard appointment.role != .vicePresident else {
            throw refused("a vice-presidency is a council role on a running first-circle mandate (proposed by the president, "
                          + "recorded by the secretariat in the council scope), not a mandate of its own: appoint the member, then record the vice-presidency")
        }
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
            throw refused(error.text.english)
        }
        // Grants of an earlier mandate that reached its term without an end record do not carry over.
        entry.closeGrants(at: instant)
        entry.mandates.append(Mandate(role: appointment.role, start: instant, scheduledEnd: appointment.mandateEnd))
        for scope in appointment.scopes {
            entry.grants[scope, default: []].append(Grant(access: .readWrite, from: instant, until: nil))
        }
        members[member] = entry
    }

    /// Keeps a mandate held before the log as the member's history: a member the log knows, a
    /// mandate over by `instant`, at most the 3-year term long, overlapping none of the member's
    /// mandates or history. It opens no mandate, so no scope, key or seat follows from it.
    private mutating func recordPastMandate(_ past: PastMandate, at instant: Instant) throws(TrustError) {
        guard var entry = members[past.member] else {
            throw refused("member \(past.member) was never appointed in this log: appoint them, then record their past mandates")
        }
        guard Day(unixSeconds: past.start.unixSeconds) != nil, Day(unixSeconds: past.end.unixSeconds) != nil, past.start < past.end else {
            throw refused("a past mandate runs between two days of the years 1900 to 9999, its start before its end")
        }
        // History is what came before this log: a mandate recorded after the log began would
        // change who sat at séances the log knows (quorum, absences, the activity report).
        guard past.end <= createdAt else {
            throw refused("a past mandate is one that ended before this council's log began (\(Self.day(createdAt).iso)); this one ends on \(Self.day(past.end).iso)")
        }
        guard past.end <= instant else { throw refused("a past mandate is over when it is recorded; this one ends on \(Self.day(past.end).iso)") }
        guard Self.day(past.end) <= CouncilRules.mandateEnd(from: Self.day(past.start)) else {
            throw refused("a mandate lasts at most \(CouncilRules.mandateYears) years; this one runs from \(Self.day(past.start).iso) to \(Self.day(past.end).iso)")
        }
        let overlaps = entry.mandates.contains { $0.start < past.end && past.start < $0.end }
            || entry.history.contains { $0.start < past.end && past.start < $0.end }
        guard !overlaps else {
            throw refused("member \(past.member) held a mandate (or a recorded past mandate) between \(Self.day(past.start).iso) and \(Self.day(past.end).iso) already")
        }
        entry.history.append(past)
        members[past.member] = entry
    }

    /// The UTC day of `instant` (the first day `Day` accepts for an instant outside its years).
    static func day(_ instant: Instant) -> Day {
        Day(unixSeconds: instant.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)!
    }

    private mutating func certify(_ device: CertifiedDevice, at instant: Instant) throws(TrustError) {
        guard let role = role(of: device.member, at: instant) else { throw refused("member \(device.member) holds no mandate") }
        guard devices[device.signingKey] == nil, !agreementKeys.contains(device.agreementKey), device.signingKey != root.publicKey else {
            throw refused("a device key is certified once: this one was certified before")
        }
        let active = devices.values.filter { $0.device.member == device.member && isDeviceValid($0.device.signingKey, at: instant) }
        guard active.count < TrustLimits.activeDevicesPerMemberMax else {
            throw refused("member \(device.member) already has \(active.count) valid devices; revoke one first")
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
            throw TrustError(.notYetValid, "record \(record.index) is dated \(record.issuedAt), ahead of the clock it is judged by (\(now)) "
                             + "by more than \(skewSecondsMax) s: refused; check the clocks")
        }
    }

    private func refused(_ why: String) -> TrustError {
        TrustError(.invalidTransition, "\(why): the record contradicts the membership log and is refused")
    }
}
