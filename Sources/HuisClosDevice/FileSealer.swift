import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import HuisClosWire

/// Seals files with a scope key before they leave the device: `crypto_secretstream_xchacha20poly1305`
/// over 64 KiB blocks, the last one tagged final.
///
/// Layout: "HCF" 1 ‖ scope ‖ epoch (u32) ‖ stream header (24 bytes) ‖ sealed blocks. Every block's
/// associated data binds (context, scope, epoch, file id), so a file moved to another scope,
/// epoch or id does not open; the stream itself rejects truncated, dropped or reordered blocks,
/// and a stream without its final block is an error.
enum FileSealer {
    static let magic: [UInt8] = [0x48, 0x43, 0x46, 0x01]
    static let context = Array("HuisClos file v1".utf8)
    /// Plaintext block size: 64 KiB keeps memory flat and the per-block overhead (17 bytes) small.
    static let blockBytes = 65_536
    /// A scope name's longest UTF-8 form in a file header (scope names are far shorter).
    static let scopeBytesMax = 256
    /// The header's longest form: magic, length-prefixed scope, epoch, stream header.
    static let headerBytesMax = 4 + 4 + scopeBytesMax + 4 + 24

    /// Encrypts `source` into `target` for `scope` with the newest epoch seen (never an older one).
    static func seal(_ source: URL, into target: URL, id: FileID, scope: ScopeID, keyring: ScopeKeyring) throws {
        guard scope != .public else { throw DeviceError(.notAuthorised, "public files are not encrypted: publish them as they are") }
        guard let epoch = keyring.newestEpoch(of: scope) else {
            throw DeviceError(.keyUnavailable, "no key for \(scope) on this device yet: sync, or ask the secretariat for access")
        }
        let key = try keyring.writeKey(scope: scope, epoch: epoch)
        var stream = try SecretStream.Pusher(key: key)
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw DeviceError(.noDevice, "cannot write \(target.path): check the folder's permissions")
        }
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        let output = try FileHandle(forWritingTo: target)
        defer { try? output.close() }
        var head = ByteWriter(capacity: 128)
        head.write(raw: magic)
        head.write(lengthPrefixed: Array(scope.rawValue.utf8))
        head.write(epoch)
        head.write(raw: stream.header)
        try output.write(contentsOf: head.bytes)
        let associated = associatedData(scope: scope, epoch: epoch, id: id)
        var block = [UInt8](try input.read(upToCount: blockBytes) ?? Data())
        while true {
            let next = [UInt8](try input.read(upToCount: blockBytes) ?? Data())
            try output.write(contentsOf: stream.push(block, isFinal: next.isEmpty, associatedData: associated))
            block.withUnsafeMutableBytes { _ = $0.initializeMemory(as: UInt8.self, repeating: 0) }  // erase the plaintext copy
            if next.isEmpty { break }
            block = next
        }
    }

    /// Decrypts `source` (a sealed file) into `target`; throws on any alteration, a missing final
    /// block, or a key this device does not hold. Nothing is left in `target` on failure.
    static func open(_ source: URL, into target: URL, id: FileID, keyring: ScopeKeyring) throws {
        let input = try FileHandle(forReadingFrom: source)
        defer { try? input.close() }
        let prefix = [UInt8](try input.read(upToCount: headerBytesMax) ?? Data())
        var reader = ByteReader(prefix)
        let scope: ScopeID
        let epoch: UInt32
        let header: [UInt8]
        do {
            guard try reader.read(count: magic.count) == magic else { throw WireError(.malformed, "not a sealed file") }
            scope = try ScopeID(String(decoding: try reader.readLengthPrefixed(max: scopeBytesMax, field: "scope"), as: UTF8.self))
            epoch = try reader.readUInt32()
            header = try reader.read(count: SecretStream.headerLength)
        } catch {
            throw DeviceError(.untrustedLog, "this is not a HuisClos sealed file, or its header was altered")
        }
        try input.seek(toOffset: UInt64(reader.offset))
        let key: SecureBytes
        do { key = try keyring.readKey(scope: scope, epoch: epoch) } catch {
            throw DeviceError(.keyUnavailable, error.message)
        }
        guard FileManager.default.createFile(atPath: target.path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
            throw DeviceError(.noDevice, "cannot write \(target.path): check the folder's permissions")
        }
        do {
            let output = try FileHandle(forWritingTo: target)
            defer { try? output.close() }
            var stream = try SecretStream.Puller(key: key, header: header)
            let associated = associatedData(scope: scope, epoch: epoch, id: id)
            while let sealed = try input.read(upToCount: blockBytes + SecretStream.overhead), !sealed.isEmpty {
                guard !stream.isFinished else { throw DeviceError(.untrustedLog, "data follows the final block: altered file") }
                try output.write(contentsOf: try stream.pull([UInt8](sealed), associatedData: associated))
            }
            try stream.finish()
        } catch {
            try? FileManager.default.removeItem(at: target)
            throw DeviceError(.untrustedLog, "the sealed file \(id) does not open: altered, truncated, or moved from another scope or file")
        }
    }

    static func associatedData(scope: ScopeID, epoch: UInt32, id: FileID) -> [UInt8] {
        var writer = ByteWriter(capacity: 160)
        writer.write(raw: context)
        writer.write(lengthPrefixed: Array(scope.rawValue.utf8))
        writer.write(epoch)
        writer.write(lengthPrefixed: Array(id.rawValue.utf8))
        return writer.bytes
    }
}

extension Device {
    /// Encrypts `source` with the scope's current key and uploads it as file `id` (resumable);
    /// only ciphertext is written, next to the replica, and removed once the relay holds it all.
    public func putFile(_ source: URL, id: FileID, scope: ScopeID, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws {
        guard !syncOnly else { throw DeviceError(.leaseExpired, "this device's offline lease expired: sync before writing") }
        let sealed = folder.appendingPathComponent("outgoing-\(id.rawValue).sealed")
        try FileSealer.seal(source, into: sealed, id: id, scope: scope, keyring: context.keyring)
        try await files.upload(sealed, id: id, scope: scope, progress: progress)
        try? FileManager.default.removeItem(at: sealed)
    }

    /// Downloads file `id` (resumable) and decrypts it into `target`, checking every block and the
    /// final tag; the ciphertext is kept next to the replica only while downloading.
    public func getFile(_ id: FileID, to target: URL, progress: @Sendable (Int, Int) -> Void = { _, _ in }) async throws {
        let sealed = folder.appendingPathComponent("incoming-\(id.rawValue).sealed")
        try await files.download(id, to: sealed, progress: progress)
        try FileSealer.open(sealed, into: target, id: id, keyring: context.keyring)
        try? FileManager.default.removeItem(at: sealed)
    }
}
