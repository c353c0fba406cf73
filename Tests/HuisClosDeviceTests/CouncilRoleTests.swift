import Foundation
import GRDB
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Who may write which council record (`CouncilWriteRules`): refused with the rule's words before
/// anything is written, and refused again on every replica when a tampered client sends it anyway.
@Suite(.tags(.slow)) struct CouncilRoleTests {
    /// A council with a president, two members and a séance everyone has synced.
    static func council(on server: TestServer) async throws -> (CouncilHarness, president: Device, alice: Device, bob: Device) {
        let council = try await CouncilHarness.start(on: server)
        let president = try await council.enrolMember("presidente", role: .president)
        let alice = try await council.enrolMember("alice")
        let bob = try await council.enrolMember("bob")
        try president.council.convene(seance: "s1", date: try #require(Day(iso: "2026-03-12")), place: "Bobigny")
        try president.council.addAgendaItem(seance: "s1", item: "budget", title: "Budget du numérique")
        _ = try await president.sync()
        for device in [council.secretariat, alice, bob] { _ = try await device.sync() }
        return (council, president, alice, bob)
    }

    /// Expects `body` to be refused with the role rule whose French text contains `words`.
    static func refused(_ words: String, _ body: () throws -> Void) {
        let error = #expect(throws: CouncilError.self) { try body() }
        #expect(error?.code == .roleRequired || error?.code == .notProposedByPresident)
        #expect(error?.text.french.contains(words) == true, "\(String(describing: error))")
    }

    @Test func onlyThePresidentOrTheSecretariatEditTheAgendaAndOnlyTheSecretariatKeepsAttendance() async throws {
        try await TestServer.with("roles-agenda") { server in
            let (council, president, alice, _) = try await Self.council(on: server)
            defer { council.remove() }
            Self.refused("présidence ou le secrétariat") { try alice.council.addAgendaItem(seance: "s1", item: "divers", title: "Divers") }
            Self.refused("présidence ou le secrétariat") { try alice.council.moveAgendaItem(seance: "s1", item: "budget", to: 1) }
            Self.refused("présidence ou le secrétariat") { try alice.council.removeAgendaItem(seance: "s1", item: "budget") }
            Self.refused("La présidence convoque") { try alice.council.convene(seance: "s9", date: Day(iso: "2026-04-01")!, place: "Ailleurs") }
            // Issue 17 review B9: the refusal names the action refused.
            Self.refused("La présidence annule les séances") { try alice.council.cancel(seance: "s1") }
            Self.refused("fixe le délai de convocation") { try alice.council.setConvocationDelay(ConvocationDelay(clearDays: 3)) }
            Self.refused("décide de joindre l'invitation") { try alice.council.setInvitationAttached(true) }
            Self.refused("Le secrétariat tient la feuille de présence") { try alice.council.markPresent(seance: "s1", member: alice.member.hex) }
            Self.refused("Le secrétariat tient la feuille de présence") { try president.council.closeAttendance(seance: "s1") }
            Self.refused("Seule la présidence propose") { try alice.council.proposeVicePresident(member: alice.member.hex, on: Day(iso: "2026-03-01")!) }
            #expect(try alice.store.outbox().isEmpty)
            #expect(try president.store.outbox().isEmpty)

            // Their rightful authors go through.
            try council.secretariat.council.addAgendaItem(seance: "s1", item: "divers", title: "Questions diverses")
            try president.council.moveAgendaItem(seance: "s1", item: "budget", to: 1)
            try council.secretariat.council.markPresent(seance: "s1", member: alice.member.hex)
            try council.secretariat.council.closeAttendance(seance: "s1")
            #expect(try council.secretariat.council.seance("s1").attendanceClosed)
        }
    }

    @Test func aMemberInOfficeAnswersOnlyForThemselvesFromTheirOwnDevice() async throws {
        try await TestServer.with("roles-rsvp") { server in
            let (council, _, alice, bob) = try await Self.council(on: server)
            defer { council.remove() }
            Self.refused("Chaque membre répond pour lui-même") { try alice.council.respond(seance: "s1", member: bob.member.hex, .excused) }
            Self.refused("membre du premier cercle en fonction") {
                try council.secretariat.council.respond(seance: "s1", member: council.secretariat.member.hex, .willAttend)
            }
            #expect(try alice.store.outbox().isEmpty)
            try alice.council.respond(seance: "s1", member: alice.member.hex, .willAttend)
            #expect(try alice.council.seance("s1").responses[alice.member.hex] == .willAttend)
        }
    }

    /// The acceptance run: a member who telephoned an excuse could not be recorded excused (the
    /// answer was the member's own). The secretariat records an excuse, shown as its record, and
    /// nothing else: no « viendra », no one outside the first circle in office.
    @Test func theSecretariatRecordsAnExcuseReceivedByPhoneAndNothingElse() async throws {
        try await TestServer.with("roles-excuse") { server in
            let (council, president, alice, bob) = try await Self.council(on: server)
            defer { council.remove() }
            let secretariat = council.secretariat
            Self.refused("n'enregistre qu'une excuse") { try secretariat.council.respond(seance: "s1", member: alice.member.hex, .willAttend) }
            Self.refused("n'enregistre qu'une excuse") { try secretariat.council.recordExcuse(seance: "s1", member: secretariat.member.hex) }
            try secretariat.council.recordExcuse(seance: "s1", member: alice.member.hex)
            _ = try await secretariat.sync()
            for replica in [president, alice, bob] {
                _ = try await replica.sync()
                let seance = try replica.council.seance("s1")
                #expect(seance.responses[alice.member.hex] == .excused && seance.excusedBySecretariat == [alice.member.hex])
            }
            // Alice's own answer, later, replaces it and is hers.
            try alice.council.respond(seance: "s1", member: alice.member.hex, .willAttend)
            _ = try await alice.sync()
            _ = try await secretariat.sync()
            let seance = try secretariat.council.seance("s1")
            #expect(seance.responses[alice.member.hex] == .willAttend && seance.excusedBySecretariat.isEmpty)

            // A tampered secretariat client answering « absent » for Bob is refused by every replica.
            let tampered = try await council.enrolDevice("secretariat-2", of: secretariat.certificate.member)
            let key = try RecordKey(kind: CouncilRecords.Kind.response, id: "s1:\(bob.member.hex)")
            let forged = try await Self.forge(by: tampered, [
                .set(key, field: CouncilRecords.Field.seance, value: .text("s1")),
                .set(key, field: CouncilRecords.Field.member, value: .text(bob.member.hex)),
                .set(key, field: CouncilRecords.Field.response, value: .text("absent")),
            ])
            #expect(try await SyncClient(server: server.url, device: await tampered.identity.signing).push([forged]).allSatisfy { $0.status == .accepted })
            for replica in [president, bob] {
                let report = try await replica.sync()
                #expect(report.batches.pulled.rejected[forged.id]?.english.contains("records nothing but an excuse") == true)
                #expect(try replica.council.seance("s1").responses[bob.member.hex] == nil)
            }
        }
    }

    @Test func recordsATamperedClientSignsBeyondItsRoleAreRefusedByEveryReplica() async throws {
        try await TestServer.with("roles-tampered") { server in
            let (council, president, alice, bob) = try await Self.council(on: server)
            defer { council.remove() }
            // Bob's key and council key, but a store with no role check: what a modified client could sign.
            let forgedAgenda = try await Self.forge(by: bob, [.set(try RecordKey(kind: CouncilRecords.Kind.agendaItem, id: "s1:ajout"),
                                                                  field: CouncilRecords.Field.title, value: .text("Point ajouté en fraude"))])
            let forgedAnswer = try await Self.forge(by: alice, [
                .set(try RecordKey(kind: CouncilRecords.Kind.response, id: "s1:\(bob.member.hex)"), field: CouncilRecords.Field.member, value: .text(bob.member.hex)),
                .set(try RecordKey(kind: CouncilRecords.Kind.response, id: "s1:\(bob.member.hex)"), field: CouncilRecords.Field.response, value: .text("absent")),
            ])
            let relay = SyncClient(server: server.url, device: await bob.identity.signing)
            #expect(try await relay.push([forgedAgenda]).allSatisfy { $0.status == .accepted })
            #expect(try await SyncClient(server: server.url, device: await alice.identity.signing).push([forgedAnswer])
                .allSatisfy { $0.status == .accepted })

            for replica in [council.secretariat, president] {
                let report = try await replica.sync()
                #expect(report.batches.pulled.rejected[forgedAgenda.id]?.english.contains("The agenda is set by the president or the secretariat") == true)
                #expect(report.batches.pulled.rejected[forgedAnswer.id]?.english.contains("Each member answers for themselves") == true)
                #expect(try replica.council.agenda(of: "s1").map(\.item.id) == ["budget"])
                #expect(try replica.council.seance("s1").responses[bob.member.hex] == nil)
            }
        }
    }

    /// The attacker's second review: a modified president or secretariat client deleted a closed
    /// séance, its attendance with it (the absences it counts), on every replica. The product
    /// deletes no council record but an agenda item: every replica refuses any other deletion.
    @Test func aCouncilRecordDeletedByATamperedClientIsRefusedByEveryReplica() async throws {
        try await TestServer.with("roles-deleted") { server in
            let (council, president, alice, _) = try await Self.council(on: server)
            defer { council.remove() }
            try council.secretariat.council.markPresent(seance: "s1", member: alice.member.hex)
            try council.secretariat.council.closeAttendance(seance: "s1")
            _ = try await council.secretariat.sync()
            // A second secretariat device (a stolen one), whose chain starts with the forged batch.
            let tampered = try await council.enrolDevice("secretariat-2", of: council.secretariat.certificate.member)
            _ = try await tampered.sync()
            // The attacker's review of this stop: the same in effect by emptying the date or reopening the sheet.
            let other = try await council.enrolDevice("secretariat-3", of: council.secretariat.certificate.member)
            _ = try await other.sync()
            let seance = try RecordKey(kind: CouncilRecords.Kind.seance, id: "s1")
            let forged = try await Self.forge(by: tampered, [.delete(seance)])
            #expect(try await SyncClient(server: server.url, device: await tampered.identity.signing).push([forged]).allSatisfy { $0.status == .accepted })
            let emptied = try await Self.forge(by: other, [.set(seance, field: CouncilRecords.Field.date, value: .null),
                                                           .set(seance, field: CouncilRecords.Field.attendanceClosed, value: .bool(false))])
            #expect(try await SyncClient(server: server.url, device: await other.identity.signing).push([emptied]).allSatisfy { $0.status == .accepted })
            for replica in [council.secretariat, president, alice] {
                let report = try await replica.sync()
                #expect(report.batches.pulled.rejected[forged.id]?.english.contains("never deleted") == true, "\(report.batches.pulled.rejected)")
                #expect(report.batches.pulled.rejected[emptied.id]?.english.contains("nor emptied of their date") == true, "\(report.batches.pulled.rejected)")
                #expect(try replica.council.seance("s1").attendanceClosed)
            }
        }
    }

    /// Issue 17 (ackrev): an acknowledgement's `revision` and `seance` fields are those its id
    /// names; one that says it acknowledges a version under the id of another (a proof that
    /// contradicts itself) is refused on the writing device and on every replica.
    @Test func anAcknowledgementNamesTheVersionOfItsID() async throws {
        try await TestServer.with("roles-ack-revision") { server in
            let (council, president, alice, bob) = try await Self.council(on: server)
            defer { council.remove() }
            func acknowledgement(by device: Device, id: (String) -> String, seance: String = "s1", revision: Int64) throws -> [Change] {
                let deviceHex = device.store.devicePublicKey.bytes.hex
                let key = try RecordKey(kind: CouncilRecords.Kind.acknowledgement, id: id(String(deviceHex.prefix(CouncilRecords.deviceIDHexDigits))))
                return [.set(key, field: CouncilRecords.Field.seance, value: .text(seance)),
                        .set(key, field: CouncilRecords.Field.member, value: .text(device.member.hex)),
                        .set(key, field: CouncilRecords.Field.device, value: .text(deviceHex)),
                        .set(key, field: CouncilRecords.Field.revision, value: .integer(revision)),
                        .set(key, field: CouncilRecords.Field.receivedMs, value: .integer(1_000))]
            }
            let wrongRevisions = [try acknowledgement(by: alice, id: { "s1:\($0)" }, revision: 2),
                                  try acknowledgement(by: alice, id: { "s1:2:\($0)" }, revision: 0),
                                  try acknowledgement(by: alice, id: { "s1:1:\($0)" }, revision: 3)]
            let wrongSeance = try acknowledgement(by: alice, id: { "s1:0:\($0)" }, revision: 0)
            for forged in wrongRevisions + [wrongSeance] {
                let error = #expect(throws: ChangeError.self) { try alice.store.commitLocal(forged, scope: .council) }
                #expect(error?.text.french.contains("accusé de réception nomme la version") == true, "\(String(describing: error))")
            }
            #expect(try alice.store.outbox().isEmpty)

            // A tampered client signs them anyway (one batch per device key): every replica refuses them.
            let byAlice = try await Self.forge(by: alice, wrongRevisions[0])
            let byBob = try await Self.forge(by: bob, try acknowledgement(by: bob, id: { "s1:2:\($0)" }, revision: 0))
            #expect(try await SyncClient(server: server.url, device: await alice.identity.signing).push([byAlice]).allSatisfy { $0.status == .accepted })
            #expect(try await SyncClient(server: server.url, device: await bob.identity.signing).push([byBob]).allSatisfy { $0.status == .accepted })
            for replica in [council.secretariat, president] {
                let report = try await replica.sync()
                for batch in [byAlice, byBob] {
                    #expect(report.batches.pulled.rejected[batch.id]?.english.contains("acknowledgement names the version") == true,
                            "\(String(describing: report.batches.pulled.rejected[batch.id]))")
                }
                #expect(try replica.council.acknowledgements(of: "s1").isEmpty)
            }
            // The honest acknowledgement of the version held goes through.
            try alice.council.acknowledgeReceipt(seance: "s1", member: alice.member.hex)
            #expect(try alice.council.acknowledgements(of: "s1").map(\.revision) == [try alice.council.seance("s1").revision])
        }
    }

    /// The attacker's review (LOW): a séance id with « : » was refused where it is convened, not
    /// where it is merged — a modified president's device could push one to every replica.
    @Test func aSeanceIDWithAColonIsRefusedAtMergeOnEveryReplica() async throws {
        try await TestServer.with("roles-seance-colon") { server in
            // The president's device has pushed nothing yet: a forged batch of its key is its first.
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let president = try await council.enrolMember("presidente", role: .president)
            let alice = try await council.enrolMember("alice")
            let key = try RecordKey(kind: CouncilRecords.Kind.seance, id: "s2:1")
            let convening: [Change] = [.set(key, field: CouncilRecords.Field.date, value: .text("2026-04-09")),
                                       .set(key, field: CouncilRecords.Field.place, value: .text("Bobigny")),
                                       .set(key, field: CouncilRecords.Field.revision, value: .integer(0))]
            let error = #expect(throws: ChangeError.self) { try president.store.commitLocal(convening, scope: .council) }
            #expect(error?.text.french.contains("Identifiant de séance « s2:1 » refusé") == true, "\(String(describing: error))")
            // A modified client signs it anyway.
            let forged = try await Self.forge(by: president, convening)
            #expect(try await SyncClient(server: server.url, device: await president.identity.signing).push([forged]).allSatisfy { $0.status == .accepted })
            for replica in [council.secretariat, alice] {
                let report = try await replica.sync()
                #expect(report.batches.pulled.rejected[forged.id]?.english.contains("Séance id \"s2:1\" refused") == true,
                        "\(String(describing: report.batches.pulled.rejected[forged.id]))")
                #expect(throws: (any Error).self) { try replica.council.seance("s2:1") }
            }
        }
    }

    @Test func councilWritesRespectTheOfflineLease() async throws {
        try await TestServer.with("roles-lease") { server in
            let (council, _, alice, _) = try await Self.council(on: server)
            defer { council.remove() }
            try await alice.lock()
            council.clock.advance(seconds: Double(Device.leaseSecondsDefault) + 86_400)
            let expired = try Device.unlock(folder: alice.folder, passphrase: CouncilHarness.passphrase, now: council.clock.now, toSync: true)
            #expect(throws: DeviceError(.leaseExpired, DeviceError.Code.leaseExpired.text)) {
                try expired.council.respond(seance: "s1", member: expired.member.hex, .willAttend)
            }
            #expect(throws: DeviceError(.leaseExpired, DeviceError.Code.leaseExpired.text)) { try expired.council.acknowledgeReading(seance: "s1", member: expired.member.hex) }
            // The dossier layer (notes, avis, hearings) commits through the change store itself: the lease refuses that too.
            #expect(throws: DeviceError(.leaseExpired, DeviceError.Code.leaseExpired.text)) {
                try expired.store.commitLocal([try CouncilHarness.set("n-1", "text", "Note")], scope: .council)
            }
            #expect(try expired.store.outbox().isEmpty)
            try await expired.lock()
        }
    }

    /// A batch signed with `device`'s key (and sealed with its key for `scope`) by a store that checks no role.
    static func forge(by device: Device, _ changes: [Change], in scope: ScopeID = .council) async throws -> BatchEnvelope {
        let signing = await device.identity.signing
        let store = try ChangeStore(database: DatabaseQueue(), device: signing, authorizer: KnownDevicesAuthorizer(devices: [signing.publicKey]),
                                    codec: SealingBodyCodec(context: await device.context))
        return try store.commitLocal(changes, scope: scope)
    }
}
