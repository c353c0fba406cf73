public import HuisClosCrypto
public import HuisClosProtocol
public import HuisClosSync
public import HuisClosWire

/// An enrolled device for tests: its key, a client to a server, an in-memory store, a driver.
public struct TestDevice: Sendable {
    /// The device's key pair.
    public let key: SigningKeyPair
    /// Its connection.
    public let client: SyncClient
    /// Its local store.
    public let store: MemorySyncStore
    /// Its sync driver.
    public var driver: SyncDriver { SyncDriver(client: client, store: store) }

    /// A new device enrolled on `server` with `access` (read+write council by default), with a
    /// code from `adminToken` (a hosted council's own: `TestServer.council(_:)`).
    public static func enrolled(on server: String,
                                access: DeviceAccess = DeviceAccess(readable: [.council], writable: [.council]),
                                adminToken: String = TestServer.adminToken) async throws -> TestDevice {
        let key = try SigningKeyPair.generate()
        let admin = SyncClient(server: server, device: nil)
        let code = try await admin.createEnrolmentCode(access: access, adminToken: adminToken).code
        let client = SyncClient(server: server, device: key)
        _ = try await client.enrol(code: code)
        return TestDevice(key: key, client: client, store: MemorySyncStore(device: key))
    }

    /// The same device and store, talking to another server address (after a restart).
    public func reconnected(to server: String) -> TestDevice {
        TestDevice(key: key, client: SyncClient(server: server, device: key), store: store)
    }
}
