import Foundation

/// Escaping for the formats published material is rendered into.
package enum Escaping {
    /// Text safe inside HTML elements and double-quoted attributes.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    ///
    /// A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is first prefixed
    /// with `'` (OWASP's advice against CSV injection): a spreadsheet opening the open data would
    /// otherwise run it as a formula (`=HYPERLINK(…)`, `=cmd|…`).
    static func csv(_ field: String) -> String {
        let field = field.first.map { "=+-@\t\r".contains($0) } == true ? "'" + field : field
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
