import Foundation
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

    /// The specific detail of a library's refusal reaches each reader in their language: a root
    /// certificate file without a certificate (time-stamping), a new passphrase too short
    /// (replica), a root backup the passphrase does not open (device), a replica file cut short
    /// (replica). French by default, with no English sentence in it; English with LANG=en.
    @Test func theDetailOfEachRefusalIsSaidInFrenchAndInEnglish() async throws {
        try await CouncilCLI.with("cli-error-details") { council in
            try await council.setUp()
            /// Runs `arguments` in French and in English; both must fail.
            func both(_ arguments: [String], environment: [String: String] = [:]) async throws -> (french: String, english: String) {
                let french = try await council.run("secretariat", arguments, english: false, environment: environment)
                let english = try await council.run("secretariat", arguments, english: true, environment: environment)
                #expect(french.status != 0 && english.status != 0, "\(arguments): \(french.status) \(english.status)")
                return (french.errors, english.errors)
            }

            let notARoot = council.folder.url.appendingPathComponent("cle-publique.pem")
            try Data("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n".utf8).write(to: notARoot)
            let root = try await both(["horodatage", "configurer", "--url", "http://127.0.0.1:9/tsr", "--racine", notARoot.path])
            #expect(root.french.contains("timestamp.badRoot") && root.french.contains("aucun bloc CERTIFICATE"), "\(root.french)")
            #expect(!root.french.contains("no CERTIFICATE block"), "English in French output: \(root.french)")
            #expect(root.english.contains("no CERTIFICATE block"), "\(root.english)")

            let short = try await both(["passphrase"], environment: ["HUISCLOS_NEW_PASSPHRASE": "court"])
            #expect(short.french.contains("replica.invalidPassphrase") && short.french.contains("(5 caractères)"), "\(short.french)")
            #expect(!short.french.contains("characters"), "English in French output: \(short.french)")
            #expect(short.english.contains("(5 characters)"), "\(short.english)")

            let backup = council.folder.url.appendingPathComponent("racine.hcroot").path
            let exported = try await council.run("secretariat", ["admin", "racine", "exporter", "--sortie", backup],
                                                 environment: ["HUISCLOS_ROOT_PASSPHRASE": "coffre-fort du secrétariat n° 2"])
            #expect(exported.status == 0, "\(exported.errors)")
            let wrong = try await both(["admin", "racine", "restaurer", backup], environment: ["HUISCLOS_ROOT_PASSPHRASE": "une autre phrase de passe"])
            #expect(wrong.french.contains("device.rootBackupInvalid") && wrong.french.contains("n'ouvre pas cette sauvegarde"), "\(wrong.french)")
            #expect(!wrong.french.contains("does not open"), "English in French output: \(wrong.french)")
            #expect(wrong.english.contains("the passphrase does not open this root backup"), "\(wrong.english)")

            // Last: the secretariat's replica file cut short, as a failed copy leaves it.
            let database = URL(fileURLWithPath: council.device("secretariat")).appendingPathComponent("replica.db")
            let handle = try FileHandle(forWritingTo: database)
            try handle.truncate(atOffset: 1_000)
            try handle.close()
            let cut = try await both(["status"])
            #expect(cut.french.contains("replica.tampered") && cut.french.contains("replica.db") && cut.french.contains("1000 octets"), "\(cut.french)")
            #expect(!cut.french.contains("bytes") && !cut.french.contains("truncated"), "English in French output: \(cut.french)")
            #expect(cut.english.contains("1000 bytes"), "\(cut.english)")
        }
    }
}
