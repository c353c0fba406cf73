import HuisClosTestSupport
import Testing

/// Issue 12, one error model: every failure a command meets is explained the same way — « Erreur
/// (code) : what happened and what to do », in the person's language only, with the exit status
/// its code names — whichever command and library it comes from.
@Suite(.tags(.cli)) struct ErrorReportCLITests {
    /// A library's error inside a council command: a badly written agenda item id (refused by the
    /// change engine) is a usage error (64), not a local I/O failure (74), and is said in French;
    /// a dossier that is not there (the dossier library) is said in French, in English on request.
    @Test func aLibraryErrorInACouncilCommandHasItsOwnStatusAndNoEnglishInFrench() async throws {
        try await CouncilCLI.with("cli-error-model") { council in
            try await council.setUp()
            try await council.ok("secretariat", ["seances", "convoquer", "s1", "--date", Days.iso(30), "--lieu", "Bobigny"])
            let badItem = try await council.run("secretariat", ["ordre-du-jour", "ajouter", "s1", "point 1", "--titre", "Budget"])
            #expect(badItem.status == 64, "\(badItem.status) \(badItem.errors)")
            #expect(badItem.errors.hasPrefix("Erreur (change.invalidChange) : « s1:point 1 » ne convient pas comme identifiant"), "\(badItem.errors)")
            #expect(!badItem.errors.contains("must be") && !badItem.errors.contains("letters"), "English in French output: \(badItem.errors)")

            let missing = try await council.run("secretariat", ["dossiers", "lire", "absent"])
            #expect(missing.status == 64, "\(missing.status) \(missing.errors)")
            #expect(missing.errors.hasPrefix("Erreur (dossier.notFound) : aucun dossier « absent »"), "\(missing.errors)")
            #expect(!missing.errors.contains("no dossier") && !missing.errors.contains("sync, then"), "English in French output: \(missing.errors)")

            let english = try await council.run("secretariat", ["dossiers", "lire", "absent"], english: true)
            #expect(english.status == 64 && english.errors.hasPrefix("Error (dossier.notFound): no dossier 'absent'"), "\(english.errors)")
        }
    }
}
