import HuisClosSync
import HuisClosTestSupport

/// Why the simulated network did not bring an answer back (the client sees the relay unreachable).
enum NetworkFault: Error, Equatable {
    /// The party is cut off from the relay, or the relay is down.
    case unreachable
    /// The request was lost on the way (or held back, to arrive later).
    case requestLost
    /// The relay handled the request; its answer was lost.
    case answerLost
    /// The party crashed right after the relay handled its request.
    case crashed
}

/// How often each fault strikes a request, in percent; drawn once per run from its seed.
struct FaultRates: Sendable, CustomStringConvertible {
    var dropRequest = 0
    var dropAnswer = 0
    var duplicate = 0
    var delay = 0

    static let none = FaultRates()

    static func random(using random: inout SeededRandom) -> FaultRates {
        FaultRates(dropRequest: Int.random(in: 0...8, using: &random), dropAnswer: Int.random(in: 0...8, using: &random),
                   duplicate: Int.random(in: 0...10, using: &random), delay: Int.random(in: 0...5, using: &random))
    }

    var description: String { "drop \(dropRequest)%, lost answer \(dropAnswer)%, duplicate \(duplicate)%, delay \(delay)%" }
}

/// The network between the parties and the relay: each request may be dropped, have its answer
/// lost, be delivered twice, or be held back and delivered later after newer ones (reordering);
/// a party may be partitioned off and the relay may be down. Every choice comes from the run's
/// seed, and requests travel one at a time (the simulation awaits each), so a run replays exactly.
actor SimulatedNetwork {
    /// The relay requests reach; nil while it is down.
    private(set) var relay: InProcessRelay?
    /// The fault rates in force (none during set-up and the final healing).
    var rates = FaultRates.none
    /// Parties cut off from the relay.
    private var partitioned: Set<Int> = []
    /// Requests held back, delivered late by `deliverDelayed`.
    private var delayed: [RelayRequest] = []
    /// Parties that crash right after the relay handles their next request.
    private var crashNext: Set<Int> = []
    /// Parties whose planned crash struck.
    private var crashed: Set<Int> = []
    private var random: SeededRandom
    /// Counts what happened, for the run's summary.
    private(set) var counts: [String: Int] = [:]

    init(seed: UInt64) { random = SeededRandom(scrambling: seed ^ 0x5EED_0F_4E7) }

    func setRelay(_ relay: InProcessRelay?) { self.relay = relay }
    func setRates(_ rates: FaultRates) { self.rates = rates }
    func setPartitioned(_ party: Int, _ cut: Bool) { if cut { partitioned.insert(party) } else { partitioned.remove(party) } }
    func isPartitioned(_ party: Int) -> Bool { partitioned.contains(party) }
    func healAll() { partitioned.removeAll(); crashNext.removeAll() }
    func crashAfterNextRequest(_ party: Int) { crashNext.insert(party) }

    /// Whether `party`'s planned crash struck (a plan that did not strike is dropped).
    func tookCrash(_ party: Int) -> Bool {
        crashNext.remove(party)
        return crashed.remove(party) != nil
    }

    /// Delivers every held-back request now (their answers go nowhere); returns how many.
    func deliverDelayed() async -> Int {
        let late = delayed
        delayed.removeAll()
        for request in late { _ = try? await relay?.handle(request) }
        return late.count
    }

    /// Carries `request` of `party` to the relay and its answer back, or fails as the faults decide.
    func exchange(_ request: RelayRequest, from party: Int) async throws -> RelayResponse {
        guard let relay, !partitioned.contains(party) else { throw count(NetworkFault.unreachable) }
        if random.chance(rates.dropRequest) { throw count(NetworkFault.requestLost) }
        if random.chance(rates.delay) {
            delayed.append(request)
            throw count(NetworkFault.requestLost, as: "delayed")
        }
        var answer = try await relay.handle(request)
        if random.chance(rates.duplicate) {
            counts["duplicated", default: 0] += 1
            answer = try await relay.handle(request)
        }
        if crashNext.remove(party) != nil {
            crashed.insert(party)
            throw count(NetworkFault.crashed)
        }
        if random.chance(rates.dropAnswer) { throw count(NetworkFault.answerLost) }
        return answer
    }

    private func count(_ fault: NetworkFault, as name: String? = nil) -> NetworkFault {
        counts[name ?? "\(fault)", default: 0] += 1
        return fault
    }
}

/// One party's way onto the simulated network: the transport its `SyncClient` uses.
struct SimulatedLink: RelayTransport {
    let network: SimulatedNetwork
    let party: Int

    func exchange(_ request: RelayRequest, server: String, timeoutSeconds: Int64, limit: Int) async throws -> RelayResponse {
        try await network.exchange(request, from: party)
    }
}
