import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

/// The canonical encoding of operation parts (Protocol/OPERATIONS.md), on the protocol's writer.
extension ByteWriter {
    /// A name or record id: one length byte, then its ASCII bytes (validated by the caller).
    mutating func write(name: String) {
        write(UInt8(name.utf8.count))
        write(raw: name.utf8)
    }

    /// An HLC reading: physical ms (8), counter (4).
    mutating func write(_ hlc: HLC) {
        write(hlc.physicalMs)
        write(hlc.counter)
    }

    /// An add tag: device (32), physical ms (8), counter (4).
    mutating func write(tag: Timestamp) {
        write(raw: tag.device.bytes)
        write(tag.hlc)
    }

    /// A value: its type byte, then its payload.
    mutating func write(_ value: Value) {
        write(value.kind.rawValue)
        switch value {
        case .null:
            break
        case let .bool(flag):
            write(UInt8(flag ? 1 : 0))
        case let .integer(number):
            write(number)
        case let .text(text):
            write(UInt32(text.utf8.count))
            write(raw: text.utf8)
        case let .bytes(bytes):
            write(lengthPrefixed: bytes)
        case let .file(file):
            write(raw: file.contentHash)
            write(file.size)
        }
    }
}

/// Strict reading of operation parts: every rule of Protocol/OPERATIONS.md is checked here.
extension ByteReader {
    /// A name (or, with `maxBytes`/`extra`, a record id); throws `.malformed` unless valid.
    mutating func readName(_ what: Text, maxBytes: Int = EngineLimits.nameBytesMax,
                           extra: UInt8? = nil) throws(ChangeError) -> String {
        let name = try mapWireError { () throws(WireError) in
            try withBytes(count: Int(try readUInt8())) { bytes in
                Names.isValid(bytes, maxBytes: maxBytes, extra: extra) ? String(decoding: bytes, as: UTF8.self) : nil
            }
        }
        guard let name else {
            throw ChangeError(.malformed, Text(fr: "« \(what.french) » doit compter de 1 à \(maxBytes) octets d'identifiant (lettres, chiffres, « _ », « . », « - »)",
                en: "\(what.english) must be 1–\(maxBytes) identifier bytes (letters, digits, '_', '.', '-')"))
        }
        return name
    }

    /// An HLC reading.
    mutating func readHLC() throws(ChangeError) -> HLC {
        try mapWireError { () throws(WireError) in HLC(physicalMs: try readUInt64(), counter: try readUInt32()) }
    }

    /// An add tag.
    mutating func readTag() throws(ChangeError) -> Timestamp {
        let keyBytes = try mapWireError { () throws(WireError) in try read(count: SigningPublicKey.length) }
        let device: SigningPublicKey
        do { device = try SigningPublicKey(bytes: keyBytes) } catch { throw ChangeError(.malformed, Text(fr: "appareil d'une étiquette : \(error.text.french)",
                                                                                                         en: "tag device: \(error.text.english)")) }
        return Timestamp(hlc: try readHLC(), device: DeviceID(device))
    }

    /// A value; text must be valid UTF-8 and a bool exactly 0 or 1.
    mutating func readValue() throws(ChangeError) -> Value {
        let kindByte = try mapWireError { () throws(WireError) in try readUInt8() }
        guard let kind = Value.Kind(rawValue: kindByte) else { throw ChangeError(.malformed, Text(fr: "type de valeur inconnu \(kindByte)",
            en: "unknown value type \(kindByte)")) }
        switch kind {
        case .null:
            return .null
        case .bool:
            let flag = try mapWireError { () throws(WireError) in try readUInt8() }
            guard flag <= 1 else { throw ChangeError(.malformed, Text(fr: "un booléen vaut 0 ou 1, reçu \(flag)", en: "a bool is 0 or 1, got \(flag)")) }
            return .bool(flag == 1)
        case .integer:
            return .integer(try mapWireError { () throws(WireError) in try readInt64() })
        case .text:
            let length = try mapWireError { () throws(WireError) in try readUInt32() }
            guard length <= EngineLimits.valueBytesMax else {
                throw ChangeError(.tooLarge, Text(fr: "une valeur texte fait \(length) octets ; la limite est \(EngineLimits.valueBytesMax)",
                    en: "text value is \(length) bytes; the limit is \(EngineLimits.valueBytesMax)"))
            }
            let text = try mapWireError { () throws(WireError) in
                try withBytes(count: Int(length)) { bytes in
                    // Decoding repairs invalid UTF-8; the bytes survive unchanged exactly when they were valid.
                    var text = String(decoding: bytes, as: UTF8.self)
                    return text.withUTF8 { sameBytes($0, bytes) } ? text : nil
                }
            }
            guard let text else { throw ChangeError(.malformed, Text(fr: "une valeur texte n'est pas de l'UTF-8 valide", en: "text value is not valid UTF-8")) }
            return .text(text)
        case .bytes:
            return .bytes(try readPayload(Text(fr: "valeur d'octets", en: "bytes value")))
        case .file:
            let hash = try mapWireError { () throws(WireError) in try read(count: FileReference.hashLength) }
            let size = try mapWireError { () throws(WireError) in try readUInt64() }
            return .file(try FileReference(contentHash: hash, size: size))
        }
    }

    private mutating func readPayload(_ field: Text) throws(ChangeError) -> [UInt8] {
        try mapWireError { () throws(WireError) in try readLengthPrefixed(max: EngineLimits.valueBytesMax, field: field) }
    }
}

/// Runs a protocol-level read, turning its `WireError` into the engine's `ChangeError`.
func mapWireError<T>(_ body: () throws(WireError) -> T) throws(ChangeError) -> T {
    do {
        return try body()
    } catch {
        throw ChangeError(error.code == .tooLarge ? .tooLarge : .malformed, error.text)
    }
}

/// Whether two byte buffers are equal, compared eight bytes at a time (the check that a decoded
/// text is its input unchanged runs once per text value).
func sameBytes(_ lhs: UnsafeBufferPointer<UInt8>, _ rhs: UnsafeBufferPointer<UInt8>) -> Bool {
    guard lhs.count == rhs.count else { return false }
    let left = UnsafeRawBufferPointer(lhs), right = UnsafeRawBufferPointer(rhs)
    var index = 0
    while index + 8 <= left.count {
        guard left.loadUnaligned(fromByteOffset: index, as: UInt64.self) == right.loadUnaligned(fromByteOffset: index, as: UInt64.self) else {
            return false
        }
        index += 8
    }
    while index < left.count {
        guard left[index] == right[index] else { return false }
        index += 1
    }
    return true
}
