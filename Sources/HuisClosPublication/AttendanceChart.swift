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

    /// The chart of `attendance` (one row per member, in the given order).
    public static func svg(_ attendance: [ActivityReport.Attendance], year: Int) -> String {
        let height = 40 + attendance.count * rowHeight + 10
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" \
            viewBox="0 0 \(width) \(height)" role="img" aria-labelledby="chart-title">
            <title id="chart-title">Assiduité aux séances \(year)</title>
            <text x="0" y="20" font-family="sans-serif" font-size="16">Assiduité aux séances \(year)</text>

            """
        for (index, row) in attendance.enumerated() {
            let y = 40 + index * rowHeight
            let bar = row.expected == 0 ? 0 : barWidthMax * row.present / row.expected
            out += """
                <text x="\(labelWidth - 8)" y="\(y + 16)" text-anchor="end" font-family="sans-serif" font-size="13">\(Escaping.html(row.member))</text>
                <rect x="\(labelWidth)" y="\(y + 4)" width="\(barWidthMax)" height="\(rowHeight - 8)" fill="#e6e6e6"/>
                <rect class="bar" x="\(labelWidth)" y="\(y + 4)" width="\(bar)" height="\(rowHeight - 8)" fill="#2b6cb0"/>
                <text x="\(labelWidth + barWidthMax + 8)" y="\(y + 16)" font-family="sans-serif" font-size="13">\(row.present)/\(row.expected) (\(row.percent) %)</text>

                """
        }
        return out + "</svg>\n"
    }
}
