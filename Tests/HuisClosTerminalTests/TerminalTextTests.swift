import HuisClosTerminal
import Testing

/// What others wrote reaches a terminal shown, not obeyed (the attacker's review: a member's note
/// title with an escape sequence cleared another member's screen and wrote to the clipboard).
@Suite struct TerminalTextTests {
    @Test func escapeSequencesAndBidirectionalOverridesAreShownNotObeyed() {
        let title = "Budget\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7} \u{202e}fdp.tnemucod\u{2066}x\u{2069}\u{9b}31m\u{7f}"
        #expect(TerminalText.shown(title) == #"Budget\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7} \u{202e}fdp.tnemucod\u{2066}x\u{2069}\u{9b}31m\u{7f}"#)
    }

    @Test func linesAndTabsAreKeptInTextAndShownInACell() {
        let body = "Ordre du jour :\n\t1. Budget\r\u{2028}fin"
        #expect(TerminalText.shown(body) == "Ordre du jour :\n\t1. Budget\\u{d}\\u{2028}fin")
        #expect(TerminalText.shown(body, keepingLines: false) == #"Ordre du jour :\u{a}\u{9}1. Budget\u{d}\u{2028}fin"#)
    }

    @Test func ordinaryTextOfAnyScriptIsUnchanged() {
        for text in ["Hélène Çelik — « séance » n° 3", "ليلى\u{200f} بن علي", "Ζωή 张伟 👩🏽‍💼"] {
            #expect(TerminalText.shown(text, keepingLines: false) == text)
        }
    }

    @Test func jsonKeepsItsValueAndShowsItsControlsAsJSONEscapes() throws {
        let json = #"{"place":"A\u001b[2J"# + "\u{202e}B\u{9b}\u{7f}\"}"
        #expect(TerminalText.json(json) == #"{"place":"A\u001b[2J\u202eB\u009b\u007f"}"#)
    }

    @Test func aTableCellIsOneShownLine() {
        var table = Table(headers: ["Note", "Auteur"])
        table.append(["Relire\n\u{1b}[1AOK", "Bo"])
        #expect(table.render() == """
            Note                    Auteur
            ──────────────────────  ──────
            Relire\\u{a}\\u{1b}[1AOK  Bo
            """)
    }
}
