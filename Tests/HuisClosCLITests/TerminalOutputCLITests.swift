import Foundation
import HuisClosTestSupport
import Testing

/// What listings and sentences put on a terminal.
@Suite(.tags(.slow)) struct TerminalOutputCLITests {
    static let hostile = "Salle\u{1b}[2J\u{1b}]52;c;cHduZWQ=\u{7} \u{202e}A\n\u{1b}[1A"

    /// The attacker's review: what another member wrote (a note, a place, an agenda item's title)
    /// reached the terminal as is, so an escape sequence in it cleared the screen, wrote to the
    /// clipboard or overwrote a line of a listing. Listings and sentences now show such characters.
    /// And the acceptance run: an empty listing printed its header alone.
    @Test func escapeSequencesWrittenByOthersAreShownNotObeyedAndAnEmptyListingSaysSo() async throws {
        try await CouncilCLI.with("cli-terminal-output") { council in
            try await council.setUp()
            let empty = try await council.ok("secretariat", ["groupes", "liste"], english: false)
            #expect(empty.hasSuffix("(aucune ligne)\n"), "\(empty)")
            try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(20), "--heure", "14h", "--lieu", Self.hostile])
            try await council.ok("secretariat", ["ordre-du-jour", "ajouter", "s1", "budget", "--titre", Self.hostile])
            for arguments in [["seances", "liste"], ["seances", "voir", "s1"]] {
                let run = try await council.run("secretariat", arguments, english: false)
                #expect(run.status == 0, "\(arguments) \(run.errors)")
                for hidden in ["\u{1b}", "\u{7}", "\u{202e}"] {
                    #expect(!run.output.contains(hidden) && !run.errors.contains(hidden), "\(arguments): \(run.output.debugDescription)")
                }
                #expect(run.output.contains(#"Salle\u{1b}[2J"#), "\(arguments): \(run.output)")
            }
            // JSON carries the text as written, escaped by JSON itself.
            let rows = try await council.rows("secretariat", ["seances", "liste"])
            #expect(rows.first?["place"] as? String == Self.hostile, "\(rows)")
        }
    }
}
