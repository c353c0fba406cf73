import Foundation
import HuisClosTestSupport
import Testing

/// Issue 17, item 5, through the built `huisclos`: a held séance — convocation time-stamped by a
/// real `openssl ts` authority, an agenda item with a dossier, an avis adopted at it, minutes
/// approved at the next séance and signed — exported with `rapport archive` as a SEDA 2.2
/// transfer that the official schema accepts (xmllint, offline through an XML catalog), each
/// digest the SHA-512 of the file written; a manifest without its MessageIdentifier is refused.
@Suite(.tags(.cli, .slow)) struct ArchiveCLITests {
    /// Markup, a quote and a "prepend" code point (U+0600, which joins the next into one Character).
    static let hostile = "Budget <b>&\"\u{600}<i> 2027"

    @Test func aHeldSeanceBecomesASEDATransferTheOfficialSchemaAcceptsWithEveryDigestRight() async throws {
        try await CouncilCLI.with("cli-archive") { council in
            try await council.start(people: ["presidente": "president", "alice": "member"])
            let tsa = try await TSATestServer.start(in: council.folder.url.appendingPathComponent("tsa"))
            do {
                try await Self.archive(council, tsa: tsa)
            } catch {
                await tsa.stop()
                throw error
            }
            await tsa.stop()
        }
    }

    private static func archive(_ council: CouncilCLI, tsa: TSATestServer) async throws {
        let folder = council.folder.url
        let present = [council.ids["presidente"]!, council.ids["alice"]!]
        try await council.ok("secretariat", ["horodatage", "configurer", "--url", tsa.url, "--racine", tsa.rootFile.path])
        let dossierFile = folder.appendingPathComponent("budget \(hostile).txt")
        try Data("Projet de budget 2027.\n".utf8).write(to: dossierFile)
        try await council.ok("secretariat", ["dossiers", "ajouter", "--id", "budget", dossierFile.path])
        for (seance, day) in [("s1", -2), ("s2", -1)] {
            try await council.ok("secretariat", ["seances", "convoquer", seance, "--date", Days.iso(day), "--heure", "14h", "--lieu", "Bobigny"])
        }
        try await council.ok("secretariat", ["ordre-du-jour", "ajouter", "s1", "budget", "--titre", hostile, "--dossier", "budget"])
        try await council.ok("secretariat", ["seances", "horodater", "s1"])
        try await council.ok("secretariat", ["saisines", "recevoir", "sa-1", "--objet", "Budget", "--origine", "president", "--date", Days.iso(-10)])
        try await council.sync("secretariat", "alice")
        try await council.ok("alice", ["avis", "creer", "a-1", "--titre", hostile, "--saisine", "sa-1"])
        try await council.ok("alice", ["avis", "ecrire", "a-1", "--paragraphe", "p1", "Le conseil recommande."])
        try await council.sync("alice", "secretariat")
        for seance in ["s1", "s2"] {
            try await council.ok("secretariat", ["presence", "pointer", seance] + present)
            try await council.ok("secretariat", ["presence", "clore", seance])
        }
        try await council.ok("secretariat", ["avis", "adopter", "a-1", "--seance", "s1", "--votants", "2", "--pour", "2", "--contre", "0", "--abstentions", "0"])

        // Refused before the minutes exist: no archives service named, a séance not held.
        let output = folder.appendingPathComponent("versement-s1")
        let noAgency = try await council.run("secretariat", ["rapport", "archive", "s1", "--sortie", output.path])
        #expect(noAgency.status == 64 && noAgency.errors.contains("archive.archivalAgencyMissing") && noAgency.errors.contains("--service-archives"), "\(noAgency.errors)")
        let inEnglish = try await council.run("secretariat", ["rapport", "archive", "s1", "--sortie", output.path], english: true)
        #expect(inEnglish.status == 64 && inEnglish.errors.contains("the receiving archives service is not given"), "\(inEnglish.errors)")
        try await council.ok("secretariat", ["seances", "convoquer", "s3", "--date", Days.iso(20), "--lieu", "Bobigny"])
        let notHeld = try await council.run("secretariat", ["rapport", "archive", "s3", "--service-archives", "FRAD093", "--sortie", output.path])
        #expect(notHeld.status == 64 && notHeld.errors.contains("archive.seanceNotHeld"), "\(notHeld.errors)")
        #expect(!FileManager.default.fileExists(atPath: output.path), "a refusal writes nothing")

        try await council.ok("secretariat", ["pv", "brouillon", "s1"])
        try await council.ok("secretariat", ["pv", "approuver", "s1", "--seance", "s2", "--pour", "2", "--contre", "0", "--abstentions", "0"])
        try await council.sync("presidente")
        #expect(try await council.ok("presidente", ["pv", "signer", "s1"]).contains("signé"))
        try await council.sync("secretariat")

        let archived = try await council.run("secretariat", ["rapport", "archive", "s1", "--service-archives", "FRAD093", "--accord", "ACC-2026-01",
                                                             "--sortie", output.path, "--json"])
        #expect(archived.status == 0 && archived.errors.contains("en clair"), "\(archived.errors)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(archived.output.utf8)) as? [String: Any], "\(archived.output)")
        let files = try #require(result["files"] as? [[String: Any]])
        let manifest = output.appendingPathComponent("manifest.xml")

        // The official schema accepts the manifest.
        let valid = try await SEDASchema.validate(manifest)
        #expect(valid.status == 0 && valid.errors.contains("validates"), "\(valid.errors)")

        // Every file the séance has, each BinaryDataObject's digest and size those of the bytes written.
        let uris = files.compactMap { $0["uri"] as? String }
        for expected in ["convocation.ics", "ordre-du-jour.csv", "presence.csv", "proces-verbal.html", "avis-a-1.md", "dossier-budget-v1.txt",
                         "horodatage-proces-verbal.tst", "horodatage-autorite-racines.pem"] {
            #expect(uris.contains { $0.hasSuffix(expected) }, "\(expected) missing from \(uris)")
        }
        #expect(uris.contains { $0.contains("horodatage-1-convocation") && $0.hasSuffix(".tst") }, "the convocation's token: \(uris)")
        let text = try String(contentsOf: manifest, encoding: .utf8)
        let objects = text.components(separatedBy: "<BinaryDataObject ").dropFirst()
        #expect(objects.count == files.count)
        for object in objects {
            let uri = try #require(Self.element("Uri", in: object))
            let file = output.appendingPathComponent(uri)
            let sum = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/sha512sum"), [file.path])
            #expect(Self.element("MessageDigest", in: object) == sum.output.split(separator: " ").first.map(String.init), "\(uri)")
            let size = try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int
            #expect(Self.element("Size", in: object) == size.map(String.init), "\(uri)")
            #expect(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int == 0o600, "\(uri)")
        }
        #expect(try FileManager.default.attributesOfItem(atPath: output.path)[.posixPermissions] as? Int == 0o700)
        let dossier = try String(contentsOf: output.appendingPathComponent(try #require(uris.first { $0.hasSuffix("dossier-budget-v1.txt") })), encoding: .utf8)
        #expect(dossier == "Projet de budget 2027.\n")

        // The minutes' token in the package checks with OpenSSL alone against the roots beside it.
        let stamp = { (suffix: String) in output.appendingPathComponent(uris.first { $0.hasSuffix(suffix) } ?? suffix).path }
        let verified = try await CommandRun.run(executable: URL(fileURLWithPath: "/usr/bin/openssl"), [
            "ts", "-verify", "-data", stamp("horodatage-proces-verbal.txt"), "-in", stamp("horodatage-proces-verbal.tst"), "-token_in",
            "-CAfile", stamp("horodatage-autorite-racines.pem"),
        ])
        #expect(verified.status == 0 && verified.output.contains("Verification: OK"), "\(verified.output) \(verified.errors)")

        // The hostile title comes out intact as XML text (the avis' unit, the dossier's original file name).
        let xpathLiteral = "'Avis — texte adopté : \(hostile)'"
        #expect(try await SEDASchema.xpath("count(//*[local-name()='Title'][. = \(xpathLiteral)])", in: manifest) == "1", "\(text)")
        #expect(try await SEDASchema.xpath("count(//*[local-name()='Filename'][. = 'budget \(hostile).txt'])", in: manifest) == "1")
        #expect(try await SEDASchema.xpath("string(//*[local-name()='ArchivalAgreement'])", in: manifest) == "ACC-2026-01")
        #expect(try await SEDASchema.xpath("string(//*[local-name()='ArchivalAgency']/*)", in: manifest) == "FRAD093")

        // The check can fail: the same manifest without its MessageIdentifier is refused by the schema.
        let broken = folder.appendingPathComponent("broken-manifest.xml")
        let withoutIdentifier = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("<MessageIdentifier>") }
        try Data(withoutIdentifier.joined(separator: "\n").utf8).write(to: broken)
        let refused = try await SEDASchema.validate(broken)
        #expect(refused.status != 0 && refused.errors.contains("MessageIdentifier"), "\(refused.errors)")

        // A year: every séance held in it, each its own unit; a year without one is refused.
        let year = String(Days.iso(-2).prefix(4))
        let yearly = folder.appendingPathComponent("versement-\(year)")
        let byYear = try await council.ok("secretariat", ["rapport", "archive", year, "--service-archives", "FRAD093", "--sortie", yearly.path])
        #expect(byYear.contains("Versement SEDA 2.2 des séances tenues en \(year)"), "\(byYear)")
        let yearValid = try await SEDASchema.validate(yearly.appendingPathComponent("manifest.xml"))
        #expect(yearValid.status == 0, "\(yearValid.errors)")
        let yearFiles = try FileManager.default.contentsOfDirectory(atPath: yearly.appendingPathComponent("content").path)
        #expect(yearFiles.contains { $0.hasSuffix("-s1-proces-verbal.html") } && yearFiles.contains { $0.hasSuffix("-s1-avis-a-1.md") }, "\(yearFiles)")
        let empty = try await council.run("secretariat", ["rapport", "archive", "1999", "--service-archives", "FRAD093", "--sortie", yearly.path + "-1999"])
        #expect(empty.status == 64 && empty.errors.contains("archive.noSeanceHeld"), "\(empty.errors)")

        // Never over an existing folder.
        let again = try await council.run("secretariat", ["rapport", "archive", "s1", "--service-archives", "FRAD093", "--sortie", output.path])
        #expect(again.status == 74 && again.errors.contains("file.exists"), "\(again.errors)")
    }

    /// The text of the first `<name>…</name>` in `xml` (no nesting: the manifest's leaf elements).
    private static func element(_ name: String, in xml: String) -> String? {
        guard let start = xml.range(of: "<\(name)"), let close = xml[start.upperBound...].range(of: ">"),
              let end = xml[close.upperBound...].range(of: "</\(name)>") else { return nil }
        return String(xml[close.upperBound..<end.lowerBound])
    }
}
