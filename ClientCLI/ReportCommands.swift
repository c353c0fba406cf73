import ArgumentParser
import Foundation
import HuisClosClient
import HuisClosCouncil

/// `huisclos rapport …`: the secretariat's reports.
struct ReportCommands: AsyncParsableCommand {
    static var configuration: CommandConfiguration { .init(commandName: "rapport", help: ReportHelp.group, subcommands: [Absences.self, Annual.self, Archive.self]) }

    struct Absences: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "absences", help: ReportHelp.Absences.command) }
        @OptionGroup var device: DeviceOptions
        @Flag(help: .json) var json = false
        @Flag(name: .customLong("signer"), help: .init(ReportHelp.Absences.sign))
        var sign = false

        func run(on session: CouncilSession) async throws {
            let (report, signed) = try await session.absencesReport(signing: sign)
            if sign {
                warn(.absencesSigned(signed, already: report.findings.count - signed))
            }
            if json { return try printJSON(report.findings) }
            guard let listing = session.absencesListing(report, in: language) else {
                return say(.noAbsences)
            }
            try listing.show(json: false)
            if report.findings.contains(where: { !$0.recordedLate.isEmpty }) { say(.absencesRecordedLate) }
            say(CouncilRules.Quote.absences)
            say(.absencesNextStep(signed: sign))
        }
    }
}

/// `huisclos rapport annuel <année>`: the activity report to the departmental president, from the
/// council's records on this device's replica.
extension ReportCommands {
    struct Annual: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "annuel", help: ReportHelp.Annual.command) }

        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ReportHelp.Annual.year))
        var year: Int
        @Option(name: .customLong("sortie"), help: .init(ReportHelp.Annual.output))
        var output: String = "."

        /// The year is checked before the device is opened (and its passphrase asked).
        func run() async throws {
            try CouncilSession.checkReportYear(year)
            try await CouncilSession.with(device) { try await run(on: $0) }
        }

        func run(on session: CouncilSession) async throws {
            let report = try await session.writeActivityReport(year: year, to: URL(fileURLWithPath: output))
            warn(.reportInPlaintext(output))
            say(.activityReportWritten(report, year: year, to: output))
        }
    }
}

/// `huisclos rapport archive <séance|année>`: a séance, or a year's, as a SEDA 2.2 transfer package for the public archives.
extension ReportCommands {
    struct Archive: CouncilCommand {
        static var configuration: CommandConfiguration { .init(commandName: "archive", help: ReportHelp.Archive.command) }

        @OptionGroup var device: DeviceOptions
        @Argument(help: .init(ReportHelp.Archive.target)) var target: String
        @Option(name: .customLong("sortie"), help: .init(ReportHelp.Archive.output))
        var output: String
        @Option(name: .customLong("service-archives"), help: .init(ReportHelp.Archive.archival))
        var archival: String?
        @Option(
            name: .customLong("service-versant"),
            help: .init(ReportHelp.Archive.transferring))
        var transferring: String?
        @Option(
            name: .customLong("service-producteur"),
            help: .init(ReportHelp.Archive.originating))
        var originating: String?
        @Option(name: .customLong("accord"), help: .init(ReportHelp.Archive.agreement))
        var agreement: String?
        @Flag(help: .json) var json = false

        func run(on session: CouncilSession) async throws {
            let agencies = try await session.archiveAgencies(archival: archival, transferring: transferring, originating: originating, agreement: agreement)
            let target = try session.archiveTarget(target)
            warn(.archiveInPlaintext(output))
            let archive = try await session.writeArchive(of: target, to: output, agencies: agencies)
            if !archive.missingDossiers.isEmpty { warn(.archiveMissingDossiers(archive.missingDossiers)) }
            if json { return try printJSON(archive) }
            say(.archiveWritten(archive, target: target))
        }
    }
}
