import HuisClosSync
import Testing

/// User-facing text: French by default, English on request; the progress bar's line.
@Suite struct LocalizedTests {
    @Test func localizedTextPicksTheLanguage() {
        let text = Localized(fr: "Synchronisation terminée", en: "Sync complete")
        #expect(text.text(.french) == "Synchronisation terminée")
        #expect(text.text(.english) == "Sync complete")
    }

    @Test func progressLineShowsFractionAndCounts() {
        let bar = ProgressBar(Localized(fr: "Envoi", en: "Upload"), force: true)
        let line = bar.line(done: 5, total: 20)
        #expect(line.contains("25%") && line.contains("5/20"))
        #expect(bar.line(done: 0, total: 0).contains("100%"), "nothing to do is done")
    }
}
