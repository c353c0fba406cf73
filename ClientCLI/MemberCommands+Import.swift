import ArgumentParser
import HuisClosClient
import HuisClosCouncil
import HuisClosL10n

extension MemberCommands {
    /// `huisclos membres importer FICHIER.csv`: a whole council's appointments from one file, checked
    /// whole before anything is signed (`AppointmentImport.plan`, then `Device.appoint`).
    struct Import: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "importer", help: MemberHelp.Import.command) }
        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(MemberHelp.Import.file)) var file: String
        @Flag(name: .customLong("essai"), help: .init(MemberHelp.Import.dryRun)) var dryRun = false
        @Flag(name: .customLong("homonymes"), help: .init(MemberHelp.Import.namesakes)) var namesakes = false
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            switch try await session.importAppointments(fileAt: file, dryRun: dryRun, namesakes: namesakes) {
            case let .success(lines):
                if json { return try printJSON(lines) }
                lines.map(\.text).forEach(say)
                say(.imported(lines.count, dryRun: dryRun))
            case let .failure(failure):
                failure.errors.map(\.text).forEach(warn)
                warn(.importRefused(failure.errors.count))
                throw ExitCode(ExitStatus.dataRefused.rawValue)
            }
        }
    }
}
