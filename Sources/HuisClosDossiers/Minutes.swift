import Foundation
public import HuisClosCouncil
import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosL10n
import HuisClosEngine
import HuisClosProtocol
import HuisClosPublication
public import HuisClosStore

/// A séance's procès-verbal (Protocol/DOSSIERS.md, "Minutes"): drafted from the séance's records,
/// edited paragraph by paragraph with the avis' merge rule (`ParagraphRegister`), approved at a
/// later séance with its vote, then signed by the president's device and time-stamped.
///
/// Records, in the council scope: `minutes/<séance>` (status, approval, signature, token) and
/// `minutes-paragraph/<séance>.<n>` (set `text`, n from 1).
public struct Minutes: Sendable {
    /// Field names of the `minutes` record.
    enum Field {
        static let status = "status", approvedAt = "approved_at", approvedOn = "approved_on", present = "vote_present"
        static let inFavour = "vote_for", against = "vote_against", abstaining = "vote_abstaining", textHash = "text_sha256"
        static let signer = "signer", signature = "signature", token = "token"
    }

    /// Where the PV stands.
    public enum Status: String, Sendable {
        /// Being written.
        case draft
        /// Approved at a later séance: its text is fixed.
        case approved
    }

    /// The approving séance's vote: members present, for, against, abstaining.
    public struct Vote: Sendable, Equatable {
        public let present: Int, inFavour: Int, against: Int, abstaining: Int

        public init(present: Int, inFavour: Int, against: Int, abstaining: Int) {
            (self.present, self.inFavour, self.against, self.abstaining) = (present, inFavour, against, abstaining)
        }
    }

    /// The approval as recorded: at which séance, on which day, with which vote, of which text (SHA-256, hex).
    public struct Approval: Sendable, Equatable {
        public let seance: String, day: Day, vote: Vote, textHash: String
    }

    /// A PV as this replica sees it.
    public struct Record: Sendable, Equatable {
        /// The séance it records.
        public let seance: String
        public let status: Status
        /// Paragraphs in order (1, 2, …).
        public let paragraphs: [DraftParagraph]
        public let approval: Approval?
        /// The signing device's public key and its Ed25519 signature over the approval statement, once signed.
        public let signer: [UInt8]?, signature: [UInt8]?
        /// When the signature was written (its field's merge timestamp, Unix ms by the writing device's clock).
        public let signedAtMs: UInt64?
        /// The RFC 3161 token over the signed statement (`stampedText(council:)`), DER.
        public let token: [UInt8]?

        /// Paragraphs whose concurrent versions must be resolved before approval.
        public var conflicts: [DraftParagraph] { paragraphs.filter(\.isConflict) }

        /// The text as it reads now, paragraphs separated by a blank line; a conflicting paragraph
        /// contributes its versions one after another (so it never matches an approved hash).
        public var text: String { paragraphs.map { $0.versions.joined(separator: "\n\n") }.joined(separator: "\n\n") }
    }

    public let store: ChangeStore
    let scope = ScopeID.council

    /// Minutes in the council scope of `store`.
    public init(store: ChangeStore) { self.store = store }

    var paragraphRegister: ParagraphRegister { ParagraphRegister(store: store, scope: scope, kind: DossierRecords.Kind.minutesParagraph) }

    /// Drafts the PV of held `seance` from its records and the council-scope texts adopted at it
    /// (`MinutesDraft`), one paragraph each; refused
    /// for a séance not held or whose PV exists. Returns the paragraphs written.
    @discardableResult
    public func draft(_ seance: Seance, register: Register) throws -> [String] {
        guard seance.attendanceClosed else { throw MinutesError(.seanceNotHeld) }
        guard try RecordReader(database: store.database).fields(kind: DossierRecords.Kind.minutes, id: seance.id, scope: scope) == nil else {
            throw MinutesError(.alreadyDrafted)
        }
        let adopted = try AvisDrafts(store: store).adoptedTexts(at: seance.id)
        let paragraphs = MinutesDraft(seance: seance, register: register, avis: adopted).paragraphs
        var changes: [Change] = [.set(try RecordKey(kind: DossierRecords.Kind.minutes, id: seance.id), field: Field.status, value: .text(Status.draft.rawValue))]
        for (number, text) in zip(1..., paragraphs) {
            changes += try paragraphRegister.changes(writing: text, paragraph: "\(number)", of: seance.id)
        }
        try store.commitLocal(changes, scope: scope)
        return paragraphs
    }

    /// Writes paragraph `number` (from 1; one past the last adds a paragraph) of `seance`'s PV over
    /// every version this replica has seen; refused once approved.
    public func write(_ text: String, paragraph number: Int, of seance: String) throws {
        let record = try minutes(seance)
        guard record.status == .draft else { throw MinutesError(.approved) }
        guard (1...min(record.paragraphs.count + 1, DossierLimits.paragraphsMax)).contains(number) else {
            throw DossierError(.invalidArgument, Text(fr: "paragraphe \(number) : le procès-verbal en a \(record.paragraphs.count) ; donnez un numéro de 1 à \(record.paragraphs.count + 1)",
                                                      en: "paragraph \(number): the minutes have \(record.paragraphs.count); give a number from 1 to \(record.paragraphs.count + 1)"))
        }
        try store.commitLocal(try paragraphRegister.changes(writing: text, paragraph: "\(number)", of: seance), scope: scope)
    }

    /// The PV of `seance` as this replica sees it; `MinutesError.notFound` when there is none.
    public func minutes(_ seance: String) throws -> Record {
        guard let fields = try RecordReader(database: store.database).fields(kind: DossierRecords.Kind.minutes, id: seance, scope: scope),
              var status = fields.text(Field.status).flatMap(Status.init(rawValue:)) else { throw MinutesError(.notFound) }
        // An approval is its fields (séance, day, vote, text hash): a « draft » status written over
        // them — a second device's draft merged late, a stolen office device — does not undo it.
        if status == .draft, fields.text(Field.approvedAt) != nil, fields.text(Field.approvedOn) != nil, fields.text(Field.textHash) != nil {
            status = .approved
        }
        let paragraphs = try paragraphRegister.paragraphs(of: seance).sorted { (Int($0.id) ?? .max, $0.id) < (Int($1.id) ?? .max, $1.id) }
        var approval: Approval?
        if status == .approved, let at = fields.text(Field.approvedAt), let day = fields.text(Field.approvedOn).flatMap(Day.init(iso:)),
           let present = fields.integer(Field.present), let inFavour = fields.integer(Field.inFavour),
           let against = fields.integer(Field.against), let abstaining = fields.integer(Field.abstaining), let hash = fields.text(Field.textHash) {
            approval = Approval(seance: at, day: day, vote: Vote(present: Int(present), inFavour: Int(inFavour), against: Int(against), abstaining: Int(abstaining)),
                                textHash: hash)
        }
        let base64 = { (name: String) in fields.text(name).flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) } }
        return Record(seance: seance, status: status, paragraphs: paragraphs, approval: approval,
                      signer: base64(Field.signer), signature: base64(Field.signature),
                      signedAtMs: try RecordReader(database: store.database).stamp(kind: DossierRecords.Kind.minutes, id: seance, field: Field.signature, scope: scope)?.hlc.physicalMs,
                      token: base64(Field.token))
    }

    /// Records the president's device signature over the approval statement of `seance`'s PV.
    public func recordSignature(of seance: String, signer: [UInt8], signature: [UInt8]) throws {
        let key = try RecordKey(kind: DossierRecords.Kind.minutes, id: seance)
        try store.commitLocal([.set(key, field: Field.signer, value: .text(Data(signer).base64EncodedString())),
                               .set(key, field: Field.signature, value: .text(Data(signature).base64EncodedString()))], scope: scope)
    }

    /// Keeps the RFC 3161 token over the signed statement of `seance`'s PV.
    public func recordTimestamp(of seance: String, token: [UInt8]) throws {
        try store.commitLocal([.set(try RecordKey(kind: DossierRecords.Kind.minutes, id: seance), field: Field.token,
                                    value: .text(Data(token).base64EncodedString()))], scope: scope)
    }
}
