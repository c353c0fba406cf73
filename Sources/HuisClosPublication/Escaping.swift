import Foundation

/// Escaping for the formats published material is rendered into.
package enum Escaping {
    /// Text safe inside HTML elements and double-quoted attributes.
    ///
    /// Works on code points, never on `Character`s: a "prepend" code point (U+0600 ARABIC NUMBER
    /// SIGN…) joins the next into one `Character`, so `"\u{600}<"` is not equal to `"<"` and a
    /// character-wise escaper let markup through.
    package static func html(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// Text safe inside XML 1.0 elements and double-quoted attributes: `html`'s escaping, after
    /// each code point XML 1.0 forbids (C0 controls but tab, LF and CR; U+FFFE, U+FFFF) is
    /// replaced by U+FFFD — one of them would make a parser refuse the whole document.
    package static func xml(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let forbidden = (scalar.value < 0x20 && ![0x9, 0xA, 0xD].contains(scalar.value)) || scalar.value == 0xFFFE || scalar.value == 0xFFFF
            allowed.append(forbidden ? "\u{FFFD}" : scalar)
        }
        return html(String(allowed))
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    ///
    /// A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is first prefixed
    /// with `'` (OWASP's advice against CSV injection): a spreadsheet opening the open data would
    /// otherwise run it as a formula (`=HYPERLINK(…)`, `=cmd|…`).
    /// Like `html`, it reads code points, not `Character`s.
    static func csv(_ field: String) -> String {
        let field = field.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + field : field
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = String.UnicodeScalarView()
        for scalar in field.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        return "\"" + String(quoted) + "\""
    }
}
