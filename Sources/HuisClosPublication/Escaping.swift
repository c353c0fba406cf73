import Foundation
import HuisClosL10n

/// Escaping for the formats published material is rendered into.
package enum Escaping {
    /// Text safe inside HTML elements and double-quoted attributes.
    ///
    /// Works on code points, never on `Character`s: a "prepend" code point (U+0600 ARABIC NUMBER
    /// SIGN…) joins the next into one `Character`, so `"\u{600}<"` is not equal to `"<"` and a
    /// character-wise escaper let markup through.
    ///
    /// A code point that acts on the display instead of showing itself (`HiddenCharacters`: a
    /// control, a bidirectional override reordering a name or a title) becomes U+FFFD, seen as
    /// such; line breaks, tabs and carriage returns stay (white space in HTML).
    package static func html(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n", "\t", "\r": out.append(scalar)
            case _ where HiddenCharacters.contains(scalar): out.append("\u{FFFD}")
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

    /// Text safe inside XML 1.0 elements and double-quoted attributes: `html`'s escaping (which
    /// already replaces C0 controls), with U+FFFE and U+FFFF, which XML 1.0 also forbids, replaced
    /// by U+FFFD — one of them would make a parser refuse the whole document.
    package static func xml(_ text: String) -> String {
        var allowed = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            allowed.append(scalar.value == 0xFFFE || scalar.value == 0xFFFF ? "\u{FFFD}" : scalar)
        }
        return html(String(allowed))
    }

    /// Text that a Markdown reader (CommonMark, GitHub's) shows as written: the characters that
    /// open markup — inline HTML, a link or an image (which a viewer would fetch), emphasis, code,
    /// a table's cell — are escaped with a backslash, `&` too (an entity), and hidden characters
    /// become U+FFFD as in `html`. Each line is kept from opening a block: its leading spaces
    /// (a code block) are dropped, a leading `-`, `+`, `=` (a list, a heading's underline) or a
    /// list number's `.` or `)` escaped. `inline` text (a heading, a list item, a table cell) has
    /// its line breaks made spaces, so it cannot start a block of its own.
    package static func markdown(_ text: String, inline: Bool) -> String {
        let lines = inline ? [text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")]
            : text.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n")
        return lines.map(markdownLine).joined(separator: "\n")
    }

    /// One line of `markdown`.
    private static func markdownLine(_ line: String) -> String {
        let scalars = line.unicodeScalars.drop { $0 == " " || $0 == "\t" }
        let digits = scalars.prefix { ("0"..."9").contains($0) }
        var out = String.UnicodeScalarView()
        for (offset, scalar) in scalars.enumerated() {
            let opensBlock = (offset == 0 && "-+=".unicodeScalars.contains(scalar))
                || (offset == digits.count && !digits.isEmpty && (scalar == "." || scalar == ")"))
            switch scalar {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "!", "|", "&", "~", "#":
                out.append("\\")
                out.append(scalar)
            case _ where opensBlock:
                out.append("\\")
                out.append(scalar)
            case "\t": out.append(scalar)
            case _ where HiddenCharacters.contains(scalar): out.append("\u{FFFD}")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break.
    ///
    /// A field that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is first prefixed
    /// with `'` (OWASP's advice against CSV injection): a spreadsheet opening the open data would
    /// otherwise run it as a formula (`=HYPERLINK(…)`, `=cmd|…`).
    /// Like `html`, it reads code points, not `Character`s, and shows a hidden character (a
    /// control, a bidirectional override) as U+FFFD, line breaks and tabs kept.
    static func csv(_ field: String) -> String {
        let shown = HiddenCharacters.replaced(in: field)
        let field = shown.unicodeScalars.first.map { "=+-@\t\r".unicodeScalars.contains($0) } == true ? "'" + shown : shown
        guard field.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        var quoted = String.UnicodeScalarView()
        for scalar in field.unicodeScalars {
            quoted.append(scalar)
            if scalar == "\"" { quoted.append(scalar) }
        }
        return "\"" + String(quoted) + "\""
    }
}
