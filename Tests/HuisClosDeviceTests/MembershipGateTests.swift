import Foundation
@testable import HuisClosDevice
import HuisClosCrypto
import HuisClosTestSupport
import HuisClosTrust
import Synchronization
import Testing

/// The membership gate (`Device.serially`) is each device's own: holding one device's gate lets a
/// task into that device's workflows again, never into another device's while that one's holder
/// runs. The flag that let re-entry through was one for every device of the process (the second
/// review of the gate), so a task in device A's gate walked into device B's beside B's holder.
struct MembershipGateTests {
    @Test func holdingOneDevicesGateDoesNotOpenAnothers() async throws {
        try await TestServer.with("gate-per-device") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let a = council.secretariat
            let b = try await council.enrolMember("bob")
            let probe = GateProbe()
            let (release, releaser) = AsyncStream.makeStream(of: Void.self)

            let holder = Task { try await b.holdGate(probe, until: release) }
            while !probe.holding.withLock({ $0 }) { await Task.yield() }
            let intruder = Task { try await a.enterGate(of: b, probe) }
            // Until the intruder either got in or waits its turn at B's gate.
            while probe.entered.withLock({ $0 }) == nil, await b.membershipGateWaiters.isEmpty { await Task.yield() }
            releaser.yield()
            releaser.finish()
            try await holder.value
            try await intruder.value
            #expect(probe.entered.withLock { $0 } == false, "a task holding A's gate entered B's while B's holder ran")
        }
    }

    /// Two syncs at once on a newly certified device (a poke and a person's sync in the app): the
    /// undertaking is signed once, and neither sync fails. Each decided outside the gate that it
    /// was due, and the second signed it again once the first was done.
    @Test func twoSyncsAtOnceSignTheUndertakingOnce() async throws {
        try await TestServer.with("gate-undertaking") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let member = try MemberID.generate()
            let instant = council.instant
            try await council.secretariat.sign(.appointMember(Appointment(member: member, role: .member, orderNumber: "2026-carol", orderDate: instant,
                                                                          mandateEnd: instant.adding(seconds: 3 * 365 * 86_400), scopes: [])))
            let (code, _) = try await council.secretariat.enrolmentCode(adminToken: TestServer.adminToken)
            let carol = try await Device.enrol(folder: council.folder.url.appendingPathComponent("carol"), server: council.serverURL, code: code,
                                               passphrase: CouncilHarness.passphrase, member: member,
                                               trustRoot: await council.secretariat.membership.root.publicKey, charterDigest: CouncilHarness.charter,
                                               now: council.clock.now, limits: .interactive)
            try await council.secretariat.sign(.certifyDevice(carol.certificate))

            async let first = carol.sync()
            async let second = carol.sync()
            _ = try await (first, second)
            let undertakings = await carol.membershipLog.records.count {
                if case let .acceptUndertaking(signer, _, _) = $0.event { signer == member } else { false }
            }
            #expect(undertakings == 1)
        }
    }
}

/// What the gate's holder and the intruder saw.
final class GateProbe: Sendable {
    /// B's holder runs.
    let holding = Mutex(false)
    /// Whether B's holder still ran when the intruder got into B's gate; nil before it got in.
    let entered = Mutex<Bool?>(nil)
}

extension Device {
    /// Holds this device's gate until `release` yields.
    func holdGate(_ probe: GateProbe, until release: AsyncStream<Void>) async throws {
        try await serially {
            probe.holding.withLock { $0 = true }
            for await _ in release { break }
            probe.holding.withLock { $0 = false }
        }
    }

    /// From inside this device's gate, goes through `other`'s.
    func enterGate(of other: Device, _ probe: GateProbe) async throws {
        try await serially { try await other.passGate(probe) }
    }

    func passGate(_ probe: GateProbe) async throws {
        try await serially { probe.entered.withLock { $0 = probe.holding.withLock { $0 } } }
    }
}
