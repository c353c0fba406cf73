import HuisClosL10n

/// Text from others (a note's title, a member's name, a séance's place, a word typed on the
/// command line) as a terminal may show it: an escape sequence hidden in it (clearing the
/// screen, rewriting the clipboard, moving the cursor to overwrite a line) or a bidirectional
/// override (reordering what is read) is shown as `\u{…}`, not obeyed.
public enum TerminalText {
    /// `text` with its control characters, line and paragraph separators and bidirectional
    /// embeddings, overrides and isolates written as `\u{…}`; line feeds and tabs kept when `keepingLines`.
    public static func shown(_ text: String, keepingLines: Bool = true) -> String {
        escaping(text, keepingLines: keepingLines) { "\\u{\(String($0, radix: 16))}" }
    }

    /// A JSON text with the same characters written as JSON escapes (`\u202e`): the value is
    /// unchanged for a program, and a terminal showing it obeys nothing.
    public static func json(_ text: String) -> String {
        escaping(text, keepingLines: false) { value in
            let hex = String(value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }
    }

    /// `text` with each hidden scalar replaced by `escape` of its value.
    private static func escaping(_ text: String, keepingLines: Bool, _ escape: (UInt32) -> String) -> String {
        guard text.unicodeScalars.contains(where: { HiddenCharacters.contains($0, keepingLines: keepingLines) }) else { return text }
        var shown = ""
        for scalar in text.unicodeScalars {
            if HiddenCharacters.contains(scalar, keepingLines: keepingLines) {
                shown += escape(scalar.value)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }
}
