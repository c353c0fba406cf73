import HuisClosDossiers
import HuisClosPublication
import Testing

@Suite struct ReferralTests {
    @Test func referralIsTrackedFromReceiptToTheAvisThatAnswersItOnEveryDevice() throws {
        let stores = try Council.stores(2)
        let secretariat = Referrals(store: stores[0])
        try secretariat.receive("r-2026-01", subject: "Fracture numérique", origin: .departmentalPresident, on: day("2026-02-01"))
        try secretariat.receive("r-2026-02", subject: "Données ouvertes", origin: .selfReferral, on: day("2026-01-15"))
        #expect(throws: DossierError.self) { try secretariat.answer("r-absent", with: "avis-2026-01") }
        try Council.sync(stores)
        let member = Referrals(store: stores[1])
        #expect(try member.list().map(\.id) == ["r-2026-02", "r-2026-01"])
        #expect(try member.list().allSatisfy { $0.answeredBy == nil })
        try member.answer("r-2026-01", with: "avis-2026-01")
        try Council.sync(stores)
        let answered = try secretariat.list().first { $0.id == "r-2026-01" }
        #expect(answered?.answeredBy == "avis-2026-01" && answered?.origin == .departmentalPresident)
    }
}
