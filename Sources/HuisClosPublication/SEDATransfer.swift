public import Foundation
public import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n

/// A séance, or a year's séances, handed over to public archives as a SEDA 2.2 transfer (the
/// exchange standard of the French public archives, namespace `fr:gouv:culture:archivesdefrance:seda:v2.2`):
/// the files and the `ArchiveTransfer` manifest describing them — one BinaryDataObject per file
/// with the SHA-512 of its exact bytes, one ArchiveUnit per séance with a child unit per file
/// (under one unit for the year when a year is archived).
public struct SEDATransfer: Sendable {
    /// The SEDA 2.2 namespace of the manifest.
    public static let namespace = "fr:gouv:culture:archivesdefrance:seda:v2.2"
    /// The folder, beside `manifest.xml`, that holds the files (each BinaryDataObject's Uri starts with it).
    public static let contentFolder = "content"
    /// The manifest's file name at the package's root.
    public static let manifestName = "manifest.xml"

    /// One file of the package and how the manifest describes it.
    public struct File: Sendable {
        /// Its name without the package's ordinal prefix (any text: made safe by `SEDATransfer.names`).
        public let stem: String
        /// Its extension, without the dot.
        public let fileExtension: String
        /// The French title of its ArchiveUnit.
        public let title: String
        /// The name it had in HuisClos (a dossier's file name), else the name written.
        public let originalName: String?
        /// Its media type.
        public let mimeType: String
        /// Its exact bytes.
        public let bytes: [UInt8]
        /// Lowercase hex SHA-512 of `bytes`, as the manifest's MessageDigest gives it (computed once: a dossier can be large).
        public let sha512: String

        public init(stem: String, fileExtension: String, title: String, originalName: String? = nil, mimeType: String, bytes: [UInt8]) {
            self.stem = stem
            self.fileExtension = fileExtension
            self.title = title
            self.originalName = originalName
            self.mimeType = mimeType
            self.bytes = bytes
            self.sha512 = SHA2.sha512(bytes).map { String(format: "%02x", $0) }.joined()
        }
    }

    /// The services named in the manifest (SEDA's agencies), by identifier.
    public struct Agencies: Sendable, Equatable {
        /// The archives service that receives the transfer (ArchivalAgency).
        public let archival: String
        /// The service that transfers it (TransferringAgency).
        public let transferring: String
        /// The service that produced the records (OriginatingAgency): the council.
        public let originating: String
        /// The transfer agreement with the archives service (ArchivalAgreement), when there is one.
        public let agreement: String?

        /// Checks each identifier: `archival` must be given; none blank or holding a control character.
        public init(archival: String?, transferring: String, originating: String, agreement: String?) throws(ArchiveError) {
            guard let archival, !archival.trimmingCharacters(in: .whitespaces).isEmpty else { throw ArchiveError(.archivalAgencyMissing) }
            for identifier in [archival, transferring, originating] + (agreement.map { [$0] } ?? []) {
                let blank = identifier.trimmingCharacters(in: .whitespaces).isEmpty
                guard !blank, !identifier.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) }) else {
                    throw ArchiveError(.invalidIdentifier, Text(
                        fr: "identifiant « \(identifier) » vide ou contenant des caractères de contrôle : corrigez-le",
                        en: "identifier '\(identifier)' is blank or holds control characters: correct it"))
                }
            }
            self.archival = archival.trimmingCharacters(in: .whitespaces)
            self.transferring = transferring.trimmingCharacters(in: .whitespaces)
            self.originating = originating.trimmingCharacters(in: .whitespaces)
            self.agreement = agreement?.trimmingCharacters(in: .whitespaces)
        }
    }

    /// One séance of the transfer and its own files.
    public struct Part: Sendable {
        public let seance: Seance
        public let files: [File]

        public init(seance: Seance, files: [File]) {
            self.seance = seance
            self.files = files
        }
    }

    /// What a transfer covers: one séance (its unit is the root), or a year's séances, each a unit
    /// under one group unit for the year.
    public enum Coverage: Sendable, Equatable {
        case seance
        case year(Int)
    }

    /// The message's identifier (unique per transfer).
    public let messageIdentifier: String
    /// When the package was built.
    public let date: Date
    /// The council's name.
    public let councilName: String
    /// The services named.
    public let agencies: Agencies
    /// One séance or a year.
    public let coverage: Coverage
    /// The séances archived, in date order, with their files.
    public let parts: [Part]
    /// Files of the whole transfer (the time-stamping authority's roots), under the root unit after the séances' own.
    public let shared: [File]

    /// A transfer of at least one séance; `.seance` coverage holds exactly one.
    public init(messageIdentifier: String, date: Date, councilName: String, agencies: Agencies, coverage: Coverage, parts: [Part], shared: [File]) {
        precondition(coverage == .seance ? parts.count == 1 : !parts.isEmpty, "a transfer covers one séance, or a year's held séances")
        self.messageIdentifier = messageIdentifier
        self.date = date
        self.councilName = councilName
        self.agencies = agencies
        self.coverage = coverage
        self.parts = parts
        self.shared = shared
    }

    /// Every file, in the manifest's order: each séance's, then the shared ones.
    public var files: [File] { parts.flatMap(\.files) + shared }

    /// Each file's name in the content folder: its rank (so names never collide and keep the
    /// manifest's order), then its stem and extension with anything but ASCII letters, digits,
    /// `-` and `_` turned into `_` (a dossier's file name never chooses a path).
    public var names: [String] {
        zip(1..., files).map { rank, file in
            String(format: "%02d-", rank) + Self.safe(file.stem) + "." + Self.safe(file.fileExtension)
        }
    }

    /// The `ArchiveTransfer` manifest (UTF-8 XML), every text escaped (`Escaping.xml`).
    public func manifest() -> String {
        let x = Escaping.xml
        let names = names
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<ArchiveTransfer xmlns="\#(Self.namespace)">"#,
            "  <Comment>\(x("Versement HuisClos \(coveredText) : convocation, ordre du jour, présence, procès-verbal approuvé, avis, dossiers, jetons d'horodatage."))</Comment>",
            "  <Date>\(ISO8601DateFormatter().string(from: date))</Date>",
            "  <MessageIdentifier>\(x(messageIdentifier))</MessageIdentifier>",
        ]
        if let agreement = agencies.agreement { lines.append("  <ArchivalAgreement>\(x(agreement))</ArchivalAgreement>") }
        lines.append("  <CodeListVersions>")
        lines += Self.codeLists.map { "    <\($0)CodeListVersion>\($0)CodeListVersion0</\($0)CodeListVersion>" }
        lines += ["  </CodeListVersions>", "  <DataObjectPackage>"]
        for (index, (file, name)) in zip(files, names).enumerated() {
            lines += [
                #"    <BinaryDataObject id="BDO\#(index + 1)">"#,
                "      <DataObjectVersion>BinaryMaster_1</DataObjectVersion>",
                "      <Uri>\(Self.contentFolder)/\(name)</Uri>",
                #"      <MessageDigest algorithm="SHA-512">\#(file.sha512)</MessageDigest>"#,
                "      <Size>\(file.bytes.count)</Size>",
                "      <FormatIdentification><MimeType>\(x(file.mimeType))</MimeType></FormatIdentification>",
                "      <FileInfo><Filename>\(x(file.originalName ?? name))</Filename></FileInfo>",
                "    </BinaryDataObject>",
            ]
        }
        lines.append("    <DescriptiveMetadata>")
        var rank = 0
        /// One Item unit per file, referencing its BinaryDataObject (ranks follow `files`).
        func items(_ files: [File], indent: String) -> [String] {
            files.flatMap { file in
                rank += 1
                return [
                    #"\#(indent)<ArchiveUnit id="AU\#(rank)">"#,
                    #"\#(indent)  <Content><DescriptionLevel>Item</DescriptionLevel><Title xml:lang="fr">\#(x(file.title))</Title></Content>"#,
                    "\(indent)  <DataObjectReference><DataObjectReferenceId>BDO\(rank)</DataObjectReferenceId></DataObjectReference>",
                    "\(indent)</ArchiveUnit>",
                ]
            }
        }
        switch coverage {
        case .seance:
            let seance = parts[0].seance
            lines += unit(id: "AU0", level: "File", title: "\(councilName) — séance du \(seance.date.frenchInFull) (\(seance.id))",
                          description: description(of: seance), from: seance.date, to: seance.date, indent: "      ")
            lines += items(parts[0].files + shared, indent: "        ")
        case let .year(year):
            lines += unit(id: "AU0", level: "RecordGrp", title: "\(councilName) — séances tenues en \(year)",
                          description: "\(parts.count) séance(s) du conseil « \(councilName) » tenue(s) en \(year), une unité chacune.",
                          from: parts[0].seance.date, to: parts[parts.count - 1].seance.date, indent: "      ")
            for (number, part) in zip(1..., parts) {
                lines += unit(id: "S\(number)", level: "File", title: "Séance du \(part.seance.date.frenchInFull) (\(part.seance.id))",
                              description: description(of: part.seance), from: part.seance.date, to: part.seance.date, indent: "        ")
                lines += items(part.files, indent: "          ")
                lines.append("        </ArchiveUnit>")
            }
            lines += items(shared, indent: "        ")
        }
        lines += [
            "      </ArchiveUnit>",
            "    </DescriptiveMetadata>",
            "    <ManagementMetadata>",
            "      <OriginatingAgencyIdentifier>\(x(agencies.originating))</OriginatingAgencyIdentifier>",
            "      <SubmissionAgencyIdentifier>\(x(agencies.transferring))</SubmissionAgencyIdentifier>",
            "    </ManagementMetadata>",
            "  </DataObjectPackage>",
            "  <ArchivalAgency><Identifier>\(x(agencies.archival))</Identifier></ArchivalAgency>",
            "  <TransferringAgency><Identifier>\(x(agencies.transferring))</Identifier></TransferringAgency>",
            "</ArchiveTransfer>",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// What the transfer covers, in words.
    var coveredText: String {
        switch coverage {
        case .seance: "de la séance \(parts[0].seance.id)"
        case let .year(year): "des séances tenues en \(year) (\(parts.count))"
        }
    }

    /// The opening of a unit (left open for its children), its Content escaped.
    private func unit(id: String, level: String, title: String, description: String, from start: Day, to end: Day, indent: String) -> [String] {
        let x = Escaping.xml
        return [
            #"\#(indent)<ArchiveUnit id="\#(id)">"#,
            "\(indent)  <Content>",
            "\(indent)    <DescriptionLevel>\(level)</DescriptionLevel>",
            #"\#(indent)    <Title xml:lang="fr">\#(x(title))</Title>"#,
            #"\#(indent)    <Description xml:lang="fr">\#(x(description))</Description>"#,
            "\(indent)    <OriginatingAgency><Identifier>\(x(agencies.originating))</Identifier></OriginatingAgency>",
            "\(indent)    <StartDate>\(start.iso)</StartDate>",
            "\(indent)    <EndDate>\(end.iso)</EndDate>",
            "\(indent)  </Content>",
        ]
    }

    /// A séance's description: when and where.
    func description(of seance: Seance) -> String {
        "Séance \(seance.id) du conseil « \(councilName) », \(seance.when.french), lieu : \(seance.place)."
    }

    /// The code lists SEDA 2.2 names in CodeListVersions, in the schema's order (version 0 of each:
    /// the lists as published with the standard).
    static let codeLists = ["Reply", "MessageDigestAlgorithm", "MimeType", "Encoding", "FileFormat", "CompressionAlgorithm",
                            "DataObjectVersion", "StorageRule", "AppraisalRule", "AccessRule", "DisseminationRule", "ReuseRule",
                            "ClassificationRule", "AuthorizationReason", "Relationship"]

    /// `text` with anything but ASCII letters, digits, `-` and `_` as `_` (at most 80 code points).
    static func safe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(80).map { scalar in
            scalar.isASCII && (CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "_") ? scalar : "_"
        }))
    }
}
