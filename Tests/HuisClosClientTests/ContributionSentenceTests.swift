import HuisClosClient
import HuisClosDossiers
import HuisClosL10n
import Testing

/// A tagged contribution is said in the person's language (the CLI printed the French tag to everyone).
@Suite struct ContributionSentenceTests {
    @Test(arguments: [(Consultations.Tag.retained, "retenue", "kept"), (.dismissed, "écartée", "set aside")])
    func aTagIsSaidInTheLanguageAsked(tag: Consultations.Tag, french: String, english: String) {
        let said = Text.contributionTagged(3, tag)
        #expect(said.french == "Contribution 3 : \(french).")
        #expect(said.english == "Contribution 3: \(english).")
    }
}
