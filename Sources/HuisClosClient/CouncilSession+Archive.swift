import Foundation
import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosDevice
import HuisClosDossiers
public import HuisClosL10n
public import HuisClosPublication
import HuisClosTerminal
import HuisClosTrust

/// What `writeArchive` wrote: the package's folder, its manifest, and each file as the manifest
/// lists it (`--json` prints this).
public struct SeanceArchive: Sendable, Encodable {
    /// One file of the package.
    public struct Entry: Sendable, Encodable {
        /// Its path relative to the package's folder (the manifest's Uri).
        public let uri: String
        /// Its French title in the manifest.
        public let title: String
        /// Its size in bytes.
        public let size: Int
        /// Lowercase hex SHA-512 of the bytes written.
        public let sha512: String
    }

    /// The package's folder.
    public let folder: String
    /// The manifest's path.
    public let manifest: String
    /// The transfer's MessageIdentifier.
    public let messageIdentifier: String
    /// The files, in the manifest's order.
    public let files: [Entry]
    /// Dossiers on the séance's agenda that this device holds in no scope it reads (not in the package).
    public let missingDossiers: [String]
}

/// What an archive package covers: one held séance, or every séance held in a year.
public enum ArchiveTarget: Sendable, Equatable {
    case seance(String)
    case year(Int)

    /// The target in words, for what the faces say.
    public var label: Text {
        switch self {
        case let .seance(id): Text(fr: "de la séance \(id)", en: "of séance \(id)")
        case let .year(year): Text(fr: "des séances tenues en \(year)", en: "of the séances held in \(year)")
        }
    }
}

extension CouncilSession {
    /// The services a transfer names: `archival` is required; the transferring and originating
    /// services default to the council's own identifier, `HuisClos-<its tag>`.
    public func archiveAgencies(archival: String?, transferring: String?, originating: String?, agreement: String?) async throws -> SEDATransfer.Agencies {
        let own = "HuisClos-\(await seanceCalendar().councilTag)"
        return try SEDATransfer.Agencies(archival: archival, transferring: transferring ?? own, originating: originating ?? own, agreement: agreement)
    }

    /// `text` as what to archive: a year (four digits, 1900–9999) unless a séance has that id, else a séance.
    public func archiveTarget(_ text: String) throws -> ArchiveTarget {
        guard text.count == 4, let year = Int(text), (1900...9999).contains(year), try !council.seances().contains(where: { $0.id == text }) else {
            return .seance(text)
        }
        return .year(year)
    }

    /// The SEDA 2.2 transfer of `target` from this device's records. Each séance (held: attendance
    /// closed) brings its convocation (iCalendar), agenda and attendance (CSV), minutes once
    /// approved (HTML with this device's checks), each text adopted at it (Markdown), the latest
    /// version of each agenda dossier (fetched when missing) and each kept time-stamp (statement
    /// and token); the authority's roots come once. Returns the transfer and the agenda dossiers
    /// this device cannot read.
    public func archiveTransfer(of target: ArchiveTarget, agencies: SEDATransfer.Agencies) async throws -> (transfer: SEDATransfer, missingDossiers: [String]) {
        let seances: [Seance]
        let coverage: SEDATransfer.Coverage
        switch target {
        case let .seance(id):
            let value = try council.seance(id)
            guard value.attendanceClosed else { throw ArchiveError(.seanceNotHeld) }
            (seances, coverage) = ([value], .seance)
        case let .year(year):
            seances = try council.seances().filter { $0.attendanceClosed && $0.date.year == year }.sorted { ($0.date, $0.id) < ($1.date, $1.id) }
            guard !seances.isEmpty else { throw ArchiveError(.noSeanceHeld) }
            coverage = .year(year)
        }
        var parts: [SEDATransfer.Part] = []
        var missing: [String] = []
        for seance in seances {
            let (files, unread) = try await seanceFiles(seance, prefix: coverage == .seance ? "" : "\(seance.id)-")
            parts.append(SEDATransfer.Part(seance: seance, files: files))
            missing += unread.filter { !missing.contains($0) }
        }
        let tokens = parts.contains { $0.files.contains { $0.fileExtension == "tst" } }
        let shared = try council.timestampAuthority().flatMap { authority in
            tokens ? SEDATransfer.File(stem: "horodatage-autorite-racines", fileExtension: "pem",
                                       title: "Certificats racines de l'autorité d'horodatage du conseil (vérification des jetons)",
                                       mimeType: "application/x-pem-file", bytes: Array(authority.rootsPEM.utf8)) : nil
        }
        let covered = switch target { case let .seance(id): id; case let .year(year): "\(year)" }
        let transfer = SEDATransfer(messageIdentifier: "HuisClos-\(await seanceCalendar().councilTag)-\(covered)-\(instant.unixSeconds)",
                                    date: Date(timeIntervalSince1970: TimeInterval(instant.unixSeconds)), councilName: await device.membership.councilName,
                                    agencies: agencies, coverage: coverage, parts: parts, shared: shared.map { [$0] } ?? [])
        return (transfer, missing)
    }

    /// Writes `target`'s transfer (`archiveTransfer`) as a new folder `folder` (mode 0700, never
    /// an existing one): `content/` with each file in plaintext (0600), then `manifest.xml`.
    public func writeArchive(of target: ArchiveTarget, to folder: String, agencies: SEDATransfer.Agencies) async throws -> SeanceArchive {
        let (transfer, missing) = try await archiveTransfer(of: target, agencies: agencies)
        let content = folder + "/" + SEDATransfer.contentFolder
        try PlaintextFile.createFolder(atPath: folder)
        try PlaintextFile.createFolder(atPath: content)
        var entries: [SeanceArchive.Entry] = []
        for (file, name) in zip(transfer.files, transfer.names) {
            try PlaintextFile.write(Data(file.bytes), toPath: content + "/" + name)
            entries.append(.init(uri: SEDATransfer.contentFolder + "/" + name, title: file.title, size: file.bytes.count, sha512: file.sha512))
        }
        let manifest = folder + "/" + SEDATransfer.manifestName
        try PlaintextFile.write(Data(transfer.manifest().utf8), toPath: manifest)
        return SeanceArchive(folder: folder, manifest: manifest, messageIdentifier: transfer.messageIdentifier, files: entries, missingDossiers: missing)
    }

    /// One held séance's own files, each stem after `prefix`; the agenda dossiers this device cannot read.
    private func seanceFiles(_ value: Seance, prefix: String) async throws -> ([SEDATransfer.File], [String]) {
        var files = [
            SEDATransfer.File(stem: prefix + "convocation", fileExtension: "ics", title: "Convocation (invitation iCalendar, version \(value.revision))",
                              mimeType: "text/calendar", bytes: Array(try await calendar(of: value.id, language: .french).utf8)),
            SEDATransfer.File(stem: prefix + "ordre-du-jour", fileExtension: "csv", title: "Ordre du jour", mimeType: "text/csv",
                              bytes: Array(SeanceRecordDocuments.agendaCSV(value).utf8)),
            SEDATransfer.File(stem: prefix + "presence", fileExtension: "csv", title: "Feuille de présence", mimeType: "text/csv",
                              bytes: Array(SeanceRecordDocuments.attendanceCSV(try roll(of: value.id).map {
                                  SeanceRecordDocuments.AttendanceRow(member: $0.member.id, name: $0.member.name, response: $0.response, attendance: $0.attendance)
                              }).utf8)),
        ]
        files += try await minutesFiles(of: value.id, prefix: prefix)
        files += try AvisDrafts(store: device.store).adoptedTexts(at: value.id).map { text in
            SEDATransfer.File(stem: prefix + "avis-\(text.id)", fileExtension: "md", title: "\(text.kind.frenchName) — texte adopté : \(text.title)",
                              mimeType: "text/markdown", bytes: Array(SeanceRecordDocuments.adoptedMarkdown(text).utf8))
        }
        let (dossiers, missing) = try await dossierFiles(of: value, prefix: prefix)
        files += dossiers
        files += try zip(1..., council.timestamps(of: value.id)).flatMap { rank, stamp in
            Self.stampFiles(stem: prefix + "horodatage-\(rank)-\(stamp.statement.subject)", subject: "« \(stamp.statement.subject) »",
                            text: stamp.statement.text, token: stamp.token)
        }
        return (files, missing)
    }

    /// The approved minutes as HTML with what this device checked, and their token with the
    /// text it stamps; nothing before approval.
    private func minutesFiles(of seance: String, prefix: String) async throws -> [SEDATransfer.File] {
        guard let record = try? Minutes(store: device.store).minutes(seance), record.approval != nil else { return [] }
        var files = [SEDATransfer.File(stem: prefix + "proces-verbal", fileExtension: "html", title: "Procès-verbal approuvé, avec les vérifications de l'appareil exportateur",
                                       mimeType: "text/html", bytes: Array(try await minutesDocument(seance).html().utf8))]
        if let token = record.token, let text = record.stampedText(council: await councilRootHex(), heldOn: try council.seance(seance).date) {
            files += Self.stampFiles(stem: prefix + "horodatage-proces-verbal", subject: "du procès-verbal signé", text: text, token: token)
        }
        return files
    }

    /// The latest version of each dossier on `seance`'s agenda, from the first scope this device
    /// reads that holds it; the ids of those it holds in none.
    private func dossierFiles(of seance: Seance, prefix: String) async throws -> ([SEDATransfer.File], [String]) {
        let scopes = await device.readableScopes
        var files: [SEDATransfer.File] = []
        var missing: [String] = []
        var seen: Set<String> = []
        for id in seance.agenda.flatMap(\.dossierIDs) where seen.insert(id).inserted {
            guard let scope = try scopes.first(where: { try DossierLibrary(store: device.store, scope: $0).dossier(id) != nil }) else {
                missing.append(id)
                continue
            }
            let version = try await client.fetchDossierVersion(id, number: nil, in: scope)
            var bytes: [UInt8] = []
            try await client.readDossierVersion(version, in: scope) { bytes += $0 }
            let fileExtension = version.fileName.split(separator: ".").last.map(String.init) ?? "bin"
            files.append(SEDATransfer.File(stem: prefix + "dossier-\(id)-v\(version.number)", fileExtension: fileExtension,
                                           title: "Dossier \(id), version \(version.number) : \(version.fileName)",
                                           originalName: version.fileName, mimeType: version.mediaType, bytes: bytes))
        }
        return (files, missing)
    }

    /// A time-stamped text and its RFC 3161 token (DER), so `openssl ts -verify -data … -in … -token_in` checks them.
    private static func stampFiles(stem: String, subject: String, text: String, token: [UInt8]) -> [SEDATransfer.File] {
        [SEDATransfer.File(stem: stem, fileExtension: "txt", title: "Texte horodaté \(subject)", mimeType: "text/plain", bytes: Array(text.utf8)),
         SEDATransfer.File(stem: stem, fileExtension: "tst", title: "Jeton d'horodatage RFC 3161 \(subject)", mimeType: "application/pkcs7-mime",
                           bytes: token)]
    }
}
