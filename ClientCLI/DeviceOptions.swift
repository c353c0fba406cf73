import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil
import HuisClosDevice
import HuisClosEngine
import HuisClosL10n
import HuisClosReplica
import HuisClosSync
import HuisClosTerminal
import HuisClosWire

/// The person's language, from the environment (French unless LANG/LC_* ask for English).
let language = Language.fromEnvironment(ProcessInfo.processInfo.environment)

/// Prints `text` in the person's language on standard output.
func say(_ text: Text) { Console.out(text.in(language) + "\n") }

/// Prints `lines`: information on standard output, problems on standard error.
func show(_ lines: [ReportLine]) {
    for line in lines {
        switch line {
        case .info(let text): say(text)
        case .problem(let text): Console.error(text.in(language) + "\n")
        }
    }
}

/// Prints a value as one line of JSON on standard output (`--json`).
func printJSON(_ value: some Encodable) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    Console.out(String(decoding: try encoder.encode(value), as: UTF8.self) + "\n")
}

/// Where the device lives and how it is unlocked; shared by every device command.
struct DeviceOptions: ParsableArguments {
    @Option(name: .customLong("device"), help: "Dossier de l'appareil / device folder. Env: HUISCLOS_DEVICE.")
    var folder: String?

    var url: URL {
        let environment = ProcessInfo.processInfo.environment
        return URL(fileURLWithPath: folder ?? environment["HUISCLOS_DEVICE"]
            ?? (environment["HOME"] ?? FileManager.default.currentDirectoryPath) + "/.huisclos")
    }

    /// The passphrase from `HUISCLOS_PASSPHRASE`, or asked on the terminal without echo.
    func passphrase(_ prompt: Text = Text(fr: "Phrase de passe de l'appareil : ", en: "Device passphrase: ")) throws -> String {
        guard let given = Passphrase.read(prompt: prompt.in(language), environment: ProcessInfo.processInfo.environment), !given.isEmpty else {
            throw UsageError.passphraseMissing()
        }
        return given
    }

    /// The unlocked device; `toSync` opens it past its offline lease (for `sync` only). The lease
    /// is the library's named limit (`Device.leaseSecondsDefault`), never the device's environment:
    /// whoever holds a lost device must not be able to lengthen it.
    func unlock(toSync: Bool = false) throws -> Device {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DeviceError(.noDevice, Text(fr: "aucun appareil dans \(url.path) : enrôlez-le d'abord (huisclos enrol)",
                                              en: "no device in \(url.path): enrol it first (huisclos enrol)"))
        }
        return try Device.unlock(folder: url, passphrase: try passphrase(), toSync: toSync)
    }

    /// The unlocked device as a session of the client layer, on the system clock.
    func open(toSync: Bool = false) throws -> ClientSession {
        ClientSession(device: try unlock(toSync: toSync), clock: SystemWallClock())
    }
}

/// Runs a command body; a failure is printed in the person's language (« Erreur (code) : what
/// happened and what to do ») and exits with the status its code names (`ErrorCode.exitStatus`).
func runReporting(_ body: () async throws -> Void) async throws {
    do {
        try await body()
    } catch let error as ExitCode {
        throw error
    } catch let error as ValidationError {
        throw error
    } catch {
        let (status, text) = explain(error)
        Console.error(text.in(language) + "\n")
        throw ExitCode(status.rawValue)
    }
}

/// The exit status and message of a failure: the one place the CLI turns an error into words.
func explain(_ error: any Error) -> (ExitStatus, Text) {
    let explained = ErrorExplanation.of(error)
    return (explained.exitStatus, explained.report)
}

extension Listing {
    /// Prints the table, ending with a newline, or the JSON array.
    func show(json: Bool) throws {
        if json { return try printJSON(self.json) }
        var table = Table(headers: headers)
        rows.forEach { table.append($0) }
        Console.out(table.render() + "\n")
    }
}
