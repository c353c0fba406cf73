import HuisClosCrypto
public import HuisClosProtocol

/// Where a record lives: its scope (the unit of access and encryption) and its key.
///
/// The same kind and id in two scopes are two records, so a device allowed to write one scope can
/// never overwrite another scope's material.
public struct RecordAddress: Hashable, Sendable {
    /// The scope the record's batches belong to.
    public let scope: ScopeID
    /// The record's kind and id.
    public let key: RecordKey

    /// The record `key` in `scope`.
    public init(scope: ScopeID, key: RecordKey) {
        self.scope = scope
        self.key = key
    }

    /// Hashes the id and kind only: a merge looks up one address per operation, and records of
    /// different scopes sharing a kind and id are rare (equality still compares the scope).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
    }
}

/// The winning write of a field: its timestamp and value.
public struct FieldEntry: Sendable, Equatable {
    /// When, and by which device, the value was written.
    public let timestamp: Timestamp
    /// The value.
    public let value: Value

    /// A field write.
    public init(timestamp: Timestamp, value: Value) {
        self.timestamp = timestamp
        self.value = value
    }
}

/// One add of an observed-remove set: the set, the element (canonical bytes) and the add's tag.
public struct ElementKey: Hashable, Sendable {
    /// The set's name within the record.
    public let set: String
    /// The element's canonical encoding (`Value.encoded`): its identity.
    public let element: [UInt8]
    /// The add's timestamp, unique per add.
    public let tag: Timestamp

    /// The add of `element` to `set` tagged `tag`.
    public init(set: String, element: [UInt8], tag: Timestamp) {
        self.set = set
        self.element = element
        self.tag = tag
    }
}

/// What a merge changed in a record, so the store writes only that.
public struct RecordChanges: Sendable, Equatable {
    /// The record row (written or deleted timestamps, or the row is new).
    public var record = false
    /// Fields whose winner vanished (a delete hid them); changed winners are found by
    /// comparison with the loaded state at save time (`RecordState.changedFields`), which keeps
    /// the per-operation path to one hash lookup.
    public var removedFields: Set<String> = []
    /// Adds that appeared or vanished.
    public var elements: Set<ElementKey> = []
    /// Remove tombstones that appeared or vanished.
    public var removals: Set<ElementKey> = []

    /// No change.
    public init() {}
}

/// The merged state of one record and the merge rules (Protocol/MERGE-RULES.md), pure.
///
/// Applying the same operations in any order, any number of times, gives the same state: every
/// rule is a maximum (of timestamps, or of a set under union). The store loads a record's state,
/// applies a group of batches to it in memory, and writes back only `changes`.
public struct RecordState: Sendable {
    /// The record's address.
    public let address: RecordAddress
    /// The greatest timestamp of any set or add (visible or not).
    public private(set) var written: Timestamp?
    /// The greatest delete timestamp: everything written at or before it is hidden for ever.
    public private(set) var deleted: Timestamp?
    /// Visible field winners, by field name.
    public var fields: [String: FieldEntry] { table.dictionary }
    private var table: FieldTable
    /// Visible adds (not removed, later than the delete), with their element's value.
    public private(set) var elements: [ElementKey: Value]
    /// Remove tombstones of adds later than the delete (the add may not have arrived yet).
    public private(set) var removals: Set<ElementKey>
    /// What changed since the state was created or loaded.
    public private(set) var changes = RecordChanges()
    /// The field winners as loaded.
    private let loadedFields: [String: FieldEntry]

    /// The state of a record no operation has touched yet (its row will be written).
    public init(new address: RecordAddress) {
        self.init(address: address, written: nil, deleted: nil, fields: [:], elements: [:], removals: [])
        changes.record = true
    }

    /// A state loaded from storage, unchanged.
    public init(address: RecordAddress, written: Timestamp?, deleted: Timestamp?, fields: [String: FieldEntry],
                elements: [ElementKey: Value], removals: Set<ElementKey>) {
        self.address = address
        self.written = written
        self.deleted = deleted
        self.table = FieldTable(fields)
        self.loadedFields = fields
        self.elements = elements
        self.removals = removals
    }

    /// Whether the record exists for the domain: something was written after its last delete.
    public var isLive: Bool {
        guard let written else { return false }
        return deleted.map { written > $0 } ?? true
    }

    /// Merges `operation`, authored by `device`.
    public mutating func apply(_ operation: ChangeOperation, by device: DeviceID) {
        let stamp = Timestamp(hlc: operation.hlc, device: device)
        switch operation.change {
        case let .set(_, field, value):
            noteWrite(stamp)
            guard !isHidden(stamp) else { return }
            if let position = table.position(of: field) {
                // Compare timestamps in place (no copy of the current value: the hot path).
                let current = table.timestamp(at: position)
                guard stamp > current || (stamp == current && Self.wins(stamp, value, over: table.entry(at: position))) else { return }
                table.replace(at: position, with: FieldEntry(timestamp: stamp, value: value))
            } else {
                table.append(field, FieldEntry(timestamp: stamp, value: value))
            }
        case let .add(_, set, element):
            noteWrite(stamp)
            let key = ElementKey(set: set, element: element.encoded, tag: stamp)
            guard !isHidden(stamp), !removals.contains(key), elements[key] == nil else { return }
            elements[key] = element
            changes.elements.insert(key)
        case let .remove(_, set, element, observed):
            let encoded = element.encoded
            for tag in observed where !isHidden(tag) {
                let key = ElementKey(set: set, element: encoded, tag: tag)
                if removals.insert(key).inserted { changes.removals.insert(key) }
                if elements.removeValue(forKey: key) != nil { changes.elements.insert(key) }
            }
        case .delete:
            if let deleted, stamp <= deleted { return }
            deleted = stamp
            changes.record = true
            prune(upTo: stamp)
        }
    }

    /// The visible winner of `field`.
    public func field(_ name: String) -> FieldEntry? {
        table.position(of: name).map { table.entry(at: $0) }
    }

    /// Whether the record row or anything in it must be written.
    public var hasChanges: Bool {
        changes != RecordChanges() || !changedFields.isEmpty
    }

    /// Field names whose winner differs from the loaded one: upsert them (`removedFields` that
    /// are not in `fields` any more are deleted).
    public var changedFields: [String] {
        if loadedFields.isEmpty { return table.names }
        return zip(table.names, table.entries).compactMap { name, entry in loadedFields[name] == entry ? nil : name }
    }

    /// Last writer wins: the greater timestamp; equal timestamps (one device reusing a reading,
    /// which the store refuses) fall back to the greater canonical value, so the order is total.
    static func wins(_ stamp: Timestamp, _ value: Value, over current: FieldEntry) -> Bool {
        if stamp != current.timestamp { return stamp > current.timestamp }
        return current.value.encoded.lexicographicallyPrecedes(value.encoded)
    }

    private func isHidden(_ stamp: Timestamp) -> Bool {
        deleted.map { stamp <= $0 } ?? false
    }

    private mutating func noteWrite(_ stamp: Timestamp) {
        if let written, stamp <= written { return }
        written = stamp
        changes.record = true
    }

    /// Drops everything a delete at `stamp` hides: it can never be visible again.
    private mutating func prune(upTo stamp: Timestamp) {
        changes.removedFields.formUnion(table.removeAll { $0.timestamp <= stamp })
        for key in elements.keys where key.tag <= stamp {
            elements[key] = nil
            changes.elements.insert(key)
        }
        for key in removals where key.tag <= stamp {
            removals.remove(key)
            changes.removals.insert(key)
        }
    }
}
