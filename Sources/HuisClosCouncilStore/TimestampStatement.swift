import Foundation
public import HuisClosCouncil

/// The text an RFC 3161 time-stamp covers for one convocation event (Protocol/COUNCIL-RECORDS.md,
/// "Time-stamps"): the convocation at one revision with its agenda, or one device's receipt or
/// reading. UTF-8 lines `name: value` ending in LF, in a fixed order; its SHA-256 is the token's message imprint.
/// It is rebuilt from the records on every device, so a record changed after its time-stamp no
/// longer gives the text that was stamped.
public struct TimestampStatement: Sendable, Hashable {
    public let seance: String
    /// `convocation:<revision>`, `received:<device>:<revision>` or `read:<device>:<revision>` (device: 32 hex digits).
    public let subject: String
    /// The exact text time-stamped.
    public let text: String

    /// The record id of its time-stamp: "<séance>:<subject>".
    public var id: String { "\(seance):\(subject)" }

    /// The statement formats, named by the first line: v1 (receipts, readings, and convocations
    /// stamped before agendas were covered), v2 (convocations: v1's lines then the agenda).
    public enum Format: String, Sendable, CaseIterable {
        case v1 = "HuisClos time-stamp statement v1"
        case v2 = "HuisClos time-stamp statement v2"
    }

    /// The convocation of `seance` as it stands (date, times, place, urgency, cancellation,
    /// revision) and, from format v2, its agenda: each item's id, title and attached dossiers' ids.
    public static func convocation(_ seance: Seance, council: String, format: Format = .v2) -> TimestampStatement {
        var lines = [("council", council), ("seance", seance.id), ("subject", "convocation"), ("revision", "\(seance.revision)"),
                     ("date", seance.date.iso), ("start", seance.start?.iso ?? "-"), ("end", seance.end?.iso ?? "-"),
                     ("place", seance.place), ("urgent", "\(seance.urgent)"), ("cancelled", "\(seance.cancelled)")]
        if format == .v2 {
            lines.append(("agenda-items", "\(seance.agenda.count)"))
            for (rank, item) in zip(1..., seance.agenda) {
                lines += [("agenda-\(rank)", item.id), ("agenda-\(rank)-title", item.title)]
                lines += zip(1..., item.dossierIDs).map { ("agenda-\(rank)-dossier-\($0)", $1) }
            }
        }
        return TimestampStatement(seance: seance.id, subject: "convocation:\(seance.revision)", format: format, lines: lines)
    }

    /// `acknowledgement`'s receipt, or its reading when `reading`; nil when that time is not recorded.
    public static func acknowledgement(_ acknowledgement: CouncilStore.Acknowledgement, reading: Bool,
                                       council: String) -> TimestampStatement? {
        guard let ms = reading ? acknowledgement.readMs : acknowledgement.receivedMs else { return nil }
        return TimestampStatement(
            seance: acknowledgement.seance, subject: subject(of: acknowledgement, reading: reading), format: .v1,
            lines: [("council", council), ("seance", acknowledgement.seance), ("subject", reading ? "read" : "received"),
                    ("revision", "\(acknowledgement.revision)"),
                    ("member", acknowledgement.member), ("device", acknowledgement.device), ("device-time-ms", "\(ms)")])
    }

    /// The subject of `acknowledgement`'s receipt or reading: `received|read:<device, 32 hex>:<revision>`.
    public static func subject(of acknowledgement: CouncilStore.Acknowledgement, reading: Bool) -> String {
        "\(reading ? "read" : "received"):\(acknowledgement.device.prefix(CouncilRecords.deviceIDHexDigits)):\(acknowledgement.revision)"
    }

    /// Every statement `seance` gives now: its convocation, then each receipt and reading.
    public static func current(_ seance: Seance, acknowledgements: [CouncilStore.Acknowledgement],
                               council: String) -> [TimestampStatement] {
        [convocation(seance, council: council)] + acknowledgements.flatMap { ack in
            [false, true].compactMap { acknowledgement(ack, reading: $0, council: council) }
        }
    }

    /// A statement read back from a stored time-stamp.
    public init(seance: String, subject: String, text: String) {
        self.seance = seance
        self.subject = subject
        self.text = text
    }

    private init(seance: String, subject: String, format: Format, lines: [(String, String)]) {
        // A value is one line: backslash and line breaks escaped, so no value can forge another line.
        func escaped(_ value: String) -> String {
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
                .replacingOccurrences(of: "\r", with: "\\r")
        }
        self.init(seance: seance, subject: subject,
                  text: ([format.rawValue] + lines.map { "\($0.0): \(escaped($0.1))" }).joined(separator: "\n") + "\n")
    }
}
