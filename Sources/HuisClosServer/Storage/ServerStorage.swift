public import Foundation
public import HuisClosCrypto
public import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire

/// Everything the relay keeps, behind one protocol: SQLite embedded by default
/// (`SQLiteServerStorage`), another database later, checked by the same conformance suite.
///
/// Rules every backend keeps (the conformance tests in `Tests/HuisClosServerTests/Conformance`
/// check them through this protocol only):
/// - each method is atomic: it is applied whole or not at all;
/// - a method that returns has made its writes durable (committed);
/// - secrets arrive already hashed (codes, tokens): a backend never sees them in clear;
/// - `push` places batches with `ChainPosition`, the same rule every replica applies, and keeps
///   with each appended batch its arrival time; `pull` returns it beside the batch, unchanged
///   forever (a duplicate push keeps the first arrival).
public protocol ServerStorage: Sendable {
    // MARK: Enrolment and devices

    /// Stores a one-time enrolment code by its hash, with the grants it will give.
    func createEnrolmentCode(hash: [UInt8], access: DeviceAccess, expiresAt: Date) async throws(StorageError)

    /// Whether a code with this hash is known, unused and unexpired, without spending it: the relay
    /// says a wrong code before answering anything about the council (its root, its members).
    func enrolmentCodeIsLive(hash: [UInt8], now: Date) async throws(StorageError) -> Bool

    /// Consumes the code and registers the device in one transaction. An unknown, used or expired
    /// code gives `.codeInvalid`; a key already registered gives `.alreadyEnrolled` and leaves the
    /// code unused.
    func enrol(codeHash: [UInt8], device: SigningPublicKey, agreementKey: [UInt8], now: Date)
        async throws(StorageError) -> EnrolmentOutcome

    /// The registered device with this key, revoked or not; nil if unknown.
    func device(_ key: SigningPublicKey) async throws(StorageError) -> DeviceRecord?

    /// Marks the device revoked (its tokens then fail with `deviceRevoked`); returns false if it was already revoked or
    /// is unknown.
    func revoke(_ key: SigningPublicKey, at time: Date) async throws(StorageError) -> Bool

    // MARK: Login

    /// Stores a login nonce for a device until `expiresAt`.
    func saveChallenge(nonce: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError)

    /// Deletes the nonce and says whether it existed for this device and had not expired.
    func consumeChallenge(nonce: [UInt8], device: SigningPublicKey, now: Date) async throws(StorageError) -> Bool

    /// Stores a session token by its hash.
    func saveToken(hash: [UInt8], device: SigningPublicKey, expiresAt: Date) async throws(StorageError)

    /// The session with this token hash, expired or not; nil if unknown.
    func token(hash: [UInt8]) async throws(StorageError) -> TokenRecord?

    // MARK: Batches

    /// Places each verified, authorised batch in order against its author's stored chain in its
    /// scope (`ChainPosition`): `.next` is appended to the scope's log at the next position with
    /// `receivedAt` as its arrival time (kept to the millisecond); `.duplicate` reports the
    /// position it already has and keeps its first arrival; `.gap` and `.fork` change nothing.
    /// All appends are committed together before returning.
    func push(_ batches: [BatchEnvelope], receivedAt: Date) async throws(StorageError) -> [PushOutcome]

    /// The scope's log after `after`, in order: at most `maxBatches`, and batches while their
    /// total stays within `maxBytes` (the first one always, so every page progresses).
    func pull(scope: ScopeID, after: UInt64, maxBatches: Int, maxBytes: Int) async throws(StorageError) -> PullPage

    /// The head position of each scope's log (0 for an empty log).
    func heads(of scopes: Set<ScopeID>) async throws(StorageError) -> [ScopeID: UInt64]

    // MARK: Files

    /// Stores a manifest declared by `device` unless its id exists; returns the manifest stored
    /// under that id (the given one, or the earlier one — the caller compares them to detect a conflict).
    func declare(_ manifest: FileManifestRecord, by device: SigningPublicKey) async throws(StorageError) -> FileManifestRecord

    /// How many files `device` declared (its quota counts them).
    func filesDeclared(by device: SigningPublicKey) async throws(StorageError) -> Int

    /// The manifest of a file; nil if never declared.
    func manifest(_ id: FileID) async throws(StorageError) -> FileManifestRecord?

    /// The hashes among `hashes` whose chunk was not uploaded to `scope`, in the given order,
    /// without repeats (a chunk uploaded only to another scope is missing here: it must be sent
    /// again by a writer of this scope, who thereby shows they hold it).
    func missingChunks(_ hashes: [[UInt8]], in scope: ScopeID) async throws(StorageError) -> [[UInt8]]

    /// Stores a chunk under its (already verified) hash as uploaded by `device` to `scope`;
    /// storing a chunk held for that scope is harmless (and not counted twice).
    func storeChunk(hash: [UInt8], bytes: [UInt8], scope: ScopeID, device: SigningPublicKey) async throws(StorageError)

    /// The bytes of chunks `device` uploaded, once per scope (its quota counts them).
    func chunkBytesStored(by device: SigningPublicKey) async throws(StorageError) -> Int64

    /// The bytes of a chunk uploaded to `scope`; nil if not uploaded there (even if held for another scope).
    func chunk(hash: [UInt8], in scope: ScopeID) async throws(StorageError) -> [UInt8]?

    /// The bytes of a stored chunk, whatever its scope (the benchmark's raw floor only); nil if not held.
    func chunk(hash: [UInt8]) async throws(StorageError) -> [UInt8]?

    // MARK: Usage

    /// The bytes this council's data takes in the database (its quota counts them): SQLite, the
    /// file's pages in use (freed pages do not count); PostgreSQL, the tables of the council's
    /// schema with their indexes and TOAST. Cheap (no table is scanned): read before each write.
    func storedBytes() async throws(StorageError) -> Int64

    /// The sealed bytes of every consultation's contributions (their share of the quota counts them).
    func storedContributionBytes() async throws(StorageError) -> Int64

    // MARK: Membership log and key mailbox (the caller has verified every record and key)

    /// The relayed membership log's records from index `from`, in order (canonical bytes).
    func membershipRecords(from: UInt64) async throws(StorageError) -> [[UInt8]]

    /// Appends `records` at indices `at`, `at + 1`…; returns false, changing nothing, unless the
    /// log holds exactly `at` records (another append came first).
    func appendMembershipRecords(_ records: [[UInt8]], at: UInt64) async throws(StorageError) -> Bool

    /// Keeps sealed keys in their recipients' mailboxes (a key already held is harmless).
    func storeSealedKeys(_ keys: [MailboxKey]) async throws(StorageError)

    /// The sealed keys addressed to `recipient` (canonical bytes), oldest first.
    func sealedKeys(for recipient: SigningPublicKey) async throws(StorageError) -> [[UInt8]]

    // MARK: Consultations (sealed contributions: the relay never holds their key)

    /// Appends a sealed contribution to `consultation`'s mailbox, received at `receivedAt`;
    /// returns its position (from 1), or nil, changing nothing, when the mailbox already holds `max`.
    func storeContribution(_ sealed: [UInt8], consultation: String, receivedAt: Date, max: Int) async throws(StorageError) -> UInt64?

    /// The sealed contributions of `consultation` after position `after`, in order, at most `maxCount`.
    func contributions(of consultation: String, after: UInt64, maxCount: Int) async throws(StorageError) -> [ContributionPage.Entry]

    // MARK: Health

    /// Checks the stored data for damage (SQLite: `PRAGMA integrity_check`) and returns what it
    /// found, empty when sound. Reads everything: run it off the request path (`IntegrityWatch`).
    func integrityProblems() async throws(StorageError) -> [String]

    /// The relay's incarnation (`StoredIncarnation`): the same from one start to the next, another
    /// after every restore.
    func incarnation() async throws(StorageError) -> String
}

/// A sealed scope key as the mailbox files it: the fields the relay routes by, and the bytes.
public struct MailboxKey: Sendable, Equatable {
    /// The device it is sealed to.
    public let recipient: SigningPublicKey
    /// Its scope.
    public let scope: ScopeID
    /// Its epoch.
    public let epoch: UInt32
    /// The issuer (a recipient may receive the same epoch from several issuers).
    public let issuer: SigningPublicKey
    /// The canonical `SealedScopeKey` bytes.
    public let bytes: [UInt8]

    /// A mailbox entry.
    public init(recipient: SigningPublicKey, scope: ScopeID, epoch: UInt32, issuer: SigningPublicKey, bytes: [UInt8]) {
        self.recipient = recipient
        self.scope = scope
        self.epoch = epoch
        self.issuer = issuer
        self.bytes = bytes
    }
}

/// A registered device.
public struct DeviceRecord: Sendable, Equatable {
    /// Its Ed25519 identity.
    public let key: SigningPublicKey
    /// What it may read and write.
    public let access: DeviceAccess
    /// When the secretariat revoked it, if it did.
    public let revokedAt: Date?

    /// A device record.
    public init(key: SigningPublicKey, access: DeviceAccess, revokedAt: Date?) {
        self.key = key
        self.access = access
        self.revokedAt = revokedAt
    }
}

/// What redeeming an enrolment code did.
public enum EnrolmentOutcome: Sendable, Equatable {
    /// The device is registered with these grants.
    case enrolled(DeviceAccess)
    /// The code is unknown, used or expired; nothing changed.
    case codeInvalid
    /// The key is already registered; the code was not consumed.
    case alreadyEnrolled
}

/// A stored session token.
public struct TokenRecord: Sendable, Equatable {
    /// The device it authenticates.
    public let device: SigningPublicKey
    /// When it stops being accepted.
    public let expiresAt: Date

    /// A token record.
    public init(device: SigningPublicKey, expiresAt: Date) {
        self.device = device
        self.expiresAt = expiresAt
    }
}

/// Where one pushed batch ended.
public enum PushOutcome: Sendable, Equatable {
    /// Appended at this log position.
    case accepted(cursor: UInt64)
    /// Already held at this log position.
    case duplicate(cursor: UInt64)
    /// Earlier batches of the device are missing; the next expected sequence.
    case gap(expected: UInt64)
    /// Contradicts the stored chain.
    case fork
}

/// One page of a scope's log.
public struct PullPage: Sendable, Equatable {
    /// Canonical batch bytes, in log order.
    public let batches: [[UInt8]]
    /// When each batch was appended (Unix ms, the relay's clock), parallel to `batches`; 0 for a
    /// batch stored before arrival times were kept.
    public let receivedAtMs: [UInt64]
    /// The position of the last batch given (`after` if none).
    public let cursor: UInt64
    /// The log's head when the page was read.
    public let head: UInt64

    /// Whether `cursor` is the log's head.
    public var caughtUp: Bool { cursor >= head }

    /// A page; `receivedAtMs` has one entry per batch.
    public init(batches: [[UInt8]], receivedAtMs: [UInt64], cursor: UInt64, head: UInt64) {
        precondition(receivedAtMs.count == batches.count, "one arrival time per batch")
        self.batches = batches
        self.receivedAtMs = receivedAtMs
        self.cursor = cursor
        self.head = head
    }
}

/// A declared file: its scope and ordered chunk hashes.
public struct FileManifestRecord: Sendable, Equatable {
    /// The client-chosen id.
    public let id: FileID
    /// Whose readers may download it and writers upload it.
    public let scope: ScopeID
    /// BLAKE2b-256 of each chunk, in file order.
    public let chunkHashes: [[UInt8]]
    /// The file's size in bytes.
    public let totalSize: UInt64

    /// A manifest record.
    public init(id: FileID, scope: ScopeID, chunkHashes: [[UInt8]], totalSize: UInt64) {
        self.id = id
        self.scope = scope
        self.chunkHashes = chunkHashes
        self.totalSize = totalSize
    }
}

/// A storage failure: the disk or database, never the client's input.
public struct StorageError: HuisClosError, CustomStringConvertible {
    /// Stable codes.
    public enum Code: String, ErrorCode {
        /// The database could not be opened, read or written.
        case unavailable
        /// Stored data is damaged (the database reports corruption, or what it holds does not
        /// decode or verify): the data folder was altered or damaged; check it and restore a backup.
        case corrupt
        /// The database was migrated by a newer binary: this one could misread what it does not know.
        case schemaTooNew
        /// The database (or backup) records another council than the one it is opened for: it would
        /// hand that council's devices and log to this council's admin token.
        case otherCouncil
        /// `councils create` found the council's database or schema already there.
        case councilExists
        /// A folder under `<data>/councils/` is no valid council identifier (one too long for its
        /// PostgreSQL schema among them).
        case councilFolderInvalid

        public static let domain = "storage"

        public var text: Text {
            switch self {
            case .unavailable:
                Text(fr: "la base du serveur ne peut pas être ouverte, lue ou écrite : vérifiez le disque, les droits du dossier de données ou la connexion à PostgreSQL",
                     en: "the server's database cannot be opened, read or written: check the disk, the data folder's permissions or the connection to PostgreSQL")
            case .corrupt:
                Text(fr: "des données du serveur sont endommagées : lancez huisclos-server check, puis restaurez la dernière sauvegarde",
                     en: "the server's stored data is damaged: run huisclos-server check, then restore the last backup")
            case .schemaTooNew:
                Text(fr: "la base a été migrée par une version plus récente de huisclos-server : installez cette version (ou plus récente), ou restaurez une sauvegarde faite avant la migration",
                     en: "the database was migrated by a newer huisclos-server: run that version (or newer), or restore a backup taken before the migration")
            case .otherCouncil:
                Text(fr: "cette base ou cette sauvegarde appartient à un autre conseil que celui qui l'ouvre : vérifiez le dossier du conseil ou la sauvegarde choisie (restore --force seulement si vous en êtes sûr)",
                     en: "this database or backup belongs to another council than the one opening it: check the council's folder or the backup chosen (restore --force only when you are sure)")
            case .councilExists:
                Text(fr: "ce conseil a déjà une base (fichier ou schéma PostgreSQL) : choisissez un autre identifiant, ou ajoutez --adopt-existing pour une autre instance du même déploiement",
                     en: "this council already has a database (file or PostgreSQL schema): pick another identifier, or add --adopt-existing for another instance of the same deployment")
            case .councilFolderInvalid:
                Text(fr: "un dossier de <données>/councils/ ne porte pas un identifiant de conseil valide (1 à 46 caractères a-z, 0-9 et '-') : renommez-le ou retirez-le, puis relancez le relais",
                     en: "a folder in <data>/councils/ is not a valid council identifier (1 to 46 characters a-z, 0-9 and '-'): rename or remove it, then start the relay again")
            }
        }

        public var exitStatus: ExitStatus {
            switch self {
            case .corrupt, .otherCouncil, .councilExists, .councilFolderInvalid: .dataRefused
            case .unavailable, .schemaTooNew: .localIO
            }
        }

        /// Sent as `internal`: nothing the client sent caused it.
        public var httpStatus: Int? { 500 }
    }

    /// What failed.
    public let code: Code
    /// What happened and what to do, in both languages.
    public let text: Text

    /// A storage error that says no more than its code's sentence (and matches any error of that code).
    public init(_ code: Code) {
        self.init(code, code.text)
    }

    /// A storage error described in both languages (what an operator reads at the command line).
    public init(_ code: Code, _ text: Text) {
        self.code = code
        self.text = text
    }

    /// The database's schema is at `found`, past the `known` migrations of this binary: starting
    /// would risk misreading it, so the relay refuses, in French then English (operators of
    /// either language read the same log line).
    public static func schemaTooNew(found: Int, known: Int, database: String) -> StorageError {
        let french = """
            la base \(database) est au schéma \(found), plus récent que celui que ce huisclos-server connaît (\(known)) : \
            installez la version qui l'a migrée (ou plus récente), ou restaurez une sauvegarde faite avant la migration.
            """
        let english = """
            the database \(database) is at schema \(found), newer than this huisclos-server knows (\(known)): \
            run the version that migrated it (or newer), or restore a backup taken before that migration.
            """
        return StorageError(.schemaTooNew, Text(fr: "\(french) / \(english)", en: "\(french) / \(english)"))
    }
}
