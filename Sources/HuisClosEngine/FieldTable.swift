/// The field winners of one record, built for the merge's hot path.
///
/// A small array searched linearly: records have a handful of fields, and comparing two short
/// ASCII names costs less than hashing one. Past `indexThreshold` fields a hash index is added,
/// so a record with very many fields never makes a merge quadratic.
struct FieldTable: Sendable {
    /// Fields beyond which lookups go through a hash index.
    static let indexThreshold = 16

    private(set) var names: [String] = []
    private(set) var entries: [FieldEntry] = []
    private var index: [String: Int]?

    init(_ fields: [String: FieldEntry]) {
        for (name, entry) in fields { append(name, entry) }
    }

    /// The position of `name`, if present.
    func position(of name: String) -> Int? {
        if let index { return index[name] }
        return names.firstIndex(of: name)
    }

    /// The winner at `position` (its timestamp is read in place, without copying the value).
    func entry(at position: Int) -> FieldEntry { entries[position] }

    /// The timestamp of the winner at `position`.
    func timestamp(at position: Int) -> Timestamp { entries[position].timestamp }

    /// Replaces the winner at `position`.
    mutating func replace(at position: Int, with entry: FieldEntry) {
        entries[position] = entry
    }

    /// Adds a field that is not present.
    mutating func append(_ name: String, _ entry: FieldEntry) {
        names.append(name)
        entries.append(entry)
        if index != nil {
            index?[name] = names.count - 1
        } else if names.count > Self.indexThreshold {
            index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
        }
    }

    /// Removes the fields whose winner satisfies `shouldRemove`; returns their names.
    mutating func removeAll(where shouldRemove: (FieldEntry) -> Bool) -> [String] {
        var removed: [String] = []
        var kept = FieldTable([:])
        for (name, entry) in zip(names, entries) {
            if shouldRemove(entry) { removed.append(name) } else { kept.append(name, entry) }
        }
        self = kept
        return removed
    }

    /// The winners by name.
    var dictionary: [String: FieldEntry] {
        Dictionary(uniqueKeysWithValues: zip(names, entries))
    }
}
