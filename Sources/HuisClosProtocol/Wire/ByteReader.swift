public import HuisClosL10n

/// Reads what `ByteWriter` wrote, strictly: every read is bounds-checked and throws on short input.
public struct ByteReader: Sendable {
    private let bytes: [UInt8]
    /// The offset of the next byte to read.
    public private(set) var offset: Int

    public init(_ bytes: [UInt8]) {
        self.bytes = bytes
        self.offset = 0
    }

    /// Bytes left to read.
    public var remaining: Int { bytes.count - offset }

    public mutating func readUInt8() throws(WireError) -> UInt8 { UInt8(try readBigEndian(count: 1)) }
    public mutating func readUInt16() throws(WireError) -> UInt16 { UInt16(try readBigEndian(count: 2)) }
    public mutating func readUInt32() throws(WireError) -> UInt32 { UInt32(try readBigEndian(count: 4)) }
    public mutating func readUInt64() throws(WireError) -> UInt64 { try readBigEndian(count: 8) }
    public mutating func readInt64() throws(WireError) -> Int64 { Int64(bitPattern: try readUInt64()) }

    /// Exactly `count` raw bytes.
    public mutating func read(count: Int) throws(WireError) -> [UInt8] {
        guard count >= 0, count <= remaining else {
            throw WireError(.malformed, Text(fr: "message incomplet : \(count) octets attendus à la position \(offset), \(remaining) restants",
                en: "message ends early: needed \(count) bytes at offset \(offset), \(remaining) left"))
        }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    /// Calls `body` with the next `count` bytes in place, without copying them, then moves past
    /// them: for decoders that turn bytes straight into strings or check them.
    public mutating func withBytes<R>(count: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) throws(WireError) -> R {
        guard count >= 0, count <= remaining else {
            throw WireError(.malformed, Text(fr: "message incomplet : \(count) octets attendus à la position \(offset), \(remaining) restants",
                en: "message ends early: needed \(count) bytes at offset \(offset), \(remaining) left"))
        }
        defer { offset += count }
        return bytes.withUnsafeBufferPointer { all in body(UnsafeBufferPointer(rebasing: all[offset..<offset + count])) }
    }

    /// A UInt32 length (at most `max`), then that many bytes.
    public mutating func readLengthPrefixed(max: Int, field: Text) throws(WireError) -> [UInt8] {
        let length = Int(try readUInt32())
        guard length <= max else { throw WireError(.tooLarge, Text(fr: "« \(field.french) » fait \(length) octets ; la limite est \(max)",
            en: "\(field.english) is \(length) bytes; the limit is \(max)")) }
        return try read(count: length)
    }

    /// Throws unless every byte was consumed: canonical encodings allow no trailing data.
    public func expectEnd(of what: Text) throws(WireError) {
        guard remaining == 0 else { throw WireError(.malformed, Text(fr: "\(remaining) octets inattendus après « \(what.french) »",
            en: "\(remaining) unexpected bytes after the \(what.english)")) }
    }

    private mutating func readBigEndian(count: Int) throws(WireError) -> UInt64 {
        guard count <= remaining else {
            throw WireError(.malformed, Text(fr: "message incomplet : \(count) octets attendus à la position \(offset), \(remaining) restants",
                en: "message ends early: needed \(count) bytes at offset \(offset), \(remaining) left"))
        }
        var value: UInt64 = 0
        for index in offset..<offset + count { value = value << 8 | UInt64(bytes[index]) }
        offset += count
        return value
    }
}
