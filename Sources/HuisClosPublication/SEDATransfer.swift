import Foundation
import HuisClosCouncil
import HuisClosCrypto
import HuisClosL10n

/// A séance handed over to public archives as a SEDA 2.2 transfer (the exchange standard of the
/// French public archives, namespace `fr:gouv:culture:archivesdefrance:seda:v2.2`): its files and
/// the `ArchiveTransfer` manifest describing them — one BinaryDataObject per file with the SHA-512
/// of its exact bytes, one ArchiveUnit for the séance with a child unit per file.
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

        public init(stem: String, fileExtension: String, title: String, originalName: String? = nil, mimeType: String, bytes: [UInt8]) {
            self.stem = stem
            self.fileExtension = fileExtension
            self.title = title
            self.originalName = originalName
            self.mimeType = mimeType
            self.bytes = bytes
        }

        /// Lowercase hex SHA-512 of `bytes`, as the manifest's MessageDigest gives it.
        public var sha512: String { SHA2.sha512(bytes).map { String(format: "%02x", $0) }.joined() }
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

    /// The message's identifier (unique per transfer).
    public let messageIdentifier: String
    /// When the package was built.
    public let date: Date
    /// The council's name.
    public let councilName: String
    /// The séance archived.
    public let seance: Seance
    /// The services named.
    public let agencies: Agencies
    /// The files, in the order the manifest lists them.
    public let files: [File]

    public init(messageIdentifier: String, date: Date, councilName: String, seance: Seance, agencies: Agencies, files: [File]) {
        self.messageIdentifier = messageIdentifier
        self.date = date
        self.councilName = councilName
        self.seance = seance
        self.agencies = agencies
        self.files = files
    }

    /// Each file's name in the content folder: its rank (so names never collide and keep the
    /// manifest's order), then its stem and extension with anything but ASCII letters, digits,
    /// `-` and `_` turned into `_` (a dossier's file name never chooses a path).
    public var names: [String] {
        zip(1..., files).map { rank, file in
            String(format: "%02d-", rank) + Self.safe(file.stem) + "." + Self.safe(file.fileExtension)
        }
    }

    /// The séance's French title in the manifest.
    public var title: String { "\(councilName) — séance du \(seance.date.frenchInFull) (\(seance.id))" }

    /// The `ArchiveTransfer` manifest (UTF-8 XML), every text escaped (`Escaping.xml`).
    public func manifest() -> String {
        let x = Escaping.xml
        let names = names
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<ArchiveTransfer xmlns="\#(Self.namespace)">"#,
            "  <Comment>\(x("Versement HuisClos de la séance \(seance.id) : convocation, ordre du jour, présence, procès-verbal approuvé, avis, dossiers, jetons d'horodatage."))</Comment>",
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
        lines += [
            "    <DescriptiveMetadata>",
            #"      <ArchiveUnit id="AU0">"#,
            "        <Content>",
            "          <DescriptionLevel>File</DescriptionLevel>",
            #"          <Title xml:lang="fr">\#(x(title))</Title>"#,
            #"          <Description xml:lang="fr">\#(x(description))</Description>"#,
            "          <OriginatingAgency><Identifier>\(x(agencies.originating))</Identifier></OriginatingAgency>",
            "          <StartDate>\(seance.date.iso)</StartDate>",
            "          <EndDate>\(seance.date.iso)</EndDate>",
            "        </Content>",
        ]
        for (index, file) in files.enumerated() {
            lines += [
                #"        <ArchiveUnit id="AU\#(index + 1)">"#,
                #"          <Content><DescriptionLevel>Item</DescriptionLevel><Title xml:lang="fr">\#(x(file.title))</Title></Content>"#,
                "          <DataObjectReference><DataObjectReferenceId>BDO\(index + 1)</DataObjectReferenceId></DataObjectReference>",
                "        </ArchiveUnit>",
            ]
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

    /// The séance's description: when, where, and its place in the council's records.
    var description: String {
        let cancelled = seance.cancelled ? " Séance annulée." : ""
        return "Séance \(seance.id) du conseil « \(councilName) », \(seance.when.french), lieu : \(seance.place).\(cancelled)"
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
