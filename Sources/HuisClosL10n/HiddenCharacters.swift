/// The code points that act on how the text around them is shown instead of showing themselves:
/// C0 and C1 controls (escape sequences), line and paragraph separators, and the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) that reorder what is read.
/// Text written by others is shown with them neutralised wherever it is shown: on a terminal
/// (`TerminalText`), in a page or document (`Escaping`), in a calendar (`SeanceCalendar`).
/// The left-to-right and right-to-left marks (U+200E, U+200F) stay: names need them, and they
/// reorder nothing but neutral characters.
public enum HiddenCharacters {
    /// Whether `scalar` is one of them; line feeds and tabs count only when `keepingLines` is false.
    public static func contains(_ scalar: Unicode.Scalar, keepingLines: Bool = false) -> Bool {
        if keepingLines, scalar == "\n" || scalar == "\t" { return false }
        switch scalar.value {
        // C0 controls, DEL and C1 controls (Unicode's `Cc`); the line and paragraph separators,
        // then the embeddings and overrides; the isolates.
        case 0x00...0x1F, 0x7F...0x9F, 0x2028...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` with each of them shown as U+FFFD, line feeds, carriage returns and tabs kept: what
    /// a document (a CSV file, an e-mail) shows of others' text.
    public static func replaced(in text: String) -> String {
        var shown = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            shown.append(scalar != "\r" && contains(scalar, keepingLines: true) ? "\u{FFFD}" : scalar)
        }
        return String(shown)
    }
}
