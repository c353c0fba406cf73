import Foundation
import HuisClosCouncil
import HuisClosL10n
@testable import HuisClosPublication
import HuisClosTestSupport
import Testing

/// The SEDA 2.2 manifest alone (issue 17, item 5), checked against the official schema by xmllint:
/// hostile and XML-forbidden text stays valid and intact, file names never choose a path, and the
/// services' identifiers are checked before anything is built.
@Suite struct SEDATransferTests {
    static let hostile = "Avis <script>&\"\u{600}<b>'"

    static func transfer(title: String, stem: String) throws -> SEDATransfer {
        let seance = Seance(id: "s1", date: Day(iso: "2026-03-10")!, place: "Salle \u{600}<\"&", agenda: [AgendaItem(id: "p1", title: title)])
        let agencies = try SEDATransfer.Agencies(archival: "FRAD093", transferring: "A&B <versant>", originating: "\"producteur\"", agreement: nil)
        let file = SEDATransfer.File(stem: stem, fileExtension: "txt", title: title, originalName: "\(title).txt", mimeType: "text/plain", bytes: Array("texte".utf8))
        return SEDATransfer(messageIdentifier: "m-1", date: Date(timeIntervalSince1970: 1_773_000_000), councilName: "Conseil \u{1}\(title)",
                            agencies: agencies, coverage: .seance, parts: [SEDATransfer.Part(seance: seance, files: [file])], shared: [])
    }

    @Test func hostileAndForbiddenTextComesOutValidAndIntact() async throws {
        let folder = try TemporaryFolder("seda-unit")
        defer { folder.remove() }
        let transfer = try Self.transfer(title: Self.hostile + "\u{0}\u{FFFE}", stem: "../../etc/passwd")
        let manifest = folder.url.appendingPathComponent("manifest.xml")
        try Data(transfer.manifest().utf8).write(to: manifest)

        let valid = try await SEDASchema.validate(manifest)
        #expect(valid.status == 0 && valid.errors.contains("validates"), "\(valid.errors)\n\(transfer.manifest())")
        // Forbidden code points become U+FFFD; everything else reads back as written.
        #expect(try await SEDASchema.xpath("string(//*[local-name()='ArchiveUnit'][@id='AU1']/*/*[local-name()='Title'])", in: manifest)
                == Self.hostile + "\u{FFFD}\u{FFFD}")
        #expect(try await SEDASchema.xpath("string(//*[local-name()='TransferringAgency']/*)", in: manifest) == "A&B <versant>")
        #expect(transfer.names == ["01-______etc_passwd.txt"])
        #expect(transfer.manifest().contains("<Uri>content/01-______etc_passwd.txt</Uri>"))
        #expect(transfer.files[0].sha512 == "7850f39e5f19fdc92cb6fd146dec1642d55e382dcbfc152732118ef7e013e928283875c4fd6e9754d0d9754d5d130250d9146f5d2648e3d01133b814acfd78fd")  // printf texte | sha512sum
    }

    @Test func aYearIsOneGroupUnitWithASeanceUnitEachAndTheSharedFilesOnce() async throws {
        let folder = try TemporaryFolder("seda-year")
        defer { folder.remove() }
        let agencies = try SEDATransfer.Agencies(archival: "FRAD093", transferring: "t", originating: "o", agreement: "ACC-1")
        let file = { (stem: String) in SEDATransfer.File(stem: stem, fileExtension: "csv", title: stem, mimeType: "text/csv", bytes: Array(stem.utf8)) }
        let parts = [("s1", "2026-03-10"), ("s2", "2026-06-02")].map { id, day in
            SEDATransfer.Part(seance: Seance(id: id, date: Day(iso: day)!, place: "Bobigny"), files: [file("\(id)-presence"), file("\(id)-ordre-du-jour")])
        }
        let transfer = SEDATransfer(messageIdentifier: "m-2026", date: Date(timeIntervalSince1970: 1_773_000_000), councilName: "Conseil",
                                    agencies: agencies, coverage: .year(2026), parts: parts, shared: [file("racines")])
        let manifest = folder.url.appendingPathComponent("manifest.xml")
        try Data(transfer.manifest().utf8).write(to: manifest)

        let valid = try await SEDASchema.validate(manifest)
        #expect(valid.status == 0 && valid.errors.contains("validates"), "\(valid.errors)")
        #expect(transfer.names == ["01-s1-presence.csv", "02-s1-ordre-du-jour.csv", "03-s2-presence.csv", "04-s2-ordre-du-jour.csv", "05-racines.csv"])
        let root = "//*[@id='AU0']"
        let content = "/*[local-name()='Content']/*[local-name()="
        #expect(try await SEDASchema.xpath("string(\(root)\(content)'DescriptionLevel'])", in: manifest) == "RecordGrp")
        #expect(try await SEDASchema.xpath("concat(\(root)\(content)'StartDate'], ' ', \(root)\(content)'EndDate'])", in: manifest) == "2026-03-10 2026-06-02")
        #expect(try await SEDASchema.xpath("count(\(root)/*[local-name()='ArchiveUnit'][*[local-name()='Content']/*[local-name()='DescriptionLevel'] = 'File'])", in: manifest) == "2")
        // Each séance's items reference its own objects; the shared file hangs from the year's unit.
        #expect(try await SEDASchema.xpath("string(//*[@id='S2']/*[local-name()='ArchiveUnit'][1]//*[local-name()='DataObjectReferenceId'])", in: manifest) == "BDO3")
        #expect(try await SEDASchema.xpath("string(\(root)/*[local-name()='ArchiveUnit']/*[local-name()='DataObjectReference'])", in: manifest) == "BDO5")
    }

    @Test func theServicesAreCheckedBeforeAnythingIsBuilt() {
        #expect(throws: ArchiveError(.archivalAgencyMissing)) {
            try SEDATransfer.Agencies(archival: nil, transferring: "t", originating: "o", agreement: nil)
        }
        #expect(throws: ArchiveError(.archivalAgencyMissing)) {
            try SEDATransfer.Agencies(archival: "  ", transferring: "t", originating: "o", agreement: nil)
        }
        for (transferring, agreement) in [("", nil), ("t", "accord\nligne"), ("t\u{7}", nil)] as [(String, String?)] {
            let error = #expect(throws: ArchiveError.self) {
                try SEDATransfer.Agencies(archival: "FRAD093", transferring: transferring, originating: "o", agreement: agreement)
            }
            #expect(error?.code == .invalidIdentifier, "\(transferring.debugDescription) \(agreement.debugDescription)")
        }
        #expect((try? SEDATransfer.Agencies(archival: " FRAD093 ", transferring: "t", originating: "o", agreement: "ACC-1"))?.archival == "FRAD093")
    }
}
