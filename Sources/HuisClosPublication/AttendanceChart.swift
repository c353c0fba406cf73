/// A horizontal bar chart of attendance per member, as hand-written SVG (no dependency, no
/// script): one bar per member, its length the attendance rate, labelled with the count.
public enum AttendanceChart {
    /// Width of the drawing in SVG user units.
    static let width = 640
    /// Height of one member's row.
    static let rowHeight = 24
    /// Room on the left for the member's name.
    static let labelWidth = 200
    /// Length of a 100 % bar.
    static let barWidthMax = 340

    /// The chart's accessible name (its data are in the report's table, its long description).
    static func title(_ year: Int) -> String { "Assiduité aux séances \(year)" }

    /// The chart of `attendance` (one row per member, in the given order). Inside an HTML page
    /// (`inline`) it is an image named by `aria-label`; as a file of its own, valid SVG 1.1 has no
    /// ARIA, so its `title` and `desc` name and describe it.
    public static func svg(_ attendance: [ActivityReport.Attendance], year: Int, inline: Bool = false) -> String {
        let height = 40 + attendance.count * rowHeight + 10
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)"\(inline ? " role=\"img\" aria-label=\"\(title(year))\"" : "")>
            <title>\(title(year))</title>
            <desc>Taux de présence de chaque membre aux séances \(year) : une barre par membre, \
            présences sur séances attendues.</desc>
            <text x="0" y="20" font-family="sans-serif" font-size="16">\(title(year))</text>

            """
        for (index, row) in attendance.enumerated() {
            let y = 40 + index * rowHeight
            let bar = row.expected == 0 ? 0 : barWidthMax * row.present / row.expected
            out += """
                <text x="\(labelWidth - 8)" y="\(y + 16)" text-anchor="end" font-family="sans-serif" font-size="13">\(Escaping.xml(row.member))</text>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(barWidthMax)" height="\(rowHeight - 8)" fill="#e6e6e6"/>
                <rect class="bar" x="\(labelWidth)" y="\(y + 4)" width="\(bar)" height="\(rowHeight - 8)" fill="#2b6cb0"/>
                <text x="\(labelWidth + barWidthMax + 8)" y="\(y + 16)" font-family="sans-serif" font-size="13">\(row.present)/\(row.expected) (\(row.percent) %)</text>

                """
        }
        return out + "</svg>\n"
    }
}
