/// Appends big-endian integers and length-prefixed fields: the building block of canonical encodings.
public struct ByteWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func write(_ value: UInt8) { bytes.append(value) }
    public mutating func write(_ value: UInt16) { append(bigEndian: UInt64(value), count: 2) }
    public mutating func write(_ value: UInt32) { append(bigEndian: UInt64(value), count: 4) }
    public mutating func write(_ value: UInt64) { append(bigEndian: value, count: 8) }
    public mutating func write(_ value: Int64) { write(UInt64(bitPattern: value)) }

    /// Raw bytes, no length: for fixed-size fields (keys, hashes, signatures).
    public mutating func write(raw: some Sequence<UInt8>) { bytes.append(contentsOf: raw) }

    /// A UInt32 length, then the bytes.
    public mutating func write(lengthPrefixed data: [UInt8]) {
        write(UInt32(data.count))
        bytes.append(contentsOf: data)
    }

    private mutating func append(bigEndian value: UInt64, count: Int) {
        for shift in stride(from: (count - 1) * 8, through: 0, by: -8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }
}
