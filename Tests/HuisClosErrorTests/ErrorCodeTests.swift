import Foundation
import HuisClosClient
import HuisClosCrypto
import HuisClosDossiers
import HuisClosL10n
import HuisClosWire
import Testing

/// Issue 12, one error model: every code of every error type says what happened and what to do in
/// both languages, names its exit status, and is unique across the product; Protocol/ERRORS.md lists
/// them as the code does.
@Suite struct ErrorCodeTests {
    @Test func everyCodeSpeaksFrenchAndEnglishDifferently() {
        for code in ErrorCatalog.codes {
            let text = code.text
            #expect(!text.french.trimmingCharacters(in: .whitespaces).isEmpty, "\(code.qualified): no French")
            #expect(!text.english.trimmingCharacters(in: .whitespaces).isEmpty, "\(code.qualified): no English")
            #expect(text.french != text.english, "\(code.qualified): the French text is the English one")
        }
    }

    @Test func everyCodeIsUniqueAcrossTheProduct() {
        var seen: [String: Int] = [:]
        for code in ErrorCatalog.codes { seen[code.qualified, default: 0] += 1 }
        #expect(seen.filter { $0.value > 1 }.isEmpty, "codes given twice: \(seen.filter { $0.value > 1 }.keys.sorted())")
        let domains = ErrorCatalog.types.map { $0.domain }
        #expect(Set(domains).count == domains.count, "a domain names two error types: \(domains)")
        #expect(ErrorCatalog.codes.count >= 100, "\(ErrorCatalog.codes.count) codes")
    }

    @Test func everyCodeNamesAFailingExitStatusAndAnHTTPErrorStatus() {
        for code in ErrorCatalog.codes {
            #expect(code.exitStatus != .success, "\(code.qualified) exits 0")
            if let http = code.httpStatus { #expect((400..<600).contains(http), "\(code.qualified): HTTP \(http)") }
        }
        // Every code the relay sends has its documented status (Protocol/PROTOCOL.md, openapi.yaml).
        for code in APIError.Code.allCases { #expect(code.httpStatus != nil, "\(code.rawValue)") }
    }

    /// A cause only the transport named in English still reads in French: the relay unreachable.
    @Test func anEnglishOnlyDetailNeverReachesAFrenchReader() {
        let unreachable = APIError(.unreachable, Text(fr: "serveur injoignable", en: "cannot reach the server at http://127.0.0.1:9: network error (IOError)"))
        #expect(unreachable.text.french.hasPrefix("serveur injoignable (erreur réseau)"), "\(unreachable.text.french)")
        #expect(!unreachable.text.french.contains("cannot reach"))
    }

    /// One explanation for every face: a HuisClos error as it is, anything else as a local failure
    /// that names what to check in French and keeps the system's words for English.
    @Test func theExplanationOfAnyErrorIsAHuisClosError() {
        let dossier = DossierError(.notFound, Text(fr: "aucun dossier « x »", en: "no dossier 'x'"))
        let explained = ErrorExplanation.of(dossier)
        #expect(explained.qualifiedCode == "dossier.notFound" && explained.exitStatus == .usage)
        #expect(explained.report.french == "Erreur (dossier.notFound) : aucun dossier « x »")
        #expect(explained.report.english == "Error (dossier.notFound): no dossier 'x'")
        let foreign = ErrorExplanation.of(CocoaError(.fileReadNoSuchFile))
        #expect(foreign.qualifiedCode == "local.failed" && foreign.exitStatus == .localIO)
        #expect(foreign.text.french == UnexpectedError.Code.failed.text.french && foreign.text.english.contains("CocoaError"), "\(foreign.text)")
    }

    /// The source scan: every type of Sources/ declared as an `Error` conforms to `HuisClosError` and
    /// its codes are in `ErrorCatalog` (so they are walked above and in Protocol/ERRORS.md).
    @Test func everyErrorTypeOfTheSourcesIsListed() throws {
        // Never shown to a person: the bench's own check and the connection guard's internal signal.
        let internalOnly: Set<String> = ["ValidationFailure", "ConnectionLimitReached"]
        let catalogued = ErrorCatalog.types.map { String(reflecting: $0) }
        let declaration = try Regex(#"(?:struct|enum|class)\s+(\w+)\s*:\s*([^{]*)\{"#)
        var checked = 0
        for file in try Self.sources() {
            let text = try String(contentsOf: file, encoding: .utf8)
            for match in text.matches(of: declaration) {
                let name = String(match.output[1].substring ?? "")
                let conformances = (match.output[2].substring ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                guard conformances.contains(where: { $0 == "Error" || $0 == "Swift.Error" || $0 == "HuisClosError" }) else { continue }
                guard !internalOnly.contains(name) else { continue }
                checked += 1
                #expect(conformances.contains("HuisClosError"), "\(name) (\(file.lastPathComponent)) is an Error but not a HuisClosError")
                #expect(catalogued.contains { $0.hasSuffix(".\(name).Code") }, "\(name).Code is missing from ErrorCatalog")
            }
        }
        #expect(checked >= 15, "\(checked) error types found: is the scan reading Sources/?")
    }

    /// Issue 12: an error built from an English detail alone shows a French reader only its code's
    /// general sentence, never what happened. No error type offers such a constructor any more
    /// (`text(english:)`, `init(_ code:, _ message: String)`, `english detail:`), and none may again.
    @Test func everyErrorTypeSaysWhatHappenedInFrench() throws {
        let englishOnly = try Regex(#"text\(english:|init\(_ code: Code, _ \w+: String|english detail: String"#)
        var found: [String] = []
        for file in try Self.sources() {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where line.contains(englishOnly) {
                found.append("\(file.lastPathComponent):\(number + 1)")
            }
        }
        #expect(found.isEmpty, "an error built from an English detail only: \(found)")
    }

    /// No French sentence quotes an error's English words: a cause inside a French text goes through
    /// its `text` (`Text(explaining:)`), never `\(error)` or `.message`.
    @Test func noFrenchSentenceQuotesAnErrorsEnglish() throws {
        let english = try Regex(#"fr:.*(\\\((error|cause)\)|\.message\b|\.description\b)"#)
        var quoted: [String] = []
        for file in try Self.sources(in: "Sources") + Self.sources(in: "ClientCLI") {
            let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
            for (number, line) in lines.enumerated() where line.contains(english) {
                quoted.append("\(file.lastPathComponent):\(number + 1)")
            }
        }
        #expect(quoted.isEmpty, "French text quoting English: \(quoted)")
    }

    /// Protocol/ERRORS.md holds the table the code generates. To regenerate it after changing a code:
    /// `HUISCLOS_WRITE_ERRORS_TABLE=1 swift test --skip-build --filter ErrorCodeTests`.
    @Test func theCodesTableOfProtocolIsCurrent() throws {
        let file = Self.root.appendingPathComponent("Protocol/ERRORS.md")
        let current = try String(contentsOf: file, encoding: .utf8)
        let marker = "<!-- generated by ErrorCodeTests: do not edit below -->\n"
        let head = try #require(current.range(of: marker).map { String(current[..<$0.upperBound]) }, "the marker line is missing")
        let expected = head + ErrorCatalog.table + "\n"
        if ProcessInfo.processInfo.environment["HUISCLOS_WRITE_ERRORS_TABLE"] == "1" {
            return try expected.write(to: file, atomically: true, encoding: .utf8)
        }
        #expect(current == expected, "Protocol/ERRORS.md is not the table of the code: regenerate it (see this test's comment)")
    }

    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func sources(in folderName: String = "Sources") throws -> [URL] {
        let folder = root.appendingPathComponent(folderName)
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" && !$0.path.contains("/Generated/") }
    }
}
