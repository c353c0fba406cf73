import HuisClosCrypto
import HuisClosL10n

/// A hybrid logical clock reading: wall-clock milliseconds plus a counter for events within one
/// millisecond (or while the wall clock lags behind what was already observed).
///
/// Every operation carries one; its author device (the batch's signer) completes it into a
/// `Timestamp`, the total order of last-writer-wins.
public struct HLC: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Milliseconds since the Unix epoch, as the author's clock saw them (never more than the
    /// allowed drift ahead of a receiver's wall clock when merged).
    public let physicalMs: UInt64
    /// Orders events within one physical millisecond; 32 bits so a burst never exhausts it.
    public let counter: UInt32

    /// A reading of (`physicalMs`, `counter`).
    public init(physicalMs: UInt64, counter: UInt32) {
        self.physicalMs = physicalMs
        self.counter = counter
    }

    /// The reading before any event: the state of a new clock.
    public static let zero = HLC(physicalMs: 0, counter: 0)

    /// Physical milliseconds first, then the counter.
    public static func < (lhs: HLC, rhs: HLC) -> Bool {
        (lhs.physicalMs, lhs.counter) < (rhs.physicalMs, rhs.counter)
    }

    /// "physical.counter", for logs.
    public var description: String { "\(physicalMs).\(counter)" }
}

/// The total order of writes: an HLC reading, then the author device's public key as tie-break.
///
/// Two devices can stamp the same reading; comparing their 32-byte keys byte by byte then decides,
/// the same way on every replica. A timestamp is also the unique tag of an observed-remove add,
/// since a device's readings strictly increase (enforced on merge).
public struct Timestamp: Hashable, Comparable, Sendable {
    /// The clock reading.
    public let hlc: HLC
    /// The author device.
    public let device: DeviceID

    /// The timestamp of an operation stamped `hlc` by `device`.
    public init(hlc: HLC, device: DeviceID) {
        self.hlc = hlc
        self.device = device
    }

    /// The reading first, then the device key's bytes.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        if lhs.hlc != rhs.hlc { return lhs.hlc < rhs.hlc }
        return lhs.device < rhs.device
    }

    /// Bytes of the canonical form: physical (8) ‖ counter (4) ‖ device (32), big-endian.
    public static let encodedLength = 44

    /// The canonical form, whose byte order (memcmp, SQLite's BLOB order) is the timestamp order.
    public var encoded: [UInt8] { withEncoded { Array($0) } }

    /// Calls `body` with the canonical form in temporary memory (no allocation: the hot path of
    /// writing winners).
    public func withEncoded<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try withUnsafeTemporaryAllocation(byteCount: Self.encodedLength, alignment: 8) { buffer in
            buffer.storeBytes(of: hlc.physicalMs.bigEndian, toByteOffset: 0, as: UInt64.self)
            buffer.storeBytes(of: hlc.counter.bigEndian, toByteOffset: 8, as: UInt32.self)
            buffer.storeBytes(of: device.w0.bigEndian, toByteOffset: 12, as: UInt64.self)
            buffer.storeBytes(of: device.w1.bigEndian, toByteOffset: 20, as: UInt64.self)
            buffer.storeBytes(of: device.w2.bigEndian, toByteOffset: 28, as: UInt64.self)
            buffer.storeBytes(of: device.w3.bigEndian, toByteOffset: 36, as: UInt64.self)
            return try body(UnsafeRawBufferPointer(buffer))
        }
    }

    /// Reads the canonical form (from the replica's own tables); throws on any other length.
    public init(encoded bytes: [UInt8]) throws(ChangeError) {
        guard bytes.count == Self.encodedLength else {
            throw ChangeError(.malformed, Text(fr: "un horodatage fait \(Self.encodedLength) octets, reçu \(bytes.count) : la réplique est endommagée, resynchronisez-la",
                en: "a timestamp is \(Self.encodedLength) bytes, got \(bytes.count): the replica is damaged, resync it"))
        }
        let physical = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let counter = bytes[8..<12].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        hlc = HLC(physicalMs: physical, counter: counter)
        do {
            device = DeviceID(try SigningPublicKey(bytes: Array(bytes[12...])))
        } catch {
            throw ChangeError(.malformed, Text(fr: "clé d'appareil d'un horodatage : \(error.text.french)", en: "timestamp device key: \(error.text.english)"))
        }
    }
}
