public import HuisClosCouncil
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
public import HuisClosStore
import HuisClosTrust

/// The council's life as CRDT records in the council scope of a device's `ChangeStore`: member
/// profiles, vice-president proposals, séances, agendas, answers, attendance, acknowledgements.
///
/// Every write first replays the rule on the pure value (`Seance`, `Register`) built from what the
/// replica holds, so a refused action (a proxy, attendance already closed) writes nothing; with a
/// device link it then checks the offline lease and who may write the record
/// (`CouncilWriteRules`, the rule every replica applies again when merging); then it commits the
/// change as this device's next signed batch, to be pushed by the sync layer.
/// Reads rebuild the pure values from the materialised tables (see `CouncilStore+Read.swift`).
public struct CouncilStore: Sendable {
    /// The device's change store (its encrypted replica in the app; memory in tests).
    public let store: ChangeStore
    /// This device's clock for acknowledgements, in Unix milliseconds.
    let nowMs: @Sendable () -> Int64
    /// The owning device's membership, write check and arrival times (nil: none of them).
    public let link: CouncilDeviceLink?

    /// Council records over `store`; `nowMs` stamps acknowledgements (the system clock by default);
    /// `link` ties them to the device that owns the store (`Device.council`).
    public init(store: ChangeStore, nowMs: (@Sendable () -> Int64)? = nil, link: CouncilDeviceLink? = nil) {
        self.store = store
        self.nowMs = nowMs ?? { Int64(clamping: SystemWallClock().nowMs()) }
        self.link = link
    }

    // MARK: - Register

    /// Records a person's profile (kept encrypted in the council scope, never in the membership log).
    public func recordProfile(member: String, name: String, category: Member.Category, gender: Member.Gender?) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.profile, member)
        try commit([.set(key, field: CouncilRecords.Field.name, value: .text(name)),
                    .set(key, field: CouncilRecords.Field.category, value: .text(category.rawValue)),
                    .set(key, field: CouncilRecords.Field.gender, value: gender.map { .text($0.rawValue) } ?? .null)])
    }

    /// Records (or, with nil, removes) the address a person's notices go to; the secretariat keeps
    /// it in the council scope, encrypted like the register, never in the relay's clear.
    public func recordEmail(member: String, address: String?) throws {
        guard try profiles()[member] != nil else { throw CouncilStoreError.unknownMember(member) }
        let key = try CouncilRecords.key(CouncilRecords.Kind.profile, member)
        try commit([.set(key, field: CouncilRecords.Field.email, value: address.map { .text($0) } ?? .null)])
    }

    /// Records the president's proposal of a vice-president (the appointment follows in the membership log).
    public func proposeVicePresident(member: String, on day: Day) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.vicePresidentProposal, member)
        try commit([.set(key, field: CouncilRecords.Field.proposedOn, value: .text(day.iso))])
    }

    /// The secretariat records the appointment of a vice-president as a role on the member's
    /// running mandate: no new mandate, the term unchanged. Refused unless the president's
    /// proposal is recorded and the member sits in the first circle on `day`
    /// (`Register.appointVicePresident`, replayed on `register`).
    public func appointVicePresident(member: String, orderNumber: String, on day: Day, register: Register) throws {
        var checked = register
        try checked.appointVicePresident(member, on: day)
        let key = try CouncilRecords.key(CouncilRecords.Kind.vicePresidentAppointment, member)
        try commit([.set(key, field: CouncilRecords.Field.appointedOn, value: .text(day.iso)),
                    .set(key, field: CouncilRecords.Field.orderNumber, value: .text(orderNumber))])
    }

    // MARK: - Séances and agenda

    /// Convenes a séance, or changes its date, time and place: each change after the first
    /// convocation raises its revision (the calendar's SEQUENCE); the same values again record
    /// nothing. Refused for a cancelled or held séance, a blank place, an end without a start or
    /// not after it (`Seance.checkConvocation`), a new séance whose id holds « : » (`Seance.checkNewID`).
    /// The convocation delay is the caller's check
    /// (`CouncilSession.convene`), against the device's day.
    @discardableResult
    public func convene(seance id: String, date: Day, place: String, start: TimeOfDay? = nil, end: TimeOfDay? = nil,
                        urgent: Bool = false, recordedLate: Bool = false) throws -> Seance.ConvocationChange {
        try Seance.checkConvocation(place: place, start: start, end: end)
        let key = try CouncilRecords.key(CouncilRecords.Kind.seance, id)
        var changes: [Change] = [.set(key, field: CouncilRecords.Field.date, value: .text(date.iso)),
                                 .set(key, field: CouncilRecords.Field.place, value: .text(place)),
                                 .set(key, field: CouncilRecords.Field.start, value: start.map { .text($0.iso) } ?? .null),
                                 .set(key, field: CouncilRecords.Field.end, value: end.map { .text($0.iso) } ?? .null),
                                 .set(key, field: CouncilRecords.Field.urgent, value: .bool(urgent))]
        guard let existing = try seances().first(where: { $0.id == id }) else {
            try Seance.checkNewID(id)
            // Late or not is said when the séance is first recorded: a convocation sent in time and
            // corrected after the séance began was still sent in time.
            try commit(changes + [.set(key, field: CouncilRecords.Field.recordedLate, value: .bool(recordedLate))])
            return .convened
        }
        guard !existing.cancelled else { throw Seance.cancelledRefusal(existing) }
        guard !existing.attendanceClosed else { throw Seance.heldNotReconvenable(existing) }
        guard (existing.date, existing.place, existing.start, existing.end, existing.urgent) != (date, place, start, end, urgent) else {
            return .unchanged
        }
        changes.append(.set(key, field: CouncilRecords.Field.revision, value: .integer(Int64(existing.revision + 1))))
        try commit(changes)
        return .changed
    }

    /// Cancels a séance: its calendar event is cancelled (revision raised); nothing more is
    /// recorded for it. Refused once its attendance is closed (it was held). Returns false,
    /// writing nothing, for a séance cancelled already (the command run again).
    @discardableResult
    public func cancel(seance id: String) throws -> Bool {
        let existing = try seance(id)
        guard !existing.cancelled else {
            try authorize([.set(try CouncilRecords.key(CouncilRecords.Kind.seance, id), field: CouncilRecords.Field.cancelled, value: .bool(true))])
            return false
        }
        guard !existing.attendanceClosed else { throw Seance.heldNotCancellable(existing) }
        let key = try CouncilRecords.key(CouncilRecords.Kind.seance, id)
        try commit([.set(key, field: CouncilRecords.Field.cancelled, value: .bool(true)),
                    .set(key, field: CouncilRecords.Field.revision, value: .integer(Int64(existing.revision + 1)))])
        return true
    }

    /// Records whether notices carry the séance's calendar invitation (its date, time and place
    /// then travel by e-mail, outside end-to-end encryption: the council decides).
    public func setInvitationAttached(_ attached: Bool) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.convocationSettings, CouncilRecords.convocationSettingsID)
        try commit([.set(key, field: CouncilRecords.Field.attachInvitation, value: .bool(attached))])
    }

    /// Records that `member`'s notice of `seance` at `revision`, telling `content`
    /// (`Seance.noticedContent`), was accepted by the mail server.
    public func recordNotice(seance: String, member: String, revision: Int, content: String, sentMs: Int64) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.notice, "\(seance):\(member):\(revision)")
        try commit([.set(key, field: CouncilRecords.Field.seance, value: .text(seance)),
                    .set(key, field: CouncilRecords.Field.member, value: .text(member)),
                    .set(key, field: CouncilRecords.Field.revision, value: .integer(Int64(revision))),
                    .set(key, field: CouncilRecords.Field.content, value: .text(content)),
                    .set(key, field: CouncilRecords.Field.sentMs, value: .integer(sentMs))])
    }

    /// The séance to notify: when a notice of its current revision told other content than the
    /// record now holds (two devices raised the revision offline and the merge kept one's values),
    /// its revision is raised first, so members get a new version (and the .ics a new SEQUENCE)
    /// rather than two contents under one number. Notices recorded without content are not compared.
    public func reviseIfNotifiedOtherwise(seance id: String) throws -> Seance {
        let current = try seance(id)
        guard try notices(of: id).contains(where: { $0.revision == current.revision && $0.content.map { $0 != current.noticedContent } == true })
        else { return current }
        let key = try CouncilRecords.key(CouncilRecords.Kind.seance, id)
        try commit([.set(key, field: CouncilRecords.Field.revision, value: .integer(Int64(current.revision + 1)))])
        return try seance(id)
    }

    /// Records the council's minimum convocation delay, in clear days.
    public func setConvocationDelay(_ delay: ConvocationDelay) throws {
        guard ConvocationDelay.allowed.contains(delay.clearDays) else { throw ConvocationDelay.outOfRange(delay.clearDays) }
        let key = try CouncilRecords.key(CouncilRecords.Kind.convocationSettings, CouncilRecords.convocationSettingsID)
        try commit([.set(key, field: CouncilRecords.Field.clearDays, value: .integer(Int64(delay.clearDays)))])
    }

    /// Adds an agenda item at the end of the séance's agenda, with its dossiers (a new revision of
    /// the convocation). Refused for a séance this replica does not hold (sync first), a cancelled or a held one.
    public func addAgendaItem(seance: String, item: String, title: String, dossiers: [String] = []) throws {
        let convened = try self.seance(seance)
        try convened.requireAgendaOpen()
        let current = try agenda(of: seance)
        guard !current.contains(where: { $0.item.id == item }) else {
            throw CouncilStoreError.itemExists(seance: seance, item: item)
        }
        let key = try CouncilRecords.key(CouncilRecords.Kind.agendaItem, "\(seance):\(item)")
        try commit([.set(key, field: CouncilRecords.Field.seance, value: .text(seance)),
                    .set(key, field: CouncilRecords.Field.title, value: .text(title)),
                    .set(key, field: CouncilRecords.Field.position, value: .integer(AgendaPosition.after(current.last?.position))),
                    try nextRevision(of: convened)]
                   + dossiers.map { .add(key, set: CouncilRecords.Field.dossiers, element: .text($0)) })
    }

    /// The change raising `seance`'s revision: its agenda is part of what was convened (the
    /// convocation's time-stamp statement covers it), so each agenda change is a new version.
    private func nextRevision(of seance: Seance) throws -> Change {
        .set(try CouncilRecords.key(CouncilRecords.Kind.seance, seance.id), field: CouncilRecords.Field.revision,
             value: .integer(Int64(seance.revision + 1)))
    }

    /// Moves an item to 1-based `rank` in the agenda (clamped), writing its position only, or
    /// renumbering the agenda when its neighbours leave no gap; a new revision of the convocation.
    public func moveAgendaItem(seance: String, item: String, to rank: Int) throws {
        let convened = try self.seance(seance)
        try convened.requireAgendaOpen()
        let current = try agenda(of: seance)
        guard current.contains(where: { $0.item.id == item }) else { throw CouncilStoreError.unknownItem(seance: seance, item: item) }
        var others = current.filter { $0.item.id != item }
        let index = min(max(rank - 1, 0), others.count)
        if let unmoved = current.firstIndex(where: { $0.item.id == item }), unmoved == index {
            // Already there: nothing written, no new revision — but refused as any move would be.
            try authorize([.set(try itemKey(seance, item), field: CouncilRecords.Field.position, value: .integer(current[unmoved].position))])
            return
        }
        if let position = AgendaPosition.between(index > 0 ? others[index - 1].position : nil,
                                                 index < others.count ? others[index].position : nil) {
            try commit([.set(try itemKey(seance, item), field: CouncilRecords.Field.position, value: .integer(position)),
                        try nextRevision(of: convened)])
            return
        }
        others.insert(current.first { $0.item.id == item }!, at: index)
        try commit(try others.enumerated().map { offset, entry in
            .set(try itemKey(seance, entry.item.id), field: CouncilRecords.Field.position,
                 value: .integer(AgendaPosition.gap * Int64(offset + 1)))
        } + [try nextRevision(of: convened)])
    }

    /// Removes an item from the agenda (a new revision of the convocation).
    public func removeAgendaItem(seance: String, item: String) throws {
        let convened = try self.seance(seance)
        try convened.requireAgendaOpen()
        guard try agenda(of: seance).contains(where: { $0.item.id == item }) else {
            throw CouncilStoreError.unknownItem(seance: seance, item: item)
        }
        try commit([.delete(try itemKey(seance, item)), try nextRevision(of: convened)])
    }

    // MARK: - Convocation proof, answers, attendance

    /// This device acknowledges receipt of the convocation, once (later calls keep the first time).
    public func acknowledgeReceipt(seance: String, member: String) throws {
        try acknowledge(seance: seance, member: member, field: CouncilRecords.Field.receivedMs)
    }

    /// This device records that the member opened the convocation, once; implies receipt.
    public func acknowledgeReading(seance: String, member: String) throws {
        try acknowledge(seance: seance, member: member, field: CouncilRecords.Field.receivedMs)
        try acknowledge(seance: seance, member: member, field: CouncilRecords.Field.readMs)
    }

    /// A member's answer; naming a proxy is refused with the rule quoted (`Seance.respond`).
    public func respond(seance: String, member: String, _ response: Seance.Response, proxy: String? = nil) throws {
        var value = try self.seance(seance)
        try value.respond(member, response, proxy: proxy)
        try commitAnswer(seance: seance, member: member, response)
    }

    /// Writes `member`'s answer record for `seance` (whoever writes it: `CouncilWriteRules` says who may).
    private func commitAnswer(seance: String, member: String, _ response: Seance.Response) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.response, "\(seance):\(member)")
        try commit([.set(key, field: CouncilRecords.Field.seance, value: .text(seance)),
                    .set(key, field: CouncilRecords.Field.member, value: .text(member)),
                    .set(key, field: CouncilRecords.Field.response, value: .text(response.rawValue))])
    }

    /// The secretariat records the excuse `member` gave it (by phone, by letter) for `seance`:
    /// their answer becomes « excusé·e » (refused once attendance is closed). The record is the
    /// member's answer record, written from the secretariat's device; a later answer of the
    /// member's own replaces it.
    public func recordExcuse(seance: String, member: String) throws {
        var value = try self.seance(seance)
        try value.recordExcuse(member)
        try commitAnswer(seance: seance, member: member, .excused)
    }

    /// The secretariat records that `member` is present (refused once attendance is closed).
    public func markPresent(seance: String, member: String) throws {
        var value = try self.seance(seance)
        try value.markPresent(member)
        try commit([.add(try CouncilRecords.key(CouncilRecords.Kind.seance, seance), set: CouncilRecords.Field.present, element: .text(member))])
    }

    /// The secretariat withdraws a presence pointed by mistake (refused once attendance is closed):
    /// the removal carries the pointings this replica saw, so a pointing it never saw stands.
    public func unmarkPresent(seance: String, member: String) throws {
        var value = try self.seance(seance)
        try value.unmarkPresent(member)
        let key = try CouncilRecords.key(CouncilRecords.Kind.seance, seance)
        let seen = try store.observedTags(of: .text(member), in: CouncilRecords.Field.present, of: key, scope: CouncilRecords.scope)
        try commit([.remove(key, set: CouncilRecords.Field.present, element: .text(member), observed: seen)])
    }

    /// The secretariat closes attendance: from now on it counts for quorum and the absences rule.
    /// The closure freezes who was present (`closed_present`): a pointing or a withdrawal that
    /// another device made concurrently, merged after, no longer changes a closed sheet.
    public func closeAttendance(seance: String) throws {
        var value = try self.seance(seance)
        let key = try CouncilRecords.key(CouncilRecords.Kind.seance, seance)
        let closure = [Change.set(key, field: CouncilRecords.Field.attendanceClosed, value: .bool(true)),
                       .set(key, field: CouncilRecords.Field.closedPresent, value: .text(value.present.sorted().joined(separator: " ")))]
        try authorize(closure)
        guard !value.attendanceClosed else { return }
        value.closeAttendance()
        try commit(closure)
    }

    // MARK: - Helpers

    /// Checks the lease and the write rules, then commits `changes` as this device's next batch.
    func commit(_ changes: [Change]) throws {
        try link?.checkWrite()
        try authorize(changes)
        try store.commitLocal(changes, scope: CouncilRecords.scope)
    }

    /// Refuses, with the council's words, changes this device's member may not make now
    /// (`CouncilWriteRules`); without a device link there is no membership to check against.
    func authorize(_ changes: [Change]) throws {
        guard let link else { return }
        let membership = link.membership()
        let instant = Instant(unixSeconds: nowMs() / 1000)
        for change in changes {
            try CouncilWriteRules.check(change, device: store.devicePublicKey, membership: membership, at: instant)
        }
    }

    private func itemKey(_ seance: String, _ item: String) throws -> RecordKey {
        try CouncilRecords.key(CouncilRecords.Kind.agendaItem, "\(seance):\(item)")
    }

    /// Records `field` (receipt or reading) of the version of `seance` this replica holds, for
    /// this device at `atMs` (now by default), once per version (`CouncilRecords.acknowledgementID`).
    func acknowledge(seance: String, member: String, field: String, atMs: Int64? = nil) throws {
        let revision = try self.seance(seance).revision
        let device = String(store.devicePublicKey.bytes.hex.prefix(CouncilRecords.deviceIDHexDigits))
        let key = try CouncilRecords.key(CouncilRecords.Kind.acknowledgement,
                                         CouncilRecords.acknowledgementID(seance: seance, revision: revision, device: device))
        let existing = try acknowledgements(of: seance).first { $0.device.hasPrefix(device) && $0.revision == revision }
        if field == CouncilRecords.Field.receivedMs, existing?.receivedMs != nil { return }
        if field == CouncilRecords.Field.readMs, existing?.readMs != nil { return }
        try commit([.set(key, field: CouncilRecords.Field.seance, value: .text(seance)),
                    .set(key, field: CouncilRecords.Field.member, value: .text(member)),
                    .set(key, field: CouncilRecords.Field.device, value: .text(store.devicePublicKey.bytes.hex)),
                    .set(key, field: CouncilRecords.Field.revision, value: .integer(Int64(revision))),
                    .set(key, field: field, value: .integer(atMs ?? nowMs()))])
    }

    /// The séance `id` as the replica holds it; throws `CouncilStoreError.unknownSeance` (sync first) if absent.
    public func seance(_ id: String) throws -> Seance {
        guard let seance = try seances().first(where: { $0.id == id }) else { throw CouncilStoreError.unknownSeance(id) }
        return seance
    }
}

extension [UInt8] {
    /// Lowercase hex: how device keys appear in records and listings.
    public var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0f)]] }, as: UTF8.self)
    }
}
