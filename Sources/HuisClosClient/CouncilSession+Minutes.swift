import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
public import HuisClosDossiers
public import HuisClosL10n
public import HuisClosPublication
public import HuisClosTimestamp
import HuisClosTrust

/// A procès-verbal as this device sees it: its record, how its approval and signature stand, and
/// its time-stamp checked offline against the council's authority (nil when none is kept).
public struct MinutesView: Sendable {
    public let record: Minutes.Record
    public let standing: Minutes.Standing
    public let stamp: Result<TimestampInfo, TimestampError>?
}

extension CouncilSession {
    /// Drafts the procès-verbal of held séance `seance` from its records (`Minutes.draft`); it
    /// leaves at the next sync. Returns the paragraphs written.
    public func draftMinutes(_ seance: String) throws -> [String] {
        try Minutes(store: device.store).draft(try council.seance(seance), register: register.register)
    }

    /// Writes paragraph `number` of `seance`'s PV over the versions this device has seen.
    public func writeMinutesParagraph(_ text: String, number: Int, of seance: String) throws {
        try Minutes(store: device.store).write(text, paragraph: number, of: seance)
    }

    /// Records the approval of `seance`'s PV at the later séance `approving`, held with its quorum, with its vote, then syncs.
    public func approveMinutes(_ seance: String, at approving: String, inFavour: Int, against: Int, abstaining: Int) async throws {
        let held = try council.seance(approving)
        try Minutes(store: device.store).approve(try council.seance(seance), at: held, register: register.register,
                                                 vote: Minutes.Vote(present: held.present.count, inFavour: inFavour, against: against, abstaining: abstaining))
        _ = try await device.sync()
    }

    /// The president's device signs the approved PV of `seance` (its approval statement), syncs, and
    /// when the council has a time-stamping authority time-stamps it (`stampMinutes`). Refused
    /// before approval and for a text changed since. Returns whether it was time-stamped.
    public func signMinutes(_ seance: String) async throws -> Bool {
        let minutes = Minutes(store: device.store)
        let record = try minutes.minutes(seance)
        let root = await councilRootHex()
        let day = try council.seance(seance).date
        guard let statement = record.approvalStatement(council: root, heldOn: day) else { throw MinutesError(.notApproved) }
        if case .refused(.changedAfterApproval) = record.standing(council: root, heldOn: day, membership: await device.membership) {
            throw MinutesError(.changedAfterApproval)
        }
        try minutes.recordSignature(of: seance, signer: device.certificate.signingKey.bytes, signature: await device.signStatement(statement))
        _ = try await device.sync()
        guard try council.timestampAuthority() != nil else { return false }
        try await stampMinutes(seance)
        return true
    }

    /// Time-stamps the signed PV of `seance` through the council's authority (president or
    /// secretariat), verified before it is kept, then syncs.
    public func stampMinutes(_ seance: String) async throws {
        let minutes = Minutes(store: device.store)
        guard let text = try minutes.minutes(seance).stampedText(council: await councilRootHex(), heldOn: try council.seance(seance).date) else {
            throw MinutesError(.unsigned)
        }
        let (authority, verifier) = try timestampAuthority()
        try minutes.recordTimestamp(of: seance, token: try await stamp(text, authority: authority, verifier: verifier))
        _ = try await device.sync()
    }

    /// Publishes `seance`'s PV on the relay's public site and syncs; returns the address the relay
    /// serves it at. Only minutes this device holds approved and signed (`Minutes.Record.publishable`),
    /// by the president or the secretariat, once the site publishes (`requirePublishing`); refused
    /// otherwise with nothing written.
    public func publishMinutes(_ seance: String) async throws -> String {
        let minutes = Minutes(store: device.store)
        let published = try minutes.minutes(seance).publishable(heldOn: try council.seance(seance).date, council: await councilRootHex(),
                                                                membership: await device.membership, now: instant)
        try await requirePublishing()
        try minutes.publish(published)
        _ = try await device.sync()
        return "\(device.server)/public/\(PublicSite.minutesFolder)/\(seance).html"
    }

    /// `seance`'s PV as this device sees it: its standing and its time-stamp verified offline.
    public func minutesView(_ seance: String) async throws -> MinutesView {
        let record = try Minutes(store: device.store).minutes(seance)
        let root = await councilRootHex()
        let day = try council.seance(seance).date
        var stamp: Result<TimestampInfo, TimestampError>?
        if let token = record.token {
            // A token synced before the authority's record (or without it) is not believed, not an error.
            let verifier = try council.timestampAuthority() == nil ? nil : try timestampAuthority().verifier
            let text = record.stampedText(council: root, heldOn: day)
            do throws(TimestampError) {
                guard let verifier else { throw TimestampError(.notConfigured, TimestampError.Code.notConfigured.text) }
                guard let text else { throw TimestampError(.noRecord, TimestampError.Code.noRecord.text) }
                stamp = .success(try await Self.verify(token, over: text, with: verifier))
            } catch {
                stamp = .failure(error)
            }
        }
        return MinutesView(record: record, standing: record.standing(council: root, heldOn: day, membership: await device.membership), stamp: stamp)
    }
}

extension MinutesView {
    /// What this device verified, one line each: the approval and its vote, the approved text's
    /// hash, the president's signature, the time-stamp. `name` gives a member's name from its hex id.
    public func attestation(name: (String) -> String) -> [Text] {
        guard let approval = record.approval else {
            return [Text(fr: "Projet de procès-verbal : non approuvé.", en: "Draft minutes: not approved.")]
        }
        var lines = [MinutesDocument.approvalLine(approval.published), MinutesDocument.hashLine(approval.textHash)]
        switch standing {
        case .draft: break
        case let .signed(member):
            lines.append(Text(fr: "Signé par l'appareil de la présidence (\(name(member))) : signature vérifiée par cet appareil.",
                              en: "Signed by the president's device (\(name(member))): signature verified by this device."))
        case let .refused(code):
            lines.append(Text(fr: "Signature refusée (\(code.qualified)) : \(code.text.french)", en: "Signature refused (\(code.qualified)): \(code.text.english)"))
        }
        switch stamp {
        case nil:
            lines.append(Text(fr: "Non horodaté.", en: "Not time-stamped."))
        case let .success(info)?:
            let time = ISO8601DateFormatter().string(from: info.genTime)
            lines.append(Text(fr: "Horodaté par l'autorité d'horodatage du conseil le \(time) (RFC 3161) : jeton vérifié par cet appareil.",
                              en: "Time-stamped by the council's authority at \(time) (RFC 3161): token verified by this device."))
        case let .failure(error)?:
            lines.append(Text(fr: "Horodatage refusé (\(error.qualifiedCode)) : \(error.text.french)", en: "Time-stamp refused (\(error.qualifiedCode)): \(error.text.english)"))
        }
        return lines
    }
}

extension CouncilSession {
    /// `seance`'s PV as a document to export, with this device's attestation (French).
    public func minutesDocument(_ seance: String) async throws -> MinutesDocument {
        let view = try await minutesView(seance)
        return MinutesDocument(councilName: await device.membership.councilName, seance: seance, day: try council.seance(seance).date,
                               paragraphs: view.record.paragraphs.map { $0.versions.joined(separator: "\n\n") },
                               attestation: view.attestation(name: name).map(\.french))
    }
}
