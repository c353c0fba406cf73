public import HuisClosCouncil

/// How a kept time-stamp's statement stands against the records (Protocol/COUNCIL-RECORDS.md,
/// "How every device verifies"): a genuine token proves only that its text existed, so the text
/// must also name the record it is kept under and say what the records say.
extension TimestampStatement {
    public enum Standing: Sendable, Equatable {
        /// It names its record and the records give the same text now.
        case current
        /// It names its record, whose text is another now (changed since, or altered).
        case changed
        /// An earlier revision of the convocation: the records keep only the current one, so its
        /// content cannot be compared (its lines still name the séance and revision).
        case earlierRevision
        /// It names its record, but the records hold no such event (no acknowledgement of that
        /// device and revision with that time, no such revision): made up, or its record removed.
        case noRecord
        /// Its lines do not name the record it is kept under (council, séance, subject, device,
        /// revision), or it is not a statement at all.
        case mismatch
    }

    /// How this statement, kept under record id `recordID`, stands against the records of `seance`
    /// and its `acknowledgements`, for the council whose trust root is `council`. A convocation
    /// statement is compared with the current revision rendered in its own format (v1 has no agenda).
    public func standing(recordID: String, council: String, seance: Seance,
                         acknowledgements: [CouncilStore.Acknowledgement]) -> Standing {
        guard recordID == id, seance.id == self.seance, let subject = Subject(subject), let format = namesRecord(subject, council: council)
        else { return .mismatch }
        let now: TimestampStatement?
        switch subject.kind {
        case .convocation:
            guard subject.revision == seance.revision else { return subject.revision < seance.revision ? .earlierRevision : .noRecord }
            now = Self.convocation(seance, council: council, format: format)
        case .received, .read:
            now = acknowledgements.first { $0.device.hasPrefix(subject.device ?? "-") && $0.revision == subject.revision }
                .flatMap { Self.acknowledgement($0, reading: subject.kind == .read, council: council) }
        }
        guard let now else { return .noRecord }
        return now.text == text ? .current : .changed
    }

    /// The statement's format when the text is a statement of `subject`'s layout whose lines name
    /// it: this council, this séance, the subject's kind and revision, and for an acknowledgement
    /// its device; nil otherwise.
    func namesRecord(_ subject: Subject, council: String) -> Format? {
        guard let (format, lines) = Self.lines(of: text), format == .v1 || subject.kind == .convocation else { return nil }
        let names = lines.map(\.name), fixed = subject.kind.names
        guard names.starts(with: fixed), names.dropFirst(fixed.count).allSatisfy({ format == .v2 && $0.hasPrefix("agenda-") }) else { return nil }
        let value = Dictionary(lines.map { ($0.name, $0.value) }) { first, _ in first }
        guard value["council"] == council, value["seance"] == seance, value["subject"] == subject.kind.rawValue,
              value["revision"] == "\(subject.revision)" else { return nil }
        guard let device = subject.device else { return format }
        return value["device"].map { $0.count == 2 * CouncilRecords.deviceIDHexDigits && $0.hasPrefix(device) } == true ? format : nil
    }

    /// A subject read back: `convocation:<revision>` or `received|read:<device, 32 hex>:<revision>`.
    struct Subject {
        enum Kind: String {
            case convocation, received, read

            /// The lines of its statement in format v1, in order, after the header (v2 adds the agenda's).
            var names: [String] {
                switch self {
                case .convocation: ["council", "seance", "subject", "revision", "date", "start", "end", "place", "urgent", "cancelled"]
                case .received, .read: ["council", "seance", "subject", "revision", "member", "device", "device-time-ms"]
                }
            }
        }

        let kind: Kind
        let device: String?
        let revision: Int

        init?(_ text: String) {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard let kind = parts.first.flatMap(Kind.init(rawValue:)), parts.count == (kind == .convocation ? 2 : 3),
                  let last = parts.last, let revision = Int(last), revision >= 0, "\(revision)" == last else { return nil }
            if kind != .convocation {
                let hex = parts[1]
                guard hex.count == CouncilRecords.deviceIDHexDigits, hex.allSatisfy({ "0123456789abcdef".contains($0) }) else { return nil }
                device = hex
            } else {
                device = nil
            }
            self.kind = kind
            self.revision = revision
        }
    }

    /// The format and `name: value` lines of a statement, values unescaped, in order; nil unless
    /// the text is a format's header then such lines, each ending in LF.
    static func lines(of text: String) -> (Format, [(name: String, value: String)])? {
        guard text.hasSuffix("\n") else { return nil }
        var rows = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false)
        guard let format = rows.first.flatMap({ Format(rawValue: String($0)) }) else { return nil }
        rows.removeFirst()
        var lines: [(name: String, value: String)] = []
        for row in rows {
            guard let colon = row.firstRange(of: ": "), let value = unescaped(row[colon.upperBound...]) else { return nil }
            lines.append((String(row[..<colon.lowerBound]), value))
        }
        return (format, lines)
    }

    /// The value a line wrote (`\\`, `\n`, `\r` undone); nil for any other escape.
    static func unescaped(_ written: Substring) -> String? {
        var value = ""
        var escaping = false
        for character in written {
            if escaping {
                switch character {
                case "\\": value.append("\\")
                case "n": value.append("\n")
                case "r": value.append("\r")
                default: return nil
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                value.append(character)
            }
        }
        return escaping ? nil : value
    }
}
