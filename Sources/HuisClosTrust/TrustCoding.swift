import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol

// Canonical field encodings shared by membership records, sealed keys and key-chain links.
// Readers throw `WireError` like every ByteReader read; record decoders map it to `TrustError`.

extension ByteWriter {
    /// A UTF-8 string with a one-byte length (callers keep it within its limit, below 256).
    mutating func write(string: String) {
        precondition(string.utf8.count <= UInt8.max, "short strings only")
        write(UInt8(string.utf8.count))
        write(raw: string.utf8)
    }

    /// A scope id: one-byte length, then its ASCII bytes.
    mutating func write(scope: ScopeID) { write(string: scope.rawValue) }

    mutating func write(instant: Instant) { write(instant.unixSeconds) }

    /// 0, or 1 then the instant.
    mutating func write(optional instant: Instant?) {
        if let instant {
            write(UInt8(1))
            write(instant: instant)
        } else {
            write(UInt8(0))
        }
    }

    mutating func write(bool: Bool) { write(UInt8(bool ? 1 : 0)) }
}

extension ByteReader {
    /// The 4-byte magic and version of a format; anything else is a version this build does not read.
    mutating func expectMagic(_ magic: [UInt8], of what: Text) throws(WireError) {
        guard try read(count: magic.count) == magic else {
            throw WireError(.unsupportedVersion, Text(fr: "« \(what.french) » n'est pas de version 1 (signature de format inconnue) : mettez le client à jour",
                en: "not a version-1 \(what.english) (bad magic); update the client"))
        }
    }

    /// A one-byte-length UTF-8 string of 1…`max` bytes; refuses invalid UTF-8 (so it re-encodes exactly).
    mutating func readString(max: Int, field: Text) throws(WireError) -> String {
        let length = Int(try readUInt8())
        guard (1...max).contains(length) else { throw WireError(.malformed, Text(fr: "« \(field.french) » doit compter de 1 à \(max) octets, reçu \(length)",
            en: "\(field.english) must be 1–\(max) bytes, got \(length)")) }
        let bytes = try read(count: length)
        let string = String(decoding: bytes, as: UTF8.self)
        guard Array(string.utf8) == bytes else { throw WireError(.malformed, Text(fr: "« \(field.french) » n'est pas de l'UTF-8 valide", en: "\(field.english) is not valid UTF-8")) }
        return string
    }

    mutating func readScope() throws(WireError) -> ScopeID {
        try ScopeID(try readString(max: WireLimits.scopeBytesMax, field: Text(fr: "portée", en: "scope")))
    }

    mutating func readInstant() throws(WireError) -> Instant { Instant(unixSeconds: try readInt64()) }

    mutating func readOptionalInstant() throws(WireError) -> Instant? {
        try readBool(field: Text(fr: "indicateur d'échéance", en: "expiry flag")) ? try readInstant() : nil
    }

    /// 0 or 1; any other byte is not canonical.
    mutating func readBool(field: Text) throws(WireError) -> Bool {
        switch try readUInt8() {
        case 0: return false
        case 1: return true
        case let other: throw WireError(.malformed, Text(fr: "« \(field.french) » vaut 0 ou 1, reçu \(other)", en: "\(field.english) must be 0 or 1, got \(other)"))
        }
    }

    /// A one-byte enum value that must be one of `T`'s cases.
    mutating func readEnum<T: RawRepresentable>(_ type: T.Type, field: Text) throws(WireError) -> T where T.RawValue == UInt8 {
        let raw = try readUInt8()
        guard let value = T(rawValue: raw) else { throw WireError(.malformed, Text(fr: "valeur inconnue \(raw) pour « \(field.french) »", en: "unknown \(field.english) \(raw)")) }
        return value
    }

    mutating func readMember() throws(WireError) -> MemberID {
        do {
            return try MemberID(bytes: try read(count: MemberID.length))
        } catch let error as WireError {
            throw error
        } catch {
            throw WireError(.malformed, Text(fr: "identifiant de membre illisible", en: "member id unreadable"))
        }
    }

    mutating func readSigningKey() throws(WireError) -> SigningPublicKey {
        let bytes = try read(count: SigningPublicKey.length)
        guard let key = try? SigningPublicKey(bytes: bytes) else { throw WireError(.malformed, Text(fr: "clé Ed25519 illisible", en: "Ed25519 key unreadable")) }
        return key
    }

    mutating func readAgreementKey() throws(WireError) -> AgreementPublicKey {
        let bytes = try read(count: AgreementPublicKey.length)
        guard let key = try? AgreementPublicKey(bytes: bytes) else { throw WireError(.malformed, Text(fr: "clé X25519 illisible", en: "X25519 key unreadable")) }
        return key
    }
}
