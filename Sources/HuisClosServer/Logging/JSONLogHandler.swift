public import Foundation
public import Logging
import Synchronization

/// Log lines as JSON objects, one per line (`--log-format json`), for a log shipper to read
/// without parsing text: `{"time":…,"level":…,"label":…,"message":…, …metadata}`.
///
/// The same records as the text format, with the same rule: no payloads, tokens, codes or keys
/// ever reach a log call (devices appear as 8 hex digits). Metadata keys sit beside the fixed
/// ones; a metadata key named like a fixed one is written `meta.<key>` so it never hides it.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    private let label: String
    private let clock: ServerClock
    private let write: @Sendable (String) -> Void

    /// A handler writing to standard error, timed by `clock`.
    public static func standardError(label: String, clock: ServerClock = .system) -> JSONLogHandler {
        JSONLogHandler(label: label, clock: clock) { line in FileHandle.standardError.write(Data(line.utf8)) }
    }

    /// A handler handing each line (with its newline) to `write`.
    public init(label: String, clock: ServerClock, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.clock = clock
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        write(Self.line(time: clock.now(), level: event.level, label: label, message: "\(event.message)", metadata: merged) + "\n")
    }

    /// One record as a JSON object on one line (keys sorted, so equal records give equal lines).
    public static func line(time: Date, level: Logger.Level, label: String, message: String, metadata: Logger.Metadata) -> String {
        var object: [String: Any] = [:]
        for (key, value) in metadata {
            object[["time", "level", "label", "message"].contains(key) ? "meta.\(key)" : key] = json(value)
        }
        object["time"] = ISO8601DateFormatter.withMilliseconds.string(from: time)
        object["level"] = level.rawValue
        object["label"] = label
        object["message"] = message
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    private static func json(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): values.map(json)
        case .dictionary(let values): values.mapValues(json)
        }
    }
}

extension ISO8601DateFormatter {
    /// `2026-12-06T07:15:00.123Z`.
    fileprivate static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}

/// How the relay writes its log lines (`--log-format`).
public enum LogFormat: String, Sendable, CaseIterable {
    /// swift-log's text lines (the default, for a person reading a terminal or the journal).
    case text
    /// One JSON object per line (`JSONLogHandler`).
    case json
}
