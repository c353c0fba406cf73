public import Foundation
public import HuisClosCrypto
import HuisClosL10n
public import HuisClosProtocol
public import HuisClosWire
import NIOHTTP1

extension SyncClient {
    // MARK: Admin (the secretariat)

    /// Creates a one-time enrolment code carrying `access`; `adminToken` is the server's admin token.
    public func createEnrolmentCode(access: DeviceAccess, validSeconds: UInt32 = 0,
                                    adminToken: String) async throws(APIError) -> (code: String, expiresAt: Date) {
        var request = Huisclos_V1_CreateEnrolmentCodeRequest()
        request.grants = access.grants
        request.validSeconds = validSeconds
        let response: Huisclos_V1_CreateEnrolmentCodeResponse = try await call(Endpoint.enrolmentCodes, request, token: adminToken)
        return (response.code, Date(timeIntervalSince1970: Double(response.expiresAtMs) / 1000))
    }

    /// Revokes a device; returns whether it was active.
    @discardableResult
    public func revoke(_ device: SigningPublicKey, adminToken: String) async throws(APIError) -> Bool {
        var request = Huisclos_V1_RevokeDeviceRequest()
        request.device = Data(device.bytes)
        let response: Huisclos_V1_RevokeDeviceResponse = try await call(Endpoint.revokeDevice, request, token: adminToken)
        return response.wasActive
    }

    // MARK: Batches

    /// Pushes batches (at most `WireLimits.pushBatchesMax`); one result per batch, in order.
    public func push(_ batches: [BatchEnvelope]) async throws(APIError) -> [Huisclos_V1_PushResult] {
        var request = Huisclos_V1_PushRequest()
        request.batches = batches.map { Data($0.encoded) }
        let response: Huisclos_V1_PushResponse = try await authorised(Endpoint.push, request)
        guard response.results.count == batches.count else {
            throw APIError(.malformed, Text(fr: "le serveur a répondu \(response.results.count) résultats pour \(batches.count) lots",
                                            en: "the server answered \(response.results.count) results for \(batches.count) batches"))
        }
        return response.results
    }

    /// One page of a scope's log after `after`, each batch verified; a batch that does not verify
    /// fails the whole page with its `WireError` code (a server must never relay one).
    /// `receivedAtMs` has one relay arrival time per batch (Unix ms; 0 where the relay does not say).
    public func pull(scope: ScopeID, after: UInt64, maxBatches: UInt32 = 0, maxBytes: UInt32 = 0) async throws(APIError)
        -> (batches: [BatchEnvelope], receivedAtMs: [UInt64], cursor: UInt64, head: UInt64, caughtUp: Bool) {
        var request = Huisclos_V1_PullRequest()
        request.scope = scope.rawValue
        request.after = after
        request.maxBatches = maxBatches
        request.maxBytes = maxBytes
        let response: Huisclos_V1_PullResponse = try await authorised(
            Endpoint.pull, request, limit: WireLimits.pullBytesMax + WireLimits.batchBodyBytesMax + 65_536)
        var batches: [BatchEnvelope] = []
        batches.reserveCapacity(response.batches.count)
        for bytes in response.batches {
            do { batches.append(try BatchEnvelope(verifying: Array(bytes))) } catch { throw APIError(error) }
        }
        guard response.cursor >= after else { throw APIError(.malformed, Text(fr: "le serveur a fait reculer le curseur",
                                                                              en: "the server moved the cursor backwards")) }
        // A relay that predates arrival times sends none: unknown (0) for every batch.
        let arrivals = response.receivedAtMs.isEmpty ? [UInt64](repeating: 0, count: batches.count) : response.receivedAtMs
        guard arrivals.count == batches.count else {
            throw APIError(.malformed, Text(fr: "le serveur a envoyé \(arrivals.count) heures d'arrivée pour \(batches.count) lots",
                                            en: "the server sent \(arrivals.count) arrival times for \(batches.count) batches"))
        }
        return (batches, arrivals, response.cursor, response.head, response.caughtUp)
    }

    // MARK: Files

    /// Declares a file (or re-reads its status to resume): which chunks are missing.
    public func declare(_ manifest: Huisclos_V1_FileManifest) async throws(APIError) -> Huisclos_V1_FileStatus {
        try await authorised(Endpoint.files, manifest)
    }

    /// A declared file's status.
    public func fileStatus(_ id: FileID) async throws(APIError) -> Huisclos_V1_FileStatus {
        let bytes = try await withToken { token throws(APIError) in
            try await send(.GET, Endpoint.file(id.rawValue), body: nil, contentType: "", token: token,
                           limit: WireLimits.controlMessageBytesMax)
        }
        return try Huisclos_V1_FileStatus(wire: bytes, limit: WireLimits.controlMessageBytesMax)
    }

    /// Uploads one chunk of a declared file.
    public func upload(chunk: [UInt8], hash: [UInt8], file: FileID) async throws(APIError) {
        _ = try await withToken { token throws(APIError) in
            try await send(.PUT, Endpoint.chunk(file: file.rawValue, hash: hash), body: chunk,
                           contentType: "application/octet-stream", token: token, limit: 4096)
        }
    }

    /// Downloads one chunk and checks its hash (once: the `VerifiedChunk` says so to its holder).
    /// The hash is computed off the actor, so chunks fetched side by side are checked on as many cores.
    public nonisolated func download(chunk hash: [UInt8], file: FileID) async throws(APIError) -> VerifiedChunk {
        let bytes = try await chunkBytes(hash, file: file)
        guard bytes.count <= WireLimits.chunkBytesMax, let chunk = VerifiedChunk(bytes: bytes, hash: hash) else {
            throw APIError(.chunkHashMismatch, Text(fr: "un morceau téléchargé ne correspond pas à son empreinte : téléchargez-le de nouveau",
                                                    en: "a downloaded chunk does not match its hash: download it again"))
        }
        return chunk
    }

    /// A chunk's bytes as the relay sends them, not yet checked.
    private func chunkBytes(_ hash: [UInt8], file: FileID) async throws(APIError) -> [UInt8] {
        try await withToken { token throws(APIError) in
            try await send(.GET, Endpoint.chunk(file: file.rawValue, hash: hash), body: nil, contentType: "",
                           token: token, limit: WireLimits.chunkBytesMax)
        }
    }

    /// Chunks a download keeps in flight beyond the one being kept: two, so the relay serves one
    /// while the client checks another (a 2-core machine: more only queue up).
    public static let chunksFetchedAhead = 2

    /// Downloads the chunks `hashes` of `file` in order, `ahead` (1 to 4) more in flight while each
    /// one is handed to `keep` (the relay serves the next ones and another core checks their hashes
    /// while this one is written): at most `ahead + 1` chunks in memory. A failure, or the caller's
    /// task cancelled, cancels those in flight and keeps nothing more.
    public nonisolated func download(chunks hashes: [[UInt8]], file: FileID, ahead: Int = chunksFetchedAhead,
                                     keep: (_ index: Int, _ chunk: VerifiedChunk) async throws -> Void) async throws {
        var inFlight: [Task<VerifiedChunk, any Error>] = []
        defer { for task in inFlight { task.cancel() } }
        var started = 0
        func startNext() {
            guard started < hashes.count else { return }
            inFlight.append(Task { [hash = hashes[started]] in try await self.download(chunk: hash, file: file) })
            started += 1
        }
        for _ in 0..<min(max(ahead, 1), 4) { startNext() }
        for index in hashes.indices {
            startNext()
            // Awaiting a task's value does not pass the caller's cancellation on: checked here.
            try Task.checkCancellation()
            let chunk = try await inFlight.removeFirst().value
            try Task.checkCancellation()
            try await keep(index, chunk)
        }
    }

    /// Runs a raw request with the session token, logging in again once when the relay no longer
    /// takes it (`renewsSession`).
    func withToken(_ body: (String) async throws(APIError) -> [UInt8]) async throws(APIError) -> [UInt8] {
        let used = try await token()
        do {
            return try await body(used)
        } catch where Self.renewsSession(error) {
            forget(token: used)
            return try await body(try await token())
        }
    }
}
