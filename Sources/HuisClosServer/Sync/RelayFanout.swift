import HuisClosCrypto
import HuisClosProtocol
import ServiceLifecycle

/// Applies what changed to this instance (pokes, cut sockets, dropped caches) and, with a bus,
/// to every other instance on the database: the routes call it instead of the hub and caches.
struct RelayFanout: Sendable {
    let hub: PokeHub
    let authenticator: Authenticator
    let bus: (any RelayBus)?

    /// Scopes' logs grew to `heads`: poke the watchers here and on the other instances.
    func grew(_ heads: [ScopeID: UInt64]) async {
        hub.publish(heads)
        await bus?.announce(heads.sorted { $0.key < $1.key }.map { RelayEvent.head($0.key, $0.value) })
    }

    /// `devices` were revoked: cut them here and on the other instances.
    func revoked(_ devices: [SigningPublicKey]) async {
        guard !devices.isEmpty else { return }
        for device in devices { cut(device) }
        await bus?.announce(devices.map(RelayEvent.revoked))
    }

    /// The membership log grew here: the other instances read their copy again.
    func membershipGrew() async {
        await bus?.announce([.membershipGrew])
    }

    /// Applies an event announced by another instance.
    func apply(_ event: RelayEvent) async {
        switch event {
        case .head(let scope, let head): hub.publish([scope: head])
        case .revoked(let device): cut(device)
        case .membershipGrew: await authenticator.ledger.invalidate()
        }
    }

    /// Drops everything cached from the database (events may have been missed).
    func resynchronise() async {
        authenticator.forgetAll()
        await authenticator.ledger.invalidate()
    }

    private func cut(_ device: SigningPublicKey) {
        authenticator.forget(device)
        hub.disconnect(device)
    }
}

/// Runs the bus's delivery for the application's lifetime (ends at graceful shutdown).
struct RelayBusListener: Service {
    let bus: any RelayBus
    let fanout: RelayFanout

    func run() async throws {
        let fanout = self.fanout
        await cancelWhenGracefulShutdown {
            await bus.listen(receive: { await fanout.apply($0) }, resynchronise: { await fanout.resynchronise() })
        }
    }
}
