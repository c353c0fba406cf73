/// A small real PDF written by hand for the app's reader: each page has a black band (pixels
/// that are drawn whatever fonts the reader has) and a line of Helvetica text.
enum MinimalPDF {
    /// A PDF of `pages` A4 pages, the `n`-th saying "<title> - page n"; each page's content
    /// stream padded with comment lines to about `pageBytes` (a large file that stays quick to draw).
    static func make(title: String, pages: Int, pageBytes: Int = 0) -> [UInt8] {
        let padding = String(repeating: "%" + String(repeating: "x", count: 1022) + "\n", count: pageBytes / 1024)
        let kids = (0..<pages).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        var objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [\(kids)] /Count \(pages) >>",
                       "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
        for page in 1...pages {
            let stream = padding + "0 0 0 rg 72 560 451 160 re f BT /F1 28 Tf 72 480 Td (\(title) - page \(page)) Tj ET"
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents \(5 + 2 * (page - 1)) 0 R >>")
            objects.append("<< /Length \(stream.utf8.count) >>\nstream\n\(stream)\nendstream")
        }
        var text = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(text.utf8.count)
            text += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let table = text.utf8.count
        text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets {
            let digits = String(offset)
            text += String(repeating: "0", count: 10 - digits.count) + digits + " 00000 n \n"
        }
        text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
        return Array(text.utf8)
    }
}
