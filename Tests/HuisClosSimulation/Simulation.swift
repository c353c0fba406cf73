import Foundation
import HuisClosDevice
import HuisClosEngine
import HuisClosL10n
import HuisClosProtocol
import HuisClosServer
import HuisClosStore
import HuisClosSync
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire

/// A broken invariant, with the run's trace to replay it by.
struct InvariantViolation: Error, CustomStringConvertible {
    let description: String
}

/// One run of the whole system from one seed: a relay, a secretariat and 2–3 members' devices on
/// a faulty network, random writes, syncs, crashes, partitions, relay restarts and restores from
/// older backups, clock skew and possibly a revocation; then the network heals, everyone syncs,
/// and the invariants are checked (`Simulation+Invariants.swift`). On the main actor: one step at a time.
@MainActor final class Simulation {
    /// How far any party's clock may be from true time: two parties' clocks stay within the relay's
    /// tolerance of 120 s (`TrustLimits.relayClockSkewSecondsMax`) of each other; clocks wrong by
    /// more are issue 15's item 3, not what this simulation checks.
    static let skewSecondsMax: Int64 = 55

    let seed: UInt64
    let folder: URL
    let time = SimulatedTime()
    let network: SimulatedNetwork
    var random: SeededRandom
    var parties: [Party] = []
    var writes: [Write] = []
    /// Backups taken of the relay, oldest first.
    var snapshots: [URL] = []
    /// What happened, step by step (printed when an invariant breaks).
    var trace: [String] = []
    /// Devices in office still waiting for a scope's key after healing (an invariant broken).
    var waitingForKey: Set<Int> = []
    let relaySkewSeconds: Int64
    let rates: FaultRates
    /// The step at which a member's device is revoked, if this run revokes one.
    let revocationStep: Int?
    let steps: Int

    var relayFolder: URL { folder.appendingPathComponent("relay") }

    init(seed: UInt64, folder: URL) {
        self.seed = seed
        self.folder = folder
        network = SimulatedNetwork(seed: seed)
        var random = SeededRandom(scrambling: seed)
        relaySkewSeconds = Int64.random(in: -Self.skewSecondsMax...Self.skewSecondsMax, using: &random)
        rates = FaultRates.random(using: &random)
        steps = Int.random(in: 20...40, using: &random)
        revocationStep = random.chance(30) ? Int.random(in: 0..<steps, using: &random) : nil
        self.random = random
    }

    /// Runs the seed and checks the invariants; throws `InvariantViolation` when one breaks.
    func run() async throws {
        SeededRandomness.reseed(seed)
        try FileManager.default.createDirectory(at: relayFolder, withIntermediateDirectories: true)
        await network.setRelay(try await InProcessRelay(folder: relayFolder, clock: time.serverClock(skewSeconds: relaySkewSeconds)))
        let secretariat = try await SimulatedCouncil.create(in: folder, skewSeconds: randomSkew(),
                                                            time: time, network: network)
        parties.append(secretariat)
        for index in 1...Int.random(in: 2...3, using: &random) {
            time.advance(seconds: 5)
            parties.append(try await SimulatedCouncil.enrolMember(index, in: folder, skewSeconds: randomSkew(),
                                                                   secretariat: secretariat, time: time, network: network))
        }
        note("council: \(parties.count) devices, skews \(parties.map(\.skewSeconds)) s, relay \(relaySkewSeconds) s; faults: \(rates); \(steps) steps"
             + (revocationStep.map { ", revocation at step \($0)" } ?? ""))
        await network.setRates(rates)
        for step in 0..<steps {
            time.advance(seconds: Int64.random(in: 1...30, using: &random))
            if step == revocationStep { try await revokeAMember() } else { try await randomStep() }
        }
        try await heal()
        try await checkInvariants()
    }

    func note(_ line: String) { trace.append(line) }

    private func randomSkew() -> Int64 { Int64.random(in: -Self.skewSecondsMax...Self.skewSecondsMax, using: &random) }

    // MARK: Steps

    private func randomStep() async throws {
        let roll = Int.random(in: 0..<100, using: &random)
        let index = Int.random(in: 0..<parties.count, using: &random)
        switch roll {
        case 0..<35: try await write(by: index)
        case 35..<68: try await sync(index, crashing: random.chance(15))
        case 68..<73: try await crash(index)
        case 73..<79:
            let cut = !(await network.isPartitioned(index))
            await network.setPartitioned(index, cut)
            note("\(parties[index].name) \(cut ? "cut off" : "reconnected")")
        case 79..<83: try await restartRelay()
        case 83..<88: try snapshotRelay()
        case 88..<91: try await restoreRelay()
        case 91..<94: note("\(await network.deliverDelayed()) held-back request(s) delivered late")
        default:
            let seconds = Int64.random(in: 1...900, using: &random)
            time.advance(seconds: seconds)
            note("time +\(seconds) s")
        }
    }

    /// The device of `index`, opened again if it had crashed; nil once wiped.
    func device(_ index: Int) throws -> Device? {
        if parties[index].wiped { return nil }
        if let device = parties[index].device { return device }
        let device = try SimulatedCouncil.reopen(parties[index], index: index, time: time, network: network)
        parties[index].device = device
        return device
    }

    private func write(by index: Int) async throws {
        guard let device = try device(index) else { return }
        let number = writes.count
        let id = "note-\(number)"
        let marker = "SIMSECRET-\(seed)-\(number)"
        // A third of the writes also overwrite a field every party writes: last-writer-wins merges.
        var changes = [Change.set(try RecordKey(kind: "working-note", id: id), field: "text", value: .text(marker))]
        if random.chance(33) {
            changes.append(.set(try RecordKey(kind: "working-note", id: "shared"), field: "text", value: .text("\(marker)-shared")))
        }
        do {
            let batch = try await device.commit(changes, scope: .council)
            writes.append(Write(party: index, id: id, marker: marker, batch: batch.id, unauthorised: parties[index].isRevoked))
            note("\(parties[index].name) writes \(id)")
        } catch {
            // A refusal (a key rotation pending, a revoked device) writes nothing and says so: the
            // invariants are about what was accepted.
            note("\(parties[index].name) cannot write \(id): \(error)")
        }
    }

    /// Syncs `index`; with `crashing`, the device crashes right after the relay handles one of its requests.
    func sync(_ index: Int, crashing: Bool = false) async throws {
        guard let device = try device(index) else { return }
        if crashing { await network.crashAfterNextRequest(index) }
        do {
            let report = try await device.sync()
            note("\(parties[index].name) syncs: pushed \(report.batches.pushed), pulled \(report.batches.pulled.applied)"
                 + (report.batches.repairs.isEmpty ? "" : ", repairs \(report.batches.repairs.map(\.evidence))")
                 + (report.batches.problems.isEmpty ? "" : ", problems \(report.batches.problems.map(\.english))"))
        } catch let error as DeviceError where error.code == .wiped {
            wiped(index)
            return
        } catch let error as APIError where error.code == .deviceRevoked {
            if !FileManager.default.fileExists(atPath: parties[index].folder.path) { wiped(index); return }
            note("\(parties[index].name) sync refused: \(error.message)")
        } catch {
            note("\(parties[index].name) sync failed: \(error)")
        }
        try await recordAcknowledgements(of: index)
        if await network.tookCrash(index) { try await crash(index) }
    }

    private func wiped(_ index: Int) {
        parties[index].device = nil
        parties[index].wiped = true
        note("\(parties[index].name) wiped by the secretariat's order")
    }

    /// Marks the writes of `index` whose batches left its outbox (the relay acknowledged them).
    private func recordAcknowledgements(of index: Int) async throws {
        guard let device = parties[index].device else { return }
        let outbox = Set(try device.store.outbox().map(\.id))
        for number in writes.indices where writes[number].party == index && !writes[number].acknowledged {
            writes[number].acknowledged = !outbox.contains(writes[number].batch)
        }
    }

    /// Closes `index`'s replica as a crash would leave it: whatever it committed is kept, its
    /// unpushed batches still queued; it is opened again when next used.
    func crash(_ index: Int) async throws {
        guard let device = parties[index].device else { return }
        try await device.lock()
        parties[index].device = nil
        note("\(parties[index].name) crashes")
    }

    private func restartRelay() async throws {
        await network.setRelay(nil)
        await network.setRelay(try await InProcessRelay(folder: relayFolder, clock: time.serverClock(skewSeconds: relaySkewSeconds)))
        note("relay restarts")
    }

    private func snapshotRelay() throws {
        let file = folder.appendingPathComponent("backups/relay-\(snapshots.count).sqlite")
        try SQLiteBackup.backup(folder: relayFolder, to: file)
        snapshots.append(file)
        note("relay backed up (\(file.lastPathComponent))")
    }

    private func restoreRelay() async throws {
        guard !snapshots.isEmpty else { return }
        let file = snapshots[Int.random(in: 0..<snapshots.count, using: &random)]
        await network.setRelay(nil)
        try SQLiteBackup.restore(from: file, folder: relayFolder)
        await network.setRelay(try await InProcessRelay(folder: relayFolder, clock: time.serverClock(skewSeconds: relaySkewSeconds)))
        note("relay restored from \(file.lastPathComponent)")
    }

    /// The secretariat revokes a member's device (with a wipe order), the network behaving for
    /// that one call so the run knows the relay holds the revocation.
    private func revokeAMember() async throws {
        let index = Int.random(in: 1..<parties.count, using: &random)
        guard let secretariat = try device(0), await network.relay != nil else { return }
        let (rates, cut) = (await network.rates, await network.isPartitioned(0))
        await network.setRates(.none)
        await network.setPartitioned(0, false)
        do { try await secretariat.sign(.revokeDevice(device: parties[index].signingKey, wipe: true)) } catch {
            throw InvariantViolation(description: "the secretariat could not revoke a device over a sound network: \(error)")
        }
        await network.setRates(rates)
        await network.setPartitioned(0, cut)
        parties[index].revokedAtWrite = writes.count
        note("secretariat revokes \(parties[index].name)")
    }
}
