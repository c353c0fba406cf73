import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosProtocol
import HuisClosReplica
import HuisClosTerminal

/// `huisclos`: the member's and secretariat's client. Commands only; logic lives in Sources/.
@main
struct HuisClos: AsyncParsableCommand {
    static var configuration: CommandConfiguration {
        .init(
            commandName: "huisclos", help: RootHelp.command,
            subcommands: [
                AdminCommands.self, EnrolCommand.self, StatusCommand.self, PassphraseCommand.self, SyncCommand.self, DeviceCommands.self, MemberCommands.self, SeanceCommands.self,
                MailCommands.self, TimestampCommands.self, AgendaCommands.self, AttendanceCommands.self, ReportCommands.self, DossierCommands.self, NoteCommands.self,
                AvisCommands.self, GroupCommands.self, HearingCommands.self, ReferralCommands.self, ConsultationCommands.self, AppCommand.self, MinutesCommands.self,
            ])
    }

    /// The entry point: forbids core dumps before anything is decrypted (SECURITY.md, "Memory"),
    /// then parses and runs the command, reporting a failure through the error model in the person's language.
    static func main() async {
        ProcessHardening.apply()
        Passphrase.takeSecrets()
        // `huisclos --version` is answered here rather than through `CommandConfiguration.version`
        // (which lists a second `--version` in every subcommand's help, beside the dossier-version
        // option of `dossiers lire` and `notes ajouter`) or a root flag (which the parser would take
        // from those subcommands' arguments).
        if Array(CommandLine.arguments.dropFirst()) == ["--version"] {
            print(HuisClosVersion.product)
            return
        }
        await parseAndRun(in: language, explaining: ErrorExplanation.of)
    }
}
