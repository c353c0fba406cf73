import Foundation
import HuisClosTerminal
import Testing

/// The passphrase a script gives in the environment is taken out of it as it is read.
@Suite struct EnvironmentPassphraseTests {
    @Test func readingThePassphraseFromTheEnvironmentZeroesAndUnsetsIt() throws {
        // A variable of this test alone: tests of this process run in parallel and share its environment.
        let variable = "HUISCLOS_TEST_PASSPHRASE_\(UInt64.random(in: 0...UInt64.max))"
        setenv(variable, "phrase de passe du test d'environnement", 1)
        let where_ = try #require(getenv(variable))
        let length = strlen(where_)
        #expect(Passphrase.read(prompt: "", variable: variable) == "phrase de passe du test d'environnement")
        #expect(getenv(variable) == nil, "still in the environment")
        #expect(ProcessInfo.processInfo.environment[variable] == nil)
        // The bytes where the value lay are zeroed, not only unlinked: the initial environment of
        // a process stays readable in /proc/PID/environ after `unsetenv`.
        #expect(UnsafeRawBufferPointer(start: where_, count: length).allSatisfy { $0 == 0 }, "the value's bytes were left in memory")
        #expect(Passphrase.take(variable) == nil, "taken twice")
        setenv(variable, "", 1)
        #expect(Passphrase.take(variable) == nil && getenv(variable) == nil, "an empty one is removed too")
    }

    @Test func theSecretsTakenAtStartLeaveTheEnvironmentAndAreGivenOnceToWhoAsks() throws {
        let variables = (0..<2).map { _ in "HUISCLOS_TEST_SECRET_\(UInt64.random(in: 0...UInt64.max))" }
        setenv(variables[0], "premier secret", 1)
        setenv(variables[1], "second secret", 1)
        let where_ = try #require(getenv(variables[1]))
        let length = strlen(where_)
        Passphrase.takeSecrets(variables)
        #expect(variables.allSatisfy { getenv($0) == nil }, "still in the environment")
        #expect(UnsafeRawBufferPointer(start: where_, count: length).allSatisfy { $0 == 0 }, "the value's bytes were left in memory")
        #expect(Passphrase.take(variables[1]) == "second secret" && Passphrase.take(variables[1]) == nil, "given once")
        #expect(Passphrase.read(prompt: "", variable: variables[0]) == "premier secret")
    }
}
