import HuisClosL10n
import HuisClosProtocol

/// The canonical encoding of a batch's operations (Protocol/OPERATIONS.md): what goes, maybe
/// sealed, into a `BatchEnvelope` body.
///
/// One list of operations has exactly one encoding: decoding is strict (limits, identifier
/// alphabets, valid UTF-8, strictly increasing clock readings, sorted tags, no trailing bytes) and
/// re-encoding a decoded list gives the input byte for byte. Untrusted bytes never trap.
public enum OperationEncoding {
    /// "HCO" then format version 1.
    public static let magic: [UInt8] = [0x48, 0x43, 0x4F, 0x01]

    /// The type byte of each operation.
    enum OpType: UInt8 {
        case set = 1, add = 2, remove = 3, delete = 4
    }

    /// Encodes `operations` (1…`EngineLimits.operationsPerBatchMax`, readings strictly increasing).
    ///
    /// Observed tags of a remove are written sorted and without duplicates. Throws
    /// `.invalidChange`/`.tooLarge` for input a peer would refuse, so none is ever signed.
    public static func encode(_ operations: [ChangeOperation]) throws(ChangeError) -> [UInt8] {
        guard (1...EngineLimits.operationsPerBatchMax).contains(operations.count) else {
            throw ChangeError(.invalidChange, Text(fr: "un lot contient de 1 à \(EngineLimits.operationsPerBatchMax) opérations, reçu \(operations.count) : découpez-le ou omettez-le",
                en: "a batch holds 1–\(EngineLimits.operationsPerBatchMax) operations, got \(operations.count): split or skip it"))
        }
        var writer = ByteWriter(capacity: 16 + operations.count * 64)
        writer.write(raw: magic)
        writer.write(UInt32(operations.count))
        var previous: HLC?
        for operation in operations {
            if let previous, operation.hlc <= previous {
                throw ChangeError(.invalidChange, Text(fr: "les lectures d'horloge des opérations doivent croître strictement dans un lot (\(operation.hlc) après \(previous))",
                    en: "operation readings must strictly increase within a batch (\(operation.hlc) after \(previous))"))
            }
            previous = operation.hlc
            try write(operation, into: &writer)
        }
        return writer.bytes
    }

    /// Decodes and checks the canonical encoding; throws `.malformed` or `.tooLarge` otherwise.
    public static func decode(_ bytes: [UInt8]) throws(ChangeError) -> [ChangeOperation] {
        var reader = ByteReader(bytes)
        let head = try mapWireError { () throws(WireError) in try reader.read(count: magic.count) }
        guard head == magic else { throw ChangeError(.malformed, Text(fr: "pas des opérations de version 1 (signature de format inconnue) : mettez ce client à jour",
            en: "not version-1 operations (bad magic): update this client")) }
        let count = Int(try mapWireError { () throws(WireError) in try reader.readUInt32() })
        guard (1...EngineLimits.operationsPerBatchMax).contains(count) else {
            throw ChangeError(count == 0 ? .malformed : .tooLarge, Text(fr: "un lot contient de 1 à \(EngineLimits.operationsPerBatchMax) opérations, reçu \(count)",
                en: "a batch holds 1–\(EngineLimits.operationsPerBatchMax) operations, got \(count)"))
        }
        // Each operation takes at least 16 bytes: a claimed count cannot make us reserve more than the input.
        var operations: [ChangeOperation] = []
        operations.reserveCapacity(min(count, reader.remaining / 16))
        var previous: HLC?
        for _ in 0..<count {
            let operation = try read(from: &reader)
            if let previous, operation.hlc <= previous {
                throw ChangeError(.malformed, Text(fr: "les lectures d'horloge des opérations doivent croître strictement dans un lot",
                    en: "operation readings must strictly increase within a batch"))
            }
            previous = operation.hlc
            operations.append(operation)
        }
        try mapWireError { () throws(WireError) in try reader.expectEnd(of: Text(fr: "opérations", en: "operations")) }
        return operations
    }

    private static func write(_ operation: ChangeOperation, into writer: inout ByteWriter) throws(ChangeError) {
        let record = operation.change.record
        switch operation.change {
        case let .set(_, field, value):
            try begin(.set, operation.hlc, record, name: field, value: value, into: &writer)
        case let .add(_, set, element):
            try begin(.add, operation.hlc, record, name: set, value: element, into: &writer)
        case let .remove(_, set, element, observed):
            let tags = Array(Set(observed)).sorted()
            guard (1...EngineLimits.observedTagsMax).contains(tags.count) else {
                throw ChangeError(.invalidChange, Text(fr: "un retrait porte de 1 à \(EngineLimits.observedTagsMax) étiquettes d'ajout observées, reçu \(tags.count)",
                    en: "a remove carries 1–\(EngineLimits.observedTagsMax) observed add tags, got \(tags.count)"))
            }
            try begin(.remove, operation.hlc, record, name: set, value: element, into: &writer)
            writer.write(UInt16(tags.count))
            for tag in tags { writer.write(tag: tag) }
        case .delete:
            try begin(.delete, operation.hlc, record, name: nil, value: nil, into: &writer)
        }
    }

    private static func begin(_ type: OpType, _ hlc: HLC, _ record: RecordKey, name: String?, value: Value?,
                              into writer: inout ByteWriter) throws(ChangeError) {
        writer.write(type.rawValue)
        writer.write(hlc)
        writer.write(name: record.kind)
        writer.write(name: record.id)
        if let name {
            try Names.check(name, what: type == .set ? "field name" : "set name")
            writer.write(name: name)
        }
        if let value {
            guard value.payloadByteCount <= EngineLimits.valueBytesMax else {
                throw ChangeError(.tooLarge, Text(fr: "une valeur fait au plus \(EngineLimits.valueBytesMax) octets : gardez un contenu plus grand comme fichier",
                    en: "a value is at most \(EngineLimits.valueBytesMax) bytes: store larger content as a file"))
            }
            writer.write(value)
        }
    }

    private static func read(from reader: inout ByteReader) throws(ChangeError) -> ChangeOperation {
        let typeByte = try mapWireError { () throws(WireError) in try reader.readUInt8() }
        guard let type = OpType(rawValue: typeByte) else { throw ChangeError(.malformed, Text(fr: "type d'opération inconnu \(typeByte)",
            en: "unknown operation type \(typeByte)")) }
        let hlc = try reader.readHLC()
        let kind = try reader.readName(Text(fr: "nature d'enregistrement", en: "record kind"))
        let id = try reader.readName(Text(fr: "identifiant d'enregistrement", en: "record id"), maxBytes: EngineLimits.recordIDBytesMax, extra: UInt8(ascii: ":"))
        let record = RecordKey(validatedKind: kind, id: id)
        switch type {
        case .set:
            let field = try reader.readName(Text(fr: "nom de champ", en: "field name"))
            return ChangeOperation(hlc: hlc, change: .set(record, field: field, value: try reader.readValue()))
        case .add:
            let set = try reader.readName(Text(fr: "nom d'ensemble", en: "set name"))
            return ChangeOperation(hlc: hlc, change: .add(record, set: set, element: try reader.readValue()))
        case .remove:
            let set = try reader.readName(Text(fr: "nom d'ensemble", en: "set name"))
            let element = try reader.readValue()
            let count = Int(try mapWireError { () throws(WireError) in try reader.readUInt16() })
            guard (1...EngineLimits.observedTagsMax).contains(count) else {
                throw ChangeError(count == 0 ? .malformed : .tooLarge, Text(fr: "un retrait porte de 1 à \(EngineLimits.observedTagsMax) étiquettes, reçu \(count)",
                    en: "a remove carries 1–\(EngineLimits.observedTagsMax) tags, got \(count)"))
            }
            var tags: [Timestamp] = []
            for _ in 0..<count {
                let tag = try reader.readTag()
                if let last = tags.last, tag <= last { throw ChangeError(.malformed, Text(fr: "les étiquettes observées doivent être triées et distinctes",
                    en: "observed tags must be sorted and distinct")) }
                tags.append(tag)
            }
            return ChangeOperation(hlc: hlc, change: .remove(record, set: set, element: element, observed: tags))
        case .delete:
            return ChangeOperation(hlc: hlc, change: .delete(record))
        }
    }
}
