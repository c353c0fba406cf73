public import Foundation
public import HuisClosCouncilStore
import HuisClosCrypto
import HuisClosDevice
import HuisClosL10n
import HuisClosTerminal
public import HuisClosTimestamp
import HuisClosTrust
import X509

/// One kept time-stamp checked offline on this device: what the token says when it holds, and how
/// its statement stands against the records (it must name its record and say what they say).
public struct TimestampCheck: Sendable {
    public let stored: CouncilStore.StoredTimestamp
    /// The token's content once verified against the council's roots, or why it is refused.
    public let outcome: Result<TimestampInfo, TimestampError>
    /// The statement against the records (`TimestampStatement.standing`).
    public let standing: TimestampStatement.Standing

    /// The TSA's time when the token verifies and the statement is the records' current one.
    public var verifiedTime: Date? { standing == .current ? tokenTime : nil }

    /// The TSA's time when the token verifies, whatever the statement says.
    public var tokenTime: Date? {
        guard case let .success(info) = outcome else { return nil }
        return info.genTime
    }

    /// True when the token holds but the statement is an earlier revision of the convocation:
    /// neither verified nor refused.
    public var uncheckable: Bool { tokenTime != nil && standing == .earlierRevision }

    /// `verified`, or the code saying why not (`timestamp.forged`, `timestamp.noRecord`,
    /// `timestamp.earlierRevision`…): the token's refusal first, then the statement's.
    public var status: String {
        if case let .failure(error) = outcome { return error.qualifiedCode }
        let code: TimestampError.Code? = switch standing {
        case .current: nil
        case .changed: .recordChanged
        case .earlierRevision: .earlierRevision
        case .noRecord: .noRecord
        case .mismatch: .statementMismatch
        }
        return code?.qualified ?? "verified"
    }
}

extension CouncilSession {
    /// Records the council's time-stamping authority: `url` (http or https) and the PEM root(s) in
    /// `rootFile` its tokens must chain to (checked readable first). Secretariat.
    public func configureTimestamping(url: String, rootFile: String) throws {
        guard let data = FileManager.default.contents(atPath: rootFile) else {
            throw TimestampError(.badRoot, Text(fr: "fichier \(rootFile) illisible : donnez le certificat racine PEM de l'autorité d'horodatage",
                                                en: "cannot read \(rootFile): give the time-stamping authority's PEM root certificate"))
        }
        let rootsPEM = String(decoding: data, as: UTF8.self)
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme?.lowercased()), parsed.host != nil else {
            throw UsageError("--url", url, accepts: Text(fr: "une adresse http:// ou https:// (celle de l'autorité d'horodatage)",
                                                         en: "an http:// or https:// address (the time-stamping authority's)"))
        }
        _ = try TimestampVerifier(rootsPEM: rootsPEM)
        try council.setTimestampAuthority(url: url, rootsPEM: rootsPEM)
    }

    /// The statements `seance` gives now, from this device's records.
    public func timestampStatements(of seance: String) async throws -> [TimestampStatement] {
        TimestampStatement.current(try council.seance(seance), acknowledgements: try council.acknowledgements(of: seance),
                                   council: await councilRootHex())
    }

    /// Obtains a token from the council's authority for every statement of `seance` not yet
    /// stamped, verifies it offline and keeps it (secretariat). Returns the statements stamped now
    /// and the number already stamped.
    public func timestamp(seance: String) async throws -> (stamped: [TimestampStatement], already: Int) {
        try council.checkMayRecordTimestamps()
        let (authority, verifier) = try timestampAuthority()
        // Kept already: a statement that stands for its record now (a v1 convocation included).
        let (records, acknowledgements, councilRoot) = (try council.seance(seance), try council.acknowledgements(of: seance), await councilRootHex())
        let kept = Set(try council.timestamps(of: seance).filter {
            $0.statement.standing(recordID: $0.recordID, council: councilRoot, seance: records, acknowledgements: acknowledgements) == .current
        }.map(\.statement.subject))
        var stamped: [TimestampStatement] = []
        var already = 0
        for statement in try await timestampStatements(of: seance) {
            if kept.contains(statement.subject) { already += 1; continue }
            let token = try await stamp(statement.text, authority: authority, verifier: verifier)
            try council.recordTimestamp(statement, token: token)
            stamped.append(statement)
        }
        return (stamped, already)
    }

    /// A token from `authority` over SHA-256 of `text` (a fresh 96-bit nonce), verified against the
    /// council's roots before it is returned (DER).
    func stamp(_ text: String, authority: CouncilStore.TimestampAuthority, verifier: TimestampVerifier) async throws -> [UInt8] {
        let imprint = SHA2.sha256(Array(text.utf8))
        let nonce = Array(SHA2.sha256(Array(client.randomness.identifier().utf8)).prefix(12))
        let token = try await TimestampClient(url: authority.url).stamp(TimestampRequest(imprint: imprint, digest: .sha256, nonce: nonce))
        _ = try await verifier.verify(token, imprint: imprint, digest: .sha256)
        return token.der
    }

    /// Every time-stamp kept for `seance`, verified offline against the council's roots, each
    /// statement checked against the record it is kept under and what the records say now.
    public func timestampChecks(of seance: String) async throws -> [TimestampCheck] {
        let stored = try council.timestamps(of: seance)
        guard !stored.isEmpty else { return [] }
        // Tokens synced before the authority's record (or without it) are not believed, not an error.
        let verifier = try council.timestampAuthority() == nil ? nil : try timestampAuthority().verifier
        let (records, acknowledgements, councilRoot) = (try council.seance(seance), try council.acknowledgements(of: seance), await councilRootHex())
        var checks: [TimestampCheck] = []
        for timestamp in stored {
            let outcome: Result<TimestampInfo, TimestampError>
            do throws(TimestampError) {
                guard let verifier else { throw TimestampError(.notConfigured, TimestampError.Code.notConfigured.text) }
                outcome = .success(try await Self.verify(timestamp.token, over: timestamp.statement.text, with: verifier))
            } catch {
                outcome = .failure(error)
            }
            let standing = timestamp.statement.standing(recordID: timestamp.recordID, council: councilRoot, seance: records,
                                                        acknowledgements: acknowledgements)
            checks.append(TimestampCheck(stored: timestamp, outcome: outcome, standing: standing))
        }
        return checks
    }

    /// Token `der` verified against the SHA-256 of `text`, every failure a `TimestampError`.
    static func verify(_ der: [UInt8], over text: String, with verifier: TimestampVerifier) async throws(TimestampError) -> TimestampInfo {
        do {
            let token = try TimestampToken(der: der)
            return try await verifier.verify(token, imprint: SHA2.sha256(Array(text.utf8)), digest: .sha256)
        } catch let error as TimestampError {
            throw error
        } catch {
            throw TimestampError(.malformed, TimestampError.Code.malformed.text)
        }
    }

    /// The council's authority and a verifier over its roots; `TimestampError.notConfigured` before one is recorded.
    func timestampAuthority() throws -> (authority: CouncilStore.TimestampAuthority, verifier: TimestampVerifier) {
        guard let authority = try council.timestampAuthority() else { throw TimestampError(.notConfigured, TimestampError.Code.notConfigured.text) }
        return (authority, try TimestampVerifier(rootsPEM: authority.rootsPEM))
    }

    /// The council's trust root, hex: names the council in every statement.
    func councilRootHex() async -> String { await device.membership.root.publicKey.bytes.hex }
}

extension CouncilSession {
    /// The proof file of `seance`'s convocation (Protocol/COUNCIL-RECORDS.md, "The proof file"):
    /// a README saying what each check covers, then each time-stamped statement with this device's
    /// verdict and its token as PEM-style blocks, then the council's TSA roots as CERTIFICATE
    /// blocks, so `openssl ts -verify -data <statement> -in <token> -token_in -CAfile <this file>`
    /// checks each pair (`scripts/check-proof.sh` does it for every pair and reads the verdicts).
    public func proofFile(of seance: String) async throws -> String {
        let checks = try await timestampChecks(of: seance)
        guard !checks.isEmpty else { throw TimestampError(.nothingStamped, Text(
            fr: "aucun horodatage pour la séance \(seance) : obtenez-les d'abord (huisclos seances horodater \(seance))",
            en: "no time-stamp for séance \(seance): obtain them first (huisclos seances horodater \(seance))")) }
        let roots = try timestampAuthority().authority.rootsPEM
        var lines = ["# HuisClos — preuve de convocation / proof of convocation, format 2 (Protocol/COUNCIL-RECORDS.md).",
                     "# Séance \(seance). Each statement is the exact text time-stamped (base64); each token an RFC 3161",
                     "# TimeStampToken (DER, base64). To check one pair by hand with OpenSSL alone: decode the statement's",
                     "# base64 into statement.txt and the token's into token.der (base64 -d), then run",
                     "#   openssl ts -verify -data statement.txt -in token.der -token_in -CAfile THIS-FILE",
                     "# (this file ends with the TSA roots). scripts/check-proof.sh, in HuisClos's sources, checks every pair."] + Self.proofReadme
        for check in checks {
            let subject = check.stored.statement.subject
            let verdict = check.verifiedTime.map { "verified, TSA time \(ISO8601DateFormatter().string(from: $0))" } ?? check.status
            lines.append("# \(subject): \(verdict)")
            lines.append("verdict: \(check.status) \(subject)")
            lines += Self.pem("HUISCLOS STATEMENT", Array(check.stored.statement.text.utf8))
            lines += Self.pem("TIMESTAMP TOKEN", check.stored.token)
        }
        lines.append("# The council's TSA root certificate(s): the trust anchors (each token holds the TSA's own certificate).")
        return lines.joined(separator: "\n") + "\n" + roots.trimmingCharacters(in: .whitespacesAndNewlines) + "\n"
    }

    /// What a proof file's reader can check, and what rests on the exporting device (its README).
    static let proofReadme = [
        "#",
        "# README — what is checked, and by whom:",
        "# - OpenSSL (scripts/check-proof.sh, or openssl ts -verify) checks that the TSA named by the roots at the end",
        "#   signed each statement's exact bytes: the text existed no later than the TSA time. It does not read the",
        "#   council's records: a genuine token over a made-up text passes it.",
        "# - The `verdict:` line before each statement is the exporting HuisClos device's check against its records:",
        "#   verified = the statement names the record it is kept under (council, séance, subject, device, version) and",
        "#   the records say the same (for a receipt or reading: that device's signed acknowledgement of that version,",
        "#   same time); timestamp.earlierRevision = an earlier version of the convocation, which the records no longer",
        "#   hold (only its token is checked); any other code = refused (timestamp.noRecord: no such acknowledgement or",
        "#   version; timestamp.statementMismatch: the text names another record; timestamp.recordChanged: the record",
        "#   says otherwise now; or the token's own refusal).",
        "# - check-proof.sh prints OK only where OpenSSL verifies the token AND the verdict is verified; EARLIER where the",
        "#   token holds for an earlier version; REFUSED otherwise (exit 1). The verdicts are the exporting device's",
        "#   word: another member's device shows its own (huisclos seances accuses ID).",
        "#",
    ]

    /// `bytes` as a PEM block labelled `label`, lines of 64 characters.
    private static func pem(_ label: String, _ bytes: [UInt8]) -> [String] {
        let base64 = Data(bytes).base64EncodedString(options: [.lineLength64Characters, .endLineWithLineFeed])
        return ["-----BEGIN \(label)-----"] + base64.split(separator: "\n").map(String.init) + ["-----END \(label)-----"]
    }
}

extension CouncilSession {
    /// The configured authority's URL and its roots' subjects, for showing; nil before one is configured.
    public func timestampAuthorityDescription() throws -> (url: String, roots: [String])? {
        guard try council.timestampAuthority() != nil else { return nil }
        let (authority, verifier) = try timestampAuthority()
        return (authority.url, verifier.roots.map(\.subject.description))
    }
}
