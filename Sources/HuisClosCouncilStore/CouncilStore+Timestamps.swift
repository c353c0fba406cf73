import Foundation
import HuisClosEngine

/// The council's time-stamping authority and the tokens obtained from it, as council records.
extension CouncilStore {
    /// The authority a council configured: where to ask and which roots its tokens must chain to.
    public struct TimestampAuthority: Sendable, Equatable {
        public let url: String
        /// PEM trust anchors.
        public let rootsPEM: String
    }

    /// A token kept for a statement.
    public struct StoredTimestamp: Sendable, Equatable {
        /// The record's id, which must be the statement's `<séance>:<subject>`.
        public let recordID: String
        public let statement: TimestampStatement
        /// The RFC 3161 TimeStampToken, DER.
        public let token: [UInt8]
    }

    /// Records the council's time-stamping authority (secretariat).
    public func setTimestampAuthority(url: String, rootsPEM: String) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.timestampSettings, CouncilRecords.timestampSettingsID)
        try commit([.set(key, field: CouncilRecords.Field.tsaURL, value: .text(url)),
                    .set(key, field: CouncilRecords.Field.tsaRoots, value: .text(rootsPEM))])
    }

    /// The configured authority, nil before one is recorded.
    public func timestampAuthority() throws -> TimestampAuthority? {
        let row = try fields(of: CouncilRecords.Kind.timestampSettings)[CouncilRecords.timestampSettingsID]
        guard let url = row?[CouncilRecords.Field.tsaURL]?.text, let roots = row?[CouncilRecords.Field.tsaRoots]?.text else { return nil }
        return TimestampAuthority(url: url, rootsPEM: roots)
    }

    /// Refuses, before any authority is asked, a device that may not keep time-stamps (the lease,
    /// then `CouncilWriteRules`: the secretariat only).
    public func checkMayRecordTimestamps() throws {
        try link?.checkWrite()
        try authorize([.set(try CouncilRecords.key(CouncilRecords.Kind.timestamp, "-"), field: CouncilRecords.Field.token, value: .null)])
    }

    /// Keeps `token` as the time-stamp of `statement` (secretariat).
    public func recordTimestamp(_ statement: TimestampStatement, token: [UInt8]) throws {
        let key = try CouncilRecords.key(CouncilRecords.Kind.timestamp, statement.id)
        try commit([.set(key, field: CouncilRecords.Field.seance, value: .text(statement.seance)),
                    .set(key, field: CouncilRecords.Field.subject, value: .text(statement.subject)),
                    .set(key, field: CouncilRecords.Field.statement, value: .text(statement.text)),
                    .set(key, field: CouncilRecords.Field.token, value: .text(Data(token).base64EncodedString()))])
    }

    /// The time-stamps kept for `seance`, by subject.
    public func timestamps(of seance: String) throws -> [StoredTimestamp] {
        try fields(of: CouncilRecords.Kind.timestamp).compactMap { id, row in
            guard row[CouncilRecords.Field.seance]?.text == seance, let subject = row[CouncilRecords.Field.subject]?.text,
                  let text = row[CouncilRecords.Field.statement]?.text,
                  let token = row[CouncilRecords.Field.token]?.text.flatMap({ Data(base64Encoded: $0) }) else { return nil }
            return StoredTimestamp(recordID: id, statement: TimestampStatement(seance: seance, subject: subject, text: text), token: [UInt8](token))
        }.sorted { $0.statement.subject < $1.statement.subject }
    }
}
