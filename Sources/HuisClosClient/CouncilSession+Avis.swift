import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
import HuisClosL10n
import HuisClosPublication
import HuisClosSync
import HuisClosTrust

extension CouncilSession {
    /// Records the adoption of draft `id` at séance `seance` with its vote count, then syncs.
    /// `present`, when given, must match the séance's attendance sheet; the library refuses a
    /// séance not held, without quorum or before the referral answered, a count that does not add
    /// up, and a draft with conflicting paragraphs (`AvisDrafts.adopt`).
    public func adoptAvis(_ id: String, at seance: String, present: Int?, voting: Int, inFavour: Int, against: Int,
                          abstaining: Int) async throws {
        let held = try council.seance(seance)
        if let present, present != held.present.count {
            throw CouncilError(.countMismatch, Text(
                fr: "--presents \(present), mais la feuille de présence de la séance \(seance) en compte \(held.present.count) : vérifiez le décompte.",
                en: "--presents \(present), but the attendance of séance \(seance) records \(held.present.count): check the count."))
        }
        let vote = try PublishedText.Vote(seated: register.register.firstCircle(on: held.date).count, voting: voting,
                                          inFavour: inFavour, against: against, abstaining: abstaining)
        let drafts = AvisDrafts(store: device.store)
        // A synthesis states its consultation's counts as they stand at adoption: every
        // contribution the relay holds, and those tagged « retenue ».
        var tally: PublishedText.Tally?
        if let consultation = try drafts.draft(id).consultation {
            let (opened, unreadable) = try await contributions(consultation)
            tally = try Consultations(store: device.store).tally(consultation, received: opened.count + unreadable, at: instant.unixSeconds)
        }
        try drafts.adopt(id, at: held, register: register.register, vote: vote, tally: tally)
        _ = try await device.sync()
    }

    /// Publishes adopted text `id` in the public scope and syncs; returns the address the relay
    /// serves it at. Refused, with nothing written, to a device that may not publish and while the
    /// relay's public site does not publish (`requirePublishing`).
    public func publishAvis(_ id: String) async throws -> String {
        let drafts = AvisDrafts(store: device.store)
        _ = try drafts.adoptedText(id)
        try await requirePublishing()
        try drafts.publish(id)
        _ = try await device.sync()
        return "\(device.server)/public/textes/\(id).html"
    }
}
