/// A plain-text table for listings: a header row, aligned columns, a rule under the header.
///
/// Widths count characters (Swift `Character`s), so accented French text aligns.
public struct Table: Sendable {
    public let headers: [String]
    public private(set) var rows: [[String]] = []

    public init(headers: [String]) {
        precondition(!headers.isEmpty, "a table needs at least one column")
        self.headers = headers
    }

    /// Adds a row; it must have one cell per column. A cell is one line: what would break the
    /// table or drive the terminal (a line feed, an escape sequence) is shown as `\u{…}` (`TerminalText`).
    public mutating func append(_ row: [String]) {
        precondition(row.count == headers.count, "row has \(row.count) cells for \(headers.count) columns")
        rows.append(row.map { TerminalText.shown($0, keepingLines: false) })
    }

    /// The table as lines joined by newlines, columns separated by two spaces, no trailing blanks.
    public func render() -> String {
        let widths = headers.indices.map { column in
            ([headers] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (index, cell) in cells.enumerated() {
                text += cell
                if index < cells.count - 1 { text += String(repeating: " ", count: widths[index] - cell.count + 2) }
            }
            // Empty last cells leave padding behind: trim it.
            while text.last == " " { text.removeLast() }
            return text
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(headers), rule] + rows.map(line)).joined(separator: "\n")
    }
}
