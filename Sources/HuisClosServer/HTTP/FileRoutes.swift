import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire
import Hummingbird

/// Content-addressed, resumable file transfer (PROTOCOL.md, "Files").
struct FileRoutes: Sendable {
    let services: RelayServices

    func register<Context: RequestContext>(on router: Router<Context>) {
        router.post(RouterPath(Endpoint.files)) { request, _ in Response.wire(try await declare(request)) }
        router.get(RouterPath(Endpoint.filePattern)) { request, context in
            Response.wire(try await status(request, fileID: context.parameters.get("fileID") ?? ""))
        }
        router.put(RouterPath(Endpoint.chunkPattern)) { request, context in
            try await upload(request, fileID: context.parameters.get("fileID") ?? "", hash: context.parameters.get("hash") ?? "")
            return Response(status: .noContent)
        }
        router.get(RouterPath(Endpoint.chunkPattern)) { request, context in
            Response.bytes(try await download(request, fileID: context.parameters.get("fileID") ?? "", hash: context.parameters.get("hash") ?? ""),
                   contentType: ProtocolVersion.chunkContentType)
        }
    }

    private func declare(_ request: Request) async throws -> Huisclos_V1_FileStatus {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        let message = try await request.message(Huisclos_V1_FileManifest.self, limit: WireLimits.controlMessageBytesMax)
        let (id, scope) = try message.validated()
        try device.requireWrite(scope)
        let record = FileManifestRecord(id: id, scope: scope, chunkHashes: message.chunkHashes.map { Array($0) },
                                        totalSize: message.totalSize)
        let isNew = try await services.storage.manifest(id) == nil
        if isNew, try await services.storage.filesDeclared(by: device.key) >= services.quotas.filesPerDeviceMax {
            throw APIError(.quotaExceeded, Text(fr: "cet appareil a déclaré \(services.quotas.filesPerDeviceMax) fichiers, son quota : adressez-vous au secrétariat",
                                                en: "this device has declared \(services.quotas.filesPerDeviceMax) files, its quota: ask the secretariat"))
        }
        let stored = try await services.councilQuota.storing(isNew ? record.chunkHashes.count * Hash.length : 0) {
            try await services.storage.declare(record, by: device.key)
        }
        guard stored == record else {
            throw APIError(.fileConflict, Text(fr: "le fichier \(id) a été déclaré avec un autre manifeste : choisissez un nouvel identifiant de fichier",
                                               en: "file \(id) was declared with another manifest: choose a new file id"))
        }
        return try await Self.status(of: stored, storage: services.storage)
    }

    private func status(_ request: Request, fileID: String) async throws -> Huisclos_V1_FileStatus {
        let device = try await services.authenticator.device(request.headers)
        let manifest = try await manifest(FileID(fileID))
        try device.requireRead(manifest.scope)
        return try await Self.status(of: manifest, storage: services.storage)
    }

    private func upload(_ request: Request, fileID: String, hash: String) async throws {
        var request = request
        let device = try await services.authenticator.device(request.headers)
        let manifest = try await manifest(FileID(fileID))
        try device.requireWrite(manifest.scope)
        let hash = try Self.chunkHash(hash, in: manifest)
        let bytes = try await request.bytes(limit: WireLimits.chunkBytesMax, contentType: ProtocolVersion.chunkContentType)
        guard Sodium.constantTimeEqual(Hash.blake2b(bytes), hash) else {
            throw APIError(.chunkHashMismatch, Text(fr: "le BLAKE2b-256 du morceau n'est pas l'empreinte du chemin : il a été abîmé en route, envoyez-le de nouveau",
                                                    en: "the chunk's BLAKE2b-256 is not the hash in the path: it was damaged in transit, send it again"))
        }
        // A chunk already held for this scope is stored again harmlessly and counts nothing.
        let isNew = try await !services.storage.missingChunks([hash], in: manifest.scope).isEmpty
        if isNew {
            let stored = try await services.storage.chunkBytesStored(by: device.key)
            guard stored + Int64(bytes.count) <= services.quotas.chunkBytesPerDeviceMax else {
                throw APIError(.quotaExceeded, Text(fr: "cet appareil a stocké \(stored) octets de fichiers, près de son quota de \(services.quotas.chunkBytesPerDeviceMax) : adressez-vous au secrétariat",
                                                    en: "this device has stored \(stored) bytes of files, near its quota of \(services.quotas.chunkBytesPerDeviceMax): ask the secretariat"))
            }
        }
        try await services.councilQuota.storing(isNew ? bytes.count : 0) {
            try await services.storage.storeChunk(hash: hash, bytes: bytes, scope: manifest.scope, device: device.key)
        }
        services.metrics.chunkBytes("in", count: bytes.count)
    }

    /// A chunk is served only from the scope it was uploaded to, which must be the scope of the
    /// manifest named in the path (read by the device): a manifest declared around a hash learnt
    /// elsewhere does not open another scope's chunk.
    private func download(_ request: Request, fileID: String, hash: String) async throws -> [UInt8] {
        let device = try await services.authenticator.device(request.headers)
        let manifest = try await manifest(FileID(fileID))
        try device.requireRead(manifest.scope)
        let hash = try Self.chunkHash(hash, in: manifest)
        guard let bytes = try await services.storage.chunk(hash: hash, in: manifest.scope) else {
            throw APIError(.notFound, Text(fr: "ce morceau n'a pas encore été envoyé dans \(manifest.scope) : réessayez quand le fichier sera complet",
                                           en: "this chunk has not been uploaded to \(manifest.scope) yet: try again once the file is complete"))
        }
        services.metrics.chunkBytes("out", count: bytes.count)
        return bytes
    }

    private func manifest(_ id: FileID) async throws -> FileManifestRecord {
        guard let manifest = try await services.storage.manifest(id) else {
            throw APIError(.notFound, Text(fr: "aucun fichier \(id) sur ce serveur : déclarez-le d'abord",
                                           en: "no file \(id) on this server: declare it first"))
        }
        return manifest
    }

    private static func chunkHash(_ text: String, in manifest: FileManifestRecord) throws(APIError) -> [UInt8] {
        guard let hash = Hex.decode(text), hash.count == Hash.length else {
            throw APIError(.malformed, Text(fr: "une empreinte de morceau fait 64 chiffres hexadécimaux (BLAKE2b-256)",
                                            en: "a chunk hash is 64 hex digits (BLAKE2b-256)"))
        }
        guard manifest.chunkHashes.contains(hash) else {
            throw APIError(.chunkNotInFile, Text(fr: "ce morceau ne fait pas partie du fichier \(manifest.id)",
                                                 en: "this chunk is not part of file \(manifest.id)"))
        }
        return hash
    }

    /// The wire status of a manifest: which chunks are still missing.
    static func status(of manifest: FileManifestRecord, storage: any ServerStorage) async throws -> Huisclos_V1_FileStatus {
        let missing = try await storage.missingChunks(manifest.chunkHashes, in: manifest.scope)
        var status = Huisclos_V1_FileStatus()
        status.manifest.fileID = manifest.id.rawValue
        status.manifest.scope = manifest.scope.rawValue
        status.manifest.chunkHashes = manifest.chunkHashes.map { Data($0) }
        status.manifest.totalSize = manifest.totalSize
        status.missing = missing.map { Data($0) }
        status.complete = missing.isEmpty
        return status
    }
}
