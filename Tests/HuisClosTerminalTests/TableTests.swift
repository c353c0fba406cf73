import HuisClosTerminal
import Testing

@Suite struct TableTests {
    @Test func columnsAlignOnCharactersNotBytes() {
        var table = Table(headers: ["Membre", "Catégorie"])
        table.append(["Hélène Çelik", "recherche"])
        table.append(["Bo", "société civile"])
        #expect(table.render() == """
            Membre        Catégorie
            ────────────  ──────────────
            Hélène Çelik  recherche
            Bo            société civile
            """)
    }

    @Test func emptyLastCellsLeaveNoTrailingBlanks() {
        var table = Table(headers: ["Point", "Dossiers"])
        table.append(["ecoles-connectees", ""])
        #expect(table.render().split(separator: "\n").allSatisfy { $0.last != " " }, "\(table.render())")
    }
}
