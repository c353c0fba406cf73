public import HuisClosCouncil
import HuisClosProtocol
public import HuisClosPublication
import HuisClosStore
public import HuisClosTrust

/// Publishing a procès-verbal on the public site (`huisclos pv publier`): only approved minutes
/// whose signature stands, their text as approved with that signature (which the public site
/// checks again against the membership log), in the public scope's own record kind.
extension Minutes.Record {
    /// The minutes as the public site shows them, the séance held on `day`, published at `now`.
    /// Refused unless this device holds them approved and signed (`standing` is `.signed` for
    /// `membership`): a draft is `minutes.notApproved`, any other standing its own refusal; and
    /// unless the signing device is still the president's at `now`, the rule the public site judges
    /// the publication by when it arrives (`minutes.signerNoLongerPresident`).
    public func publishable(heldOn day: Day, council: String, membership: MembershipState, now: Instant) throws -> PublishedMinutes {
        switch standing(council: council, heldOn: day, membership: membership) {
        case .draft: throw MinutesError(.notApproved)
        case let .refused(code): throw MinutesError(code)
        case .signed: break
        }
        if let statement = approvalStatement(council: council, heldOn: day), let signature = publishedSignature,
           signature.signingMember(of: statement, membership: membership, receivedAt: now) == nil {
            throw MinutesError(.signerNoLongerPresident)
        }
        guard let approval else { throw MinutesError(.notApproved) }
        return try PublishedMinutes(seance: seance, day: day, approval: approval.published,
                                    paragraphs: paragraphs.compactMap(\.versions.first), textSHA256: approval.textHash,
                                    signature: publishedSignature)
    }
}

extension Minutes {
    /// Commits `published` to the public scope (plain bodies, served by the relay once synced).
    public func publish(_ published: PublishedMinutes) throws {
        try store.commitLocal([try PublicCatalog.publishMinutesChange(published)], scope: .public)
    }
}

extension Minutes.Approval {
    /// The approval as published: the approving séance, its day and its vote.
    public var published: PublishedMinutes.Approval {
        PublishedMinutes.Approval(seance: seance, day: day, present: vote.present, inFavour: vote.inFavour, against: vote.against,
                                  abstaining: vote.abstaining)
    }
}
