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
            throw PassphraseMissing()
        }
        return given
    }

    /// The unlocked device; `toSync` opens it past its offline lease (for `sync` only). The lease
    /// is the library's named limit (`Device.leaseSecondsDefault`), never the device's environment:
    /// whoever holds a lost device must not be able to lengthen it.
    func unlock(toSync: Bool = false) throws -> Device {
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw DeviceError(.noDevice, Text(fr: "aucun appareil dans \(url.path) : enrôlez-le d'abord (huisclos enrol)",
                                              en: "no device in \(url.path): enrol it first (huisclos enrol)").in(language))
        }
        return try Device.unlock(folder: url, passphrase: try passphrase(), toSync: toSync)
    }

    /// The unlocked device as a session of the client layer, on the system clock.
    func open(toSync: Bool = false) throws -> ClientSession {
        ClientSession(device: try unlock(toSync: toSync), clock: SystemWallClock())
    }
}

/// No passphrase: its environment variable is unset (or empty) and standard input is not a
/// terminal to ask on (exit 78).
struct PassphraseMissing: Error {
    /// The variable that would have given it.
    var variable = "HUISCLOS_PASSPHRASE"
}

/// Runs a command body, printing a failure in the person's language and exiting with its status
/// (the table of `ExitStatus`).
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

/// The exit status and message of a failure.
func explain(_ error: any Error) -> (ExitStatus, Text) {
    switch error {
    case let error as APIError where error.code == .unreachable:
        // The cause in the person's language when the client knows it (`transportCause`).
        let cause = error.transportCause.map { $0 == .other ? error.message : $0.text.french } ?? error.message
        return (ExitStatus(error), Text(
            fr: "Erreur (unreachable) : serveur injoignable (\(cause)). Vérifiez que huisclos-server tourne et l'adresse du serveur ; cet appareil reste lisible hors ligne, relancez huisclos sync plus tard.",
            en: "Error (unreachable): server unreachable (\(error.message)). Check that huisclos-server is running and the server address; this device stays readable offline, run huisclos sync later."))
    case let error as APIError:
        return (ExitStatus(error), ExitStatus.explain(error))
    case let error as ChangeError where error.cause is CouncilError:
        // The device's authorizer refused the write by a council rule (`CouncilWriteRules`):
        // nothing was written; the rule is quoted in the person's language.
        return (.dataRefused, (error.cause as? CouncilError)?.text ?? Text(fr: error.message, en: error.message))
    case let error as ChangeError where error.code == .rotationPending:
        return (.notAllowed, Text(
            fr: "Erreur (rotationPending) : quelqu'un a quitté cette portée et sa clé doit être renouvelée avant toute écriture ; rien n'a été écrit. La prochaine synchronisation du secrétariat (ou de la présidence pour un groupe de travail ou une audition) la renouvelle : synchronisez puis écrivez à nouveau.",
            en: "Error (rotationPending): someone left this scope and its key must be renewed before anyone writes in it; nothing was written. The next sync of the secretariat (or of the president for a working group or hearing) renews it: sync, then write again."))
    case let error as PassphraseMissing:
        return (.passphraseMissing, Text(
            fr: "Erreur (passphrase) : phrase de passe manquante. Définissez \(error.variable) ou lancez la commande dans un terminal pour la saisir.",
            en: "Error (passphrase): passphrase missing. Set \(error.variable) or run the command in a terminal to type it."))
    case let error as DeviceError where error.code == .wiped:
        return (.notAllowed, Text(
            fr: "Erreur (wiped) : le secrétariat a ordonné l'effacement de cet appareil ; sa réplique est détruite. Pour revenir, demandez un nouveau code d'enrôlement.",
            en: "Error (wiped): the secretariat ordered this device wiped; its replica is destroyed. To come back, ask for a new enrolment code."))
    case let error as DeviceError:
        let status: ExitStatus = error.code == .untrustedLog || error.code == .rootBackupInvalid ? .dataRefused : .notAllowed
        let text = error.text ?? Text(fr: error.message, en: error.message)
        return (status, Text(fr: "Erreur (\(error.code.rawValue)) : \(text.french)", en: "Error (\(error.code.rawValue)): \(text.english)"))
    case let error as ReplicaError where error.code == .wrongPassphrase:
        return (.notAllowed, Text(fr: "Erreur (passphrase) : phrase de passe incorrecte", en: "Error (passphrase): wrong passphrase"))
    case let error as ReplicaError where error.code == .invalidPassphrase:
        let minimum = ReplicaLimits.passphraseCharactersMin
        return (.usage, Text(
            fr: "Erreur (passphrase) : phrase de passe trop courte : choisissez-en une d'au moins \(minimum) caractères, par exemple quelques mots que vous seul associeriez.",
            en: "Error (passphrase): passphrase too short: choose one of at least \(minimum) characters, for example a few words only you would put together."))
    case let error where ReplicaError(classifying: error).code == .tampered:
        // A page of the replica failed authentication (read at open or later): named as such,
        // with the way out, instead of SQLite's "disk I/O error".
        return (.localIO, Text(
            fr: "Erreur (tampered) : une page de la réplique chiffrée de cet appareil ne s'authentifie pas (modifiée, tronquée ou endommagée) : ne vous fiez pas à cette copie. Détruisez le dossier de l'appareil et enrôlez-le de nouveau : tout revient du serveur.",
            en: "Error (tampered): a page of this device's encrypted replica fails authentication (modified, truncated or damaged): do not trust this copy. Destroy the device folder and enrol it again: everything comes back from the server."))
    default:
        return (.localIO, Text(fr: "Erreur locale : \(error)", en: "Local error: \(error)"))
    }
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
