/// Where agenda items sit: an integer position per item, ordered by (position, item id).
///
/// Positions leave gaps so a move or an insertion writes one field of one item; concurrent
/// offline edits (the secretariat adds, the president reorders) then touch different fields or
/// resolve by last-writer-wins, and every replica sorts the merged positions the same way — the
/// item id breaks ties, so equal positions written concurrently still give one order everywhere.
enum AgendaPosition {
    /// The gap between consecutive items when appended or renumbered: 2^20 leaves 20 halvings
    /// before two neighbours touch, far more moves than a séance's agenda sees between renumberings.
    static let gap: Int64 = 1 << 20

    /// A position to append after `last` (nil: the first item).
    static func after(_ last: Int64?) -> Int64 { (last ?? 0) + gap }

    /// A position strictly between `before` and `after` (either may be absent), or nil when they
    /// are adjacent and the agenda must be renumbered.
    static func between(_ before: Int64?, _ after: Int64?) -> Int64? {
        switch (before, after) {
        case (nil, nil): return gap
        case let (b?, nil): return b + gap
        case let (nil, a?): return a - gap
        case let (b?, a?):
            guard a - b > 1 else { return nil }
            return b + (a - b) / 2
        }
    }
}
