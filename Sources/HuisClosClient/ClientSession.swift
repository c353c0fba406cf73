public import Foundation
public import HuisClosCouncil
public import HuisClosDevice
public import HuisClosEngine
public import HuisClosTrust

/// A member's device opened for the workflows of a face (the CLI, a graphical app): every workflow
/// is one call on it, and it reads time and randomness only from what it was given, so a test
/// drives an expiry with a manual clock instead of waiting.
public struct ClientSession: Sendable {
    /// The unlocked device.
    public let device: Device
    /// The clock every workflow of this session reads (the device's clock too).
    public let clock: any WallClock
    /// Where new identifiers come from.
    public let randomness: Randomness

    /// Unlocks the device in `folder` with `passphrase`, on `clock`; `toSync` opens it past its
    /// offline lease (for the sync workflow only, as `Device.unlock`).
    public static func open(folder: URL, passphrase: () throws -> String, clock: any WallClock = SystemWallClock(),
                            randomness: Randomness = .system, toSync: Bool = false) throws -> ClientSession {
        try Device.requireFolder(folder)
        let device = try Device.unlock(folder: folder, passphrase: try passphrase(), now: clock.dateReader, toSync: toSync)
        return ClientSession(device: device, clock: clock, randomness: randomness)
    }

    /// A session over a device already unlocked with `clock` (tests, a face that keeps its device open).
    public init(device: Device, clock: any WallClock, randomness: Randomness = .system) {
        self.device = device
        self.clock = clock
        self.randomness = randomness
    }

    /// Runs `body`, then locks the device whatever happens (the device must not be used afterwards).
    public func run<Result: Sendable>(_ body: (ClientSession) async throws -> Result) async throws -> Result {
        do {
            let result = try await body(self)
            try await device.lock()
            return result
        } catch {
            try? await device.lock()
            throw error
        }
    }

    /// Locks the device; the session must not be used afterwards.
    public func lock() async throws { try await device.lock() }

    /// Now, by this session's clock.
    public var instant: Instant { Instant(unixSeconds: clock.unixSeconds) }

    /// Today (UTC), by this session's clock.
    public var today: Day { Day(unixSeconds: clock.unixSeconds) ?? Day(year: 1970, month: 1, day: 1)! }
}

/// The source of the identifiers a workflow creates (a hearing's guest, a dossier file, a note):
/// injected, so a test can name them.
public struct Randomness: Sendable {
    /// A new member identifier.
    public let memberID: @Sendable () throws -> MemberID
    /// A new identifier for a sealed file or a note (a lowercase UUID on the system generator).
    public let identifier: @Sendable () -> String

    /// Identifiers made from `memberID` and `identifier`.
    public init(memberID: @escaping @Sendable () throws -> MemberID,
                identifier: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.memberID = memberID
        self.identifier = identifier
    }

    /// libsodium's random generator for members, the system's UUIDs for the rest.
    public static let system = Randomness { try MemberID.generate() }
}
