import Foundation
import HuisClosTestSupport
import Testing

/// Issue 12: every help screen of `huisclos` speaks one language, French by default and English
/// with LANG=en, for every command and subcommand (walked from the root, as the parser knows them).
@Suite(.tags(.cli, .slow)) struct HelpLanguageCLITests {
    static let french = ["LANG": "fr_FR.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]
    static let english = ["LANG": "en_US.UTF-8", "LC_ALL": "", "LC_MESSAGES": ""]

    /// Words of an English sentence that French never uses.
    static let englishMarkers: Set<String> = [
        "the", "and", "with", "your", "is", "are", "of", "to", "for", "from", "when", "without", "show", "see", "examples",
        "otherwise", "output", "help", "exit", "subcommand",
    ]
    /// Words of a French sentence that English never uses.
    static let frenchMarkers: Set<String> = [
        "le", "la", "les", "des", "du", "et", "une", "pour", "avec", "sans", "ou", "est", "dans", "sur", "aux", "exemple",
        "exemples", "sortie", "codes de",
    ]
    /// The French product terms the English text keeps (as the English messages do).
    static let keptTerms = ["séances", "séance", "Séances", "Séance"]

    @Test func everyCommandsHelpSpeaksOnlyTheLanguageAsked() async throws {
        let tree = try await Self.commandTree()
        #expect(tree.paths.count > 90, "the walk found \(tree.paths.count) commands")
        let failures = try await tree.paths.asyncMap { path -> [String] in
            async let frenchRun = CommandRun.run("huisclos", path + ["--help"], environment: Self.french)
            async let englishRun = CommandRun.run("huisclos", path + ["--help"], environment: Self.english)
            let (french, english) = try await (frenchRun, englishRun)
            var found: [String] = []
            let name = (["huisclos"] + path).joined(separator: " ")
            guard french.status == 0, english.status == 0 else { return ["\(name): exit \(french.status)/\(english.status)"] }
            let frenchProse = Self.prose(french.output, names: tree.names)
            let englishProse = Self.prose(english.output, names: tree.names)
            if frenchProse.count < 20 || englishProse.count < 20 { found.append("\(name): empty help") }
            if frenchProse == englishProse { found.append("\(name): the same help in both languages") }
            if frenchProse.contains(" / ") { found.append("\(name): a \" / \" pairing in the French help") }
            for (help, language) in [(french.output, "fr"), (english.output, "en")] {
                let broken = Self.brokenExampleLines(help)
                if !broken.isEmpty { found.append("\(name) (\(language)): example lines wrapped where a paste breaks them: \(broken)") }
            }
            let englishWords = Self.words(frenchProse).intersection(Self.englishMarkers)
            if !englishWords.isEmpty { found.append("\(name): English words \(englishWords.sorted()) in the French help:\n\(french.output)") }
            var kept = englishProse
            for term in Self.keptTerms { kept = kept.replacing(term, with: "") }
            let accented = kept.filter { "éèêëàâäùûüçîïôöœÉÈÊÀÇ".contains($0) }
            let frenchWords = Self.words(kept).intersection(Self.frenchMarkers)
            if !accented.isEmpty || !frenchWords.isEmpty {
                found.append("\(name): French (\(Set(accented).sorted()) \(frenchWords.sorted())) in the English help:\n\(english.output)")
            }
            return found
        }.flatMap { $0 }
        #expect(failures.isEmpty, "\(failures.count) problems:\n\(failures.prefix(12).joined(separator: "\n\n"))")
    }

    /// A year the activity report cannot cover is refused before the device is opened, in the
    /// language asked only (it was « année invalide / invalid year » to everyone).
    @Test func aReportYearOutOfRangeIsRefusedInTheLanguageAsked() async throws {
        let arguments = ["rapport", "annuel", "12", "--device", "/nonexistent"]
        let french = try await CommandRun.run("huisclos", arguments, environment: Self.french.merging(["HUISCLOS_PASSPHRASE": "x"]) { $1 })
        #expect(french.status == 64 && french.errors.contains("1900 à 9999") && !french.errors.contains("invalid year"), "\(french.errors)")
        let english = try await CommandRun.run("huisclos", arguments, environment: Self.english.merging(["HUISCLOS_PASSPHRASE": "x"]) { $1 })
        #expect(english.status == 64 && english.errors.contains("1900 to 9999") && !english.errors.contains("année"), "\(english.errors)")
    }

    /// The lines of the examples that a paste would break (the new secretariat's review): each
    /// example starts indented by two spaces, and goes on only after a line ending in ` \`,
    /// indented by four; a line the help wrapped at 80 columns starts elsewhere.
    static func brokenExampleLines(_ help: String) -> [String] {
        var inExamples = false, continued = false
        var broken: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("Exemple") || line.hasPrefix("Example") {
                inExamples = !line.hasSuffix(" : ") && !line.contains(" : huisclos") && !line.contains(": huisclos")
                continue
            }
            guard inExamples, !line.isEmpty, !line.hasPrefix("Codes de sortie"), !line.hasPrefix("Exit codes") else {
                inExamples = false
                continue
            }
            let indented = continued ? line.hasPrefix("    ") : line.hasPrefix("  ") && !line.hasPrefix("   ")
            if !indented { broken.append(line) }
            continued = line.hasSuffix(" \\")
        }
        return broken
    }

    /// The words a person reads as sentences: the help without its examples (commands are the
    /// same words in both languages: from « Exemple(s) : » to the exit codes or the end of the
    /// text), quoted values, default values, options, placeholders and command names.
    static func prose(_ help: String, names: Set<String>) -> String {
        var inExamples = false
        var kept: [String] = []
        // Quoted values and defaults are data, not prose (and the help may wrap them).
        let text = help.replacing(/"[^"]*"/, with: "").replacing(/\((default|par défaut) ?: [^)]*\)/, with: "")
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix("Exemple") || trimmed.hasPrefix("Example") {
                inExamples = true
                continue
            }
            if inExamples, !trimmed.isEmpty, !trimmed.hasPrefix("Codes de sortie"), !trimmed.hasPrefix("Exit codes") { continue }
            inExamples = false
            if trimmed.hasPrefix("USAGE") { continue }
            kept.append(String(line))
        }
        return kept.map { line in
            line.replacing(/(^|[\s(\[])--?[A-Za-z][\w-]*/) { String($0.1) }
                .replacing(/<[^>]*>/, with: "")
                .split(separator: " ", omittingEmptySubsequences: false)
                .map { word in names.contains(word.trimmingCharacters(in: .punctuationCharacters)) ? "" : String(word) }
                .joined(separator: " ")
        }
        .joined(separator: "\n")
    }

    static func words(_ text: String) -> Set<String> {
        Set(text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
    }

    /// Every command path under the root and every command name and alias, from the parser's own description.
    static func commandTree() async throws -> (paths: [[String]], names: Set<String>) {
        let dump = try await CommandRun.run("huisclos", ["--experimental-dump-help"], environment: french)
        guard dump.status == 0, let root = try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any],
            let command = root["command"] as? [String: Any]
        else { throw CocoaError(.coderReadCorrupt) }
        var paths: [[String]] = [[]]
        var names: Set<String> = ["huisclos", "help"]
        func walk(_ node: [String: Any], _ path: [String]) {
            for sub in node["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                names.insert(name)
                (sub["aliases"] as? [String] ?? []).forEach { names.insert($0) }
                paths.append(path + [name])
                walk(sub, path + [name])
            }
        }
        walk(command, [])
        return (paths, names)
    }
}
