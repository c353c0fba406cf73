import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosDossiers
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosPublication
import HuisClosStore
import HuisClosTestSupport
import HuisClosTimestamp
import HuisClosTrust
import HuisClosWire
import NIOHTTP1
import Testing

/// Issue 17, item 4: a séance's procès-verbal drafted from its records, edited paragraph by
/// paragraph (concurrent edits shown as a conflict), approved at a later séance with its vote,
/// signed by the president's device — a signature every device checks after sync — and time-stamped.
@Suite(.tags(.slow)) struct MinutesWorkflowTests {
    @Test func theDraftStatesTheSeanceItsAttendanceAgendaAndTheAvisAdoptedWithItsVote() async throws {
        try await MinutesFixture.with("minutes-draft") { fixture in
            let paragraphs = try await fixture.secretariat().draftMinutes("s1")
            #expect(paragraphs.first?.contains("Bobigny, salle du conseil") == true && paragraphs.first?.contains("de 14 h à 17 h") == true,
                    "\(paragraphs)")
            #expect(paragraphs.contains { $0.contains("Présents (2) : Alice Martin, Karim Benali.") && $0.contains("Quorum atteint") })
            #expect(paragraphs.contains("Ordre du jour : 1. Budget 2027."))
            #expect(paragraphs.contains { $0.hasPrefix("Point 1 — Budget 2027.") })
            #expect(paragraphs.contains("Avis « Avis sur le budget » (avis-1) adopté : 2 votants, 2 pour, 0 contre, 0 abstention(s)."))
            await #expect(throws: MinutesError(.alreadyDrafted)) { try await fixture.secretariat().draftMinutes("s1") }

            // Every device of the council scope reads the same draft after sync; s2 is not drafted.
            try await fixture.syncAll()
            let onKarim = try await fixture.session(fixture.karim).minutesView("s1")
            #expect(onKarim.record.paragraphs.map(\.versions) == paragraphs.map { [$0] } && onKarim.standing == .draft)
            await #expect(throws: MinutesError(.notFound)) { try await fixture.session(fixture.karim).minutesView("s2") }
        }
    }

    @Test func concurrentEditsShowAConflictThatBlocksApprovalUntilRewritten() async throws {
        try await MinutesFixture.with("minutes-conflict") { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.syncAll()
            // The secretariat and the president edit paragraph 4 without seeing each other's edit.
            try await fixture.secretariat().writeMinutesParagraph("Point 1 — Budget 2027. Le rapporteur présente le budget.", number: 4, of: "s1")
            try await fixture.session(fixture.president).writeMinutesParagraph("Point 1 — Budget 2027. La présidente ouvre le débat.", number: 4, of: "s1")
            try await fixture.syncAll()
            let view = try await fixture.secretariat().minutesView("s1")
            #expect(view.record.conflicts.map(\.id) == ["4"] && view.record.conflicts.first?.versions.count == 2)
            let conflict = await #expect(throws: MinutesError.self) {
                try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            }
            #expect(conflict?.code == .conflict)
            #expect(try await fixture.secretariat().minutesView("s1").record.status == .draft, "nothing recorded")
            // Rewritten having seen both: approval goes through.
            try await fixture.secretariat().writeMinutesParagraph("Point 1 — Budget 2027. Débat ouvert par la présidente.", number: 4, of: "s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            #expect(try await fixture.secretariat().minutesView("s1").record.approval?.vote == Minutes.Vote(present: 2, inFavour: 2, against: 0, abstaining: 0))
        }
    }

    @Test func approvalAtTheSeanceItselfOrEarlierOrWithMoreVotesThanPresentIsRefused() async throws {
        try await MinutesFixture.with("minutes-approval") { fixture in
            let secretariat = try await fixture.secretariat()
            _ = try secretariat.draftMinutes("s1")
            _ = try secretariat.draftMinutes("s2")
            let atItself = await #expect(throws: MinutesError.self) { try await secretariat.approveMinutes("s1", at: "s1", inFavour: 2, against: 0, abstaining: 0) }
            #expect(atItself?.code == .approvalTooEarly)
            let atEarlier = await #expect(throws: MinutesError.self) { try await secretariat.approveMinutes("s2", at: "s1", inFavour: 2, against: 0, abstaining: 0) }
            #expect(atEarlier?.code == .approvalTooEarly)
            let tooManyVotes = await #expect(throws: MinutesError.self) { try await secretariat.approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 1) }
            #expect(tooManyVotes?.code == .votesExceedPresent)
            #expect(try await secretariat.minutesView("s1").record.status == .draft)
            try await secretariat.approveMinutes("s1", at: "s2", inFavour: 1, against: 0, abstaining: 1)
            #expect(try await secretariat.minutesView("s1").record.approval?.seance == "s2")
            // Approved: the text no longer changes.
            #expect(throws: MinutesError(.approved)) { try secretariat.writeMinutesParagraph("Autre texte.", number: 1, of: "s1") }
        }
    }

    @Test func approvalAtASeanceHeldWithoutQuorumIsRefusedAndNothingIsRecorded() async throws {
        try await MinutesFixture.with("minutes-quorum") { fixture in
            // A third member joins; s3 is held with Karim alone: 1 present of 3 in office, 2 required.
            _ = try await fixture.council.enrol("lea")
            var secretariat = try await fixture.secretariat()
            _ = try secretariat.draftMinutes("s1")
            _ = try await secretariat.convene("s3", on: try #require(Day(unixSeconds: secretariat.today.unixSeconds + 86_400)), from: nil, to: nil,
                                              place: "Bobigny", urgent: true)
            fixture.council.clock.advance(seconds: 2 * 86_400)
            secretariat = try await fixture.secretariat()
            try secretariat.markPresent([fixture.karim.member.hex], at: "s3")
            let quorum = try secretariat.closeAttendance(of: "s3")
            #expect(quorum.inOffice == 3 && quorum.present == 1 && !quorum.isReached)
            let refused = await #expect(throws: CouncilError.self) { try await secretariat.approveMinutes("s1", at: "s3", inFavour: 1, against: 0, abstaining: 0) }
            #expect(refused?.code == .quorumNotReached)
            #expect(refused?.text.french.contains("sans quorum (1 présent(s) sur 3 en fonction, 2 requis)") == true, "\(String(describing: refused))")
            #expect(refused?.text.french.contains("huisclos pv approuver s1 --seance") == true, "\(String(describing: refused))")
            #expect(refused?.text.english.contains("without quorum (1 present of 3 in office, 2 required)") == true, "\(String(describing: refused))")
            let view = try await secretariat.minutesView("s1")
            #expect(view.record.status == .draft && view.record.approval == nil, "nothing recorded")
            // The same minutes are approved at s2, held with its quorum.
            try await secretariat.approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            #expect(try await secretariat.minutesView("s1").record.approval?.seance == "s2")
        }
    }

    @Test func thePresidentsSignatureIsCheckedByAnotherDeviceAfterSyncAndAForgedOrMissingOneIsRefused() async throws {
        try await MinutesFixture.with("minutes-signature") { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            // Approved, not signed yet: not to be relied on, on any device.
            #expect(try await fixture.session(fixture.karim).minutesView("s1").standing == .refused(.unsigned))
            // Only the president signs: the secretariat's device is refused by the write rule.
            await #expect(throws: (any Error).self) { _ = try await fixture.secretariat().signMinutes("s1") }

            #expect(try await fixture.session(fixture.president).signMinutes("s1") == false, "no authority configured: not stamped")
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.karim).minutesView("s1").standing == .signed(member: fixture.president.member.hex))
            #expect(try await fixture.secretariat().minutesView("s1").standing == .signed(member: fixture.president.member.hex))

            // A tampered president's client writes a signature over another text; then one naming
            // Karim's device as the signer: both refused by every other device after sync.
            let presidentStore = Minutes(store: fixture.president.store)
            try presidentStore.recordSignature(of: "s1", signer: fixture.president.certificate.signingKey.bytes,
                                               signature: await fixture.president.signStatement("HuisClos minutes approval v2\nseance: s1\n"))
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.karim).minutesView("s1").standing == .refused(.forgedSignature))
            let statement = try #require(try await fixture.session(fixture.president).minutesView("s1").record
                .approvalStatement(council: fixture.president.membership.root.publicKey.bytes.hex,
                                   heldOn: try await fixture.session(fixture.president).council.seance("s1").date))
            try presidentStore.recordSignature(of: "s1", signer: fixture.karim.certificate.signingKey.bytes,
                                               signature: await fixture.karim.signStatement(statement))
            try await fixture.syncAll()
            #expect(try await fixture.secretariat().minutesView("s1").standing == .refused(.forgedSignature), "Karim is not the president")
        }
    }

    @Test func anEditMadeAfterApprovalIsRefusedAndAConcurrentOneVoidsTheSignature() async throws {
        try await MinutesFixture.with("minutes-edit") { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.syncAll()
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            // The president's device, not synced since the approval, edits paragraph 2.
            try await fixture.session(fixture.president).writeMinutesParagraph("Présents : tous.", number: 2, of: "s1")
            try await fixture.syncAll()
            await #expect(throws: MinutesError(.approved)) { try await fixture.session(fixture.president).writeMinutesParagraph("x", number: 2, of: "s1") }
            #expect(try await fixture.session(fixture.karim).minutesView("s1").standing == .refused(.changedAfterApproval))
            await #expect(throws: MinutesError(.changedAfterApproval)) { _ = try await fixture.session(fixture.president).signMinutes("s1") }
        }
    }

    /// The attacker's review of this stop: a « draft » status written over approved minutes (a
    /// stolen office device, or a second device's draft merged late) made them read as a draft,
    /// their approval gone.
    @Test func aDraftStatusWrittenOverApprovedMinutesLeavesThemApproved() async throws {
        try await MinutesFixture.with("minutes-status") { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.syncAll()
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            _ = try await fixture.president.commit([.set(try RecordKey(kind: DossierRecords.Kind.minutes, id: "s1"), field: "status", value: .text("draft"))],
                                                   scope: .council)
            try await fixture.syncAll()
            let record = try Minutes(store: fixture.karim.store).minutes("s1")
            #expect(record.status == .approved && record.approval?.seance == "s2", "\(record)")
        }
    }

    @Test func onlyApprovedAndSignedMinutesArePublishedByThePresidentOrSecretariatAndTheSiteServesThem() async throws {
        try await MinutesFixture.with("minutes-publish") { fixture in
            let server = fixture.council.server
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().writeMinutesParagraph("Point 1 — Budget 2027. Le rapporteur présente le budget < 3 % & voté.", number: 4, of: "s1")
            await #expect(throws: MinutesError(.notApproved)) { _ = try await fixture.secretariat().publishMinutes("s1") }
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            await #expect(throws: MinutesError(.unsigned)) { _ = try await fixture.secretariat().publishMinutes("s1") }
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.president).signMinutes("s1") == false)
            try await fixture.syncAll()
            // A member who is neither president nor secretariat does not publish.
            let byAMember = await #expect(throws: CouncilError.self) { _ = try await fixture.session(fixture.karim).publishMinutes("s1") }
            #expect(byAMember?.code == .roleRequired)
            #expect(try await RawRequest.send(server.url, .GET, "/public/proces-verbaux/s1.html", version: nil).status == 404)

            let address = try await fixture.secretariat().publishMinutes("s1")
            #expect(address == "\(server.url)/public/proces-verbaux/s1.html")
            let page = try await RawRequest.send(server.url, .GET, "/public/proces-verbaux/s1.html", version: nil)
            let html = String(decoding: page.body, as: UTF8.self)
            let day = try await fixture.secretariat().council.seance("s1").date
            #expect(page.status == 200 && html.hasPrefix("<!DOCTYPE html>"), "\(html)")
            #expect(html.contains("<h1>Procès-verbal de la séance du \(day.frenchInFull)</h1>"), "\(html)")
            #expect(html.contains("<p>Point 1 — Budget 2027. Le rapporteur présente le budget &lt; 3 % &amp; voté.</p>"), "\(html)")
            #expect(html.contains("Approuvé à la séance s2 du") && html.contains("2 présents, 2 pour, 0 contre, 0 abstention(s)."), "\(html)")
            let approval = try #require(try await fixture.secretariat().minutesView("s1").record.approval)
            #expect(html.contains("Empreinte SHA-256 du texte approuvé : \(approval.textHash)."), "\(html)")
            // The relay checked the president's signature itself and says so, with what a visitor needs to check it again.
            let record = try await fixture.secretariat().minutesView("s1").record
            let signature = try #require(record.publishedSignature)
            #expect(html.contains("appareil de la présidence du conseil (clé Ed25519 \(Hex.encode(fixture.president.certificate.signingKey.bytes)))")
                    && html.contains("le site public a vérifié lui-même cette signature")
                    && html.contains("Signature (base64) : \(Data(signature.signature).base64EncodedString())."), "\(html)")
            // A device that may write the public scope replaces them with another vote under the same signature:
            // the relay does not serve the forgery, the signed minutes stay.
            let membership = await fixture.president.membership
            let published = try record.publishable(heldOn: day, council: membership.root.publicKey.bytes.hex, membership: membership,
                                                   now: try await fixture.secretariat().instant)
            let forged = try PublishedMinutes(seance: "s1", day: day, approval: .init(seance: "s2", day: published.approval.day, present: 2, inFavour: 1, against: 1,
                                                                                       abstaining: 0),
                                              paragraphs: published.paragraphs, textSHA256: published.textSHA256, signature: signature)
            try fixture.council.secretariat.device.store.commitLocal([try PublicCatalog.publishMinutesChange(forged)], scope: .public)
            try await fixture.syncAll()
            let after = String(decoding: try await RawRequest.send(server.url, .GET, "/public/proces-verbaux/s1.html", version: nil).body, as: UTF8.self)
            #expect(after.contains("2 présents, 2 pour, 0 contre, 0 abstention(s).") && after.contains("le site public a vérifié lui-même"), "\(after)")
            // … or the same minutes under another séance day: the day is in the signed statement, so
            // the relay does not serve that either (the v1 statement left it out).
            let otherDay = day.adding(months: -1)
            let redated = try PublishedMinutes(seance: "s1", day: otherDay, approval: published.approval, paragraphs: published.paragraphs,
                                               textSHA256: published.textSHA256, signature: signature)
            try fixture.council.secretariat.device.store.commitLocal([try PublicCatalog.publishMinutesChange(redated)], scope: .public)
            try await fixture.syncAll()
            let redatedPage = String(decoding: try await RawRequest.send(server.url, .GET, "/public/proces-verbaux/s1.html", version: nil).body,
                                     as: UTF8.self)
            #expect(redatedPage.contains("séance du \(day.frenchInFull)") && !redatedPage.contains(otherDay.frenchInFull)
                    && redatedPage.contains("le site public a vérifié lui-même"), "\(redatedPage)")
            let index = String(decoding: try await RawRequest.send(server.url, .GET, "/public/", version: nil).body, as: UTF8.self)
            #expect(index.contains("<a href=\"proces-verbaux/s1.html\">Procès-verbal de la séance du \(day.frenchInFull)</a>"), "\(index)")
            // Minutes are not deliberations: the SCDL open data holds the avis, not the minutes.
            _ = try await fixture.secretariat().publishAvis("avis-1")
            let csv = String(decoding: try await RawRequest.send(server.url, .GET, "/public/deliberations.csv", version: nil).body, as: UTF8.self)
            #expect(csv.contains(",avis-1,") && !csv.contains("Procès-verbal") && !csv.contains("rapporteur"), "\(csv)")
        }
    }

    /// The attacker's review (MEDIUM): a stolen or modified secretariat device may write the public
    /// scope; minutes it forges (any text, vote and day) must not be shown as signed by the president.
    @Test func minutesForgedByADeviceThatMayWriteThePublicScopeAreNotClaimedSigned() async throws {
        try await MinutesFixture.with("minutes-forged") { fixture in
            let (status, html) = try await fixture.publishedBySecretariat(try await fixture.inventedMinutes())
            #expect(status == 200 && html.contains("Texte inventé"), "\(html)")
            #expect(!html.contains("appareil de la présidence du conseil") && !html.contains("signature vérifiée"), "\(html)")
            #expect(html.contains("Signature de la présidence non vérifiée par le site public"), "\(html)")
        }
    }

    /// The attacker's review (HIGH): the signing time is the signing device's own statement. A
    /// president whose mandate has ended (her device still certified) signs a forged approval dated
    /// back to her presidency, and a device that may write the public scope publishes it: the relay
    /// judges the signature when it receives the publication, so it is not served as signed (shown
    /// as not verified, as unsigned minutes are: what any device that may write `public` can do).
    @Test func minutesSignedByAFormerPresidentAndDatedBackToHerPresidencyAreNotServedAsSigned() async throws {
        try await MinutesFixture.with("minutes-backdated") { fixture in
            let duringPresidency = try await fixture.secretariat().instant
            fixture.council.clock.advance(seconds: 86_400)
            try await fixture.council.secretariat.device.sign(.endMandate(member: fixture.president.member, reason: .term))
            try await fixture.syncAll()
            fixture.council.clock.advance(seconds: 86_400)

            let root = Hex.encode(await fixture.president.membership.root.publicKey.bytes)
            let backdated = try await fixture.inventedMinutes { minutes in
                MinutesSignature(signer: fixture.president.certificate.signingKey.bytes,
                                 signature: await fixture.president.signStatement(minutes.approvalStatement(council: root)),
                                 signedAtMs: UInt64(duringPresidency.unixSeconds) * 1_000, token: nil)
            }
            let (status, html) = try await fixture.publishedBySecretariat(backdated)
            #expect(status == 200 && !html.contains("le site public a vérifié lui-même")
                    && html.contains("Signature de la présidence non vérifiée par le site public"), "\(html)")
        }
    }

    /// Minutes signed under the v1 statement (before it named the séance's day), as a relay
    /// upgraded from then holds them: the public site still serves them, as not verified (the
    /// attacker's review: they vanished from it), and a device says they were signed in an earlier
    /// format and names the way out, rather than calling the signature forged.
    @Test func minutesSignedUnderTheFirstStatementAreShownAsNotVerifiedAndToBeSignedAgain() async throws {
        try await MinutesFixture.with("minutes-v1") { fixture in
            let root = Hex.encode(await fixture.president.membership.root.publicKey.bytes)
            let signedAt = UInt64(try await fixture.secretariat().instant.unixSeconds) * 1_000
            let v1 = try await fixture.inventedMinutes { minutes in
                MinutesSignature(signer: fixture.president.certificate.signingKey.bytes,
                                 signature: await fixture.president.signStatement(minutes.firstApprovalStatement(council: root)),
                                 signedAtMs: signedAt, token: nil)
            }
            let (status, html) = try await fixture.publishedBySecretariat(v1)
            #expect(status == 200 && html.contains("Texte inventé") && html.contains("Signature de la présidence non vérifiée par le site public"),
                    "\(status) \(html)")

            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            let record = try await fixture.session(fixture.president).minutesView("s1").record
            let approval = try #require(record.approval)
            let statement = PublishedMinutes.firstApprovalStatement(council: root, seance: "s1", approval: approval.published, textSHA256: approval.textHash)
            try Minutes(store: fixture.president.store).recordSignature(of: "s1", signer: fixture.president.certificate.signingKey.bytes,
                                                                        signature: await fixture.president.signStatement(statement))
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.karim).minutesView("s1").standing == .refused(.signedInAnEarlierFormat))
            let refused = await #expect(throws: MinutesError(.signedInAnEarlierFormat)) { _ = try await fixture.secretariat().publishMinutes("s1") }
            #expect(refused?.text.french.contains("huisclos pv signer") == true, "\(String(describing: refused))")
        }
    }

    /// Genuine minutes signed by a president whose mandate has ended since: the public site would
    /// refuse the signature when the publication arrives, so the publishing device refuses first,
    /// naming the way out (the current president signs again), with nothing written.
    @Test func publishingMinutesSignedByAPresidentWhoseMandateHasEndedIsRefusedWithTheWayOut() async throws {
        try await MinutesFixture.with("minutes-late") { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.president).signMinutes("s1") == false)
            try await fixture.syncAll()
            fixture.council.clock.advance(seconds: 86_400)
            try await fixture.council.secretariat.device.sign(.endMandate(member: fixture.president.member, reason: .term))
            try await fixture.syncAll()
            fixture.council.clock.advance(seconds: 60)

            let refused = await #expect(throws: MinutesError(.signerNoLongerPresident)) { _ = try await fixture.secretariat().publishMinutes("s1") }
            #expect(refused?.text.french.contains("huisclos pv signer") == true, "\(String(describing: refused))")
            #expect(try fixture.council.secretariat.device.store.pendingBatches(scope: .public, after: 0).isEmpty, "nothing written")
            let page = try await RawRequest.send(fixture.council.server.url, .GET, "/public/proces-verbaux/s1.html", version: nil)
            #expect(page.status == 404)
        }
    }

    @Test func publishingMinutesIsRefusedWithNothingWrittenWhileTheRelaysPublicSiteDoesNotPublish() async throws {
        try await MinutesFixture.with("minutes-publish-unconfigured", publicSite: nil) { fixture in
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            _ = try await fixture.session(fixture.president).signMinutes("s1")
            try await fixture.syncAll()
            let refused = await #expect(throws: DossierError.self) { _ = try await fixture.secretariat().publishMinutes("s1") }
            #expect(refused?.code == .wrongState && refused?.text.french.contains("public-site.json") == true
                    && refused?.text.english.contains("nothing was published") == true, "\(String(describing: refused))")
            #expect(try fixture.council.secretariat.device.store.outbox().allSatisfy { $0.scope != .public }, "nothing written to the public scope")
        }
    }

    @Test func theSignedMinutesAreTimeStampedAndTheTokenVerifiesOffline() async throws {
        try await ClientCouncil.withTimestamping("minutes-tsa") { council, _, _ in
            let fixture = try await MinutesFixture.start(council)
            _ = try await fixture.secretariat().draftMinutes("s1")
            try await fixture.secretariat().approveMinutes("s1", at: "s2", inFavour: 2, against: 0, abstaining: 0)
            try await fixture.syncAll()
            #expect(try await fixture.session(fixture.president).signMinutes("s1"), "the council has an authority: stamped")
            try await fixture.syncAll()
            let view = try await fixture.session(fixture.karim).minutesView("s1")
            guard case let .success(info)? = view.stamp else { Issue.record("\(String(describing: view.stamp))"); return }
            #expect(abs(info.genTime.timeIntervalSinceNow) < 3600, "the authority's own clock")
            #expect(view.attestation { _ in "" }.last?.french.hasPrefix("Horodaté par l'autorité d'horodatage du conseil") == true)

            // The export carries the text and what this device verified.
            let markdown = try await fixture.session(fixture.karim).minutesDocument("s1").rendered(.md)
            #expect(markdown.contains("Signé par l'appareil de la présidence (Alice Martin)") && markdown.contains("jeton vérifié"))
            let html = try await fixture.session(fixture.karim).minutesDocument("s1").rendered(.html)
            #expect(html.contains("<html lang=\"fr\">") && html.contains("Avis « Avis sur le budget »"))

            // A token over another text (the signature changed) no longer verifies.
            try Minutes(store: fixture.president.store).recordSignature(
                of: "s1", signer: fixture.president.certificate.signingKey.bytes, signature: await fixture.president.signStatement("autre"))
            try await fixture.syncAll()
            let altered = try await fixture.session(fixture.karim).minutesView("s1")
            #expect(altered.standing == .refused(.forgedSignature))
            guard case let .failure(error)? = altered.stamp else { Issue.record("\(String(describing: altered.stamp))"); return }
            #expect(error.qualifiedCode == "timestamp.otherHash", "\(error)")
        }
    }
}
