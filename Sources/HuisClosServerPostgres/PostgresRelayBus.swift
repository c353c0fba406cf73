public import Foundation
public import HuisClosServer
import Logging
import PostgresNIO

/// The `RelayBus` of instances sharing one PostgreSQL database: LISTEN/NOTIFY on one channel per
/// council (notifications are database-wide, whatever the schema: a council's events must never
/// poke or cut another council's devices, whose scopes have the same names).
///
/// Each notification is `<instance> <event line>`; an instance skips its own (it applied them
/// already). A NOTIFY is delivered only to sessions listening at its commit, so `listen` holds one
/// pooled connection for good and, whenever it has to reconnect, asks the relay to resynchronise.
public final class PostgresRelayBus: RelayBus {
    /// The channel of the default council, which every instance listens on.
    static let defaultChannel = "huisclos_relay"
    /// Seconds between two attempts to listen again after the connection dropped.
    static let relistenDelaySeconds = 1

    private let storage: PostgresServerStorage
    /// This instance's name on the bus (random per start: only told apart from the others).
    private let instance: String
    /// The channel of the storage's council.
    let channel: String

    /// A bus over `storage`'s connections; `instance` names this process on the channel.
    public init(storage: PostgresServerStorage, instance: UUID) {
        self.storage = storage
        self.instance = instance.uuidString
        self.channel = storage.council?.channelName ?? Self.defaultChannel
    }

    public func announce(_ events: [RelayEvent]) async {
        guard !events.isEmpty else { return }
        let payloads = events.map { "\(instance) \($0.line)" }
        do {
            try await storage.client.withConnection { connection in
                for payload in payloads {
                    try await connection.run("SELECT pg_notify(\(channel), \(payload))", storage.logger)
                }
            }
        } catch {
            storage.logger.warning("could not tell the other relay instances", metadata: [
                "error": "\(PostgresServerStorage.storageError(error, what: "notifying", address: storage.displayAddress))",
            ])
        }
    }

    public func listen(receive: @escaping @Sendable (RelayEvent) async -> Void, resynchronise: @escaping @Sendable () async -> Void) async {
        let prefix = instance + " "
        while !Task.isCancelled {
            do {
                try await storage.client.withConnection { connection in
                    try await connection.listen(on: channel) { notifications in
                        await resynchronise()
                        for try await notification in notifications {
                            guard !notification.payload.hasPrefix(prefix), let separator = notification.payload.firstIndex(of: " "),
                                  let event = RelayEvent(line: notification.payload[notification.payload.index(after: separator)...])
                            else { continue }
                            await receive(event)
                        }
                    }
                }
            } catch {
                guard !Task.isCancelled else { return }
                storage.logger.warning("lost the other relay instances' events; listening again", metadata: [
                    "error": "\(PostgresServerStorage.storageError(error, what: "listening", address: storage.displayAddress))",
                ])
            }
            try? await Task.sleep(for: .seconds(Self.relistenDelaySeconds))
        }
    }
}
