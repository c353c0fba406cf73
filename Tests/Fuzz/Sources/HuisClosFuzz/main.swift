import Glibc
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
@testable import HuisClosTrust
import HuisClosVFSFuzz
import HuisClosWire
import SwiftProtobuf

/// One libFuzzer entry point over every decoder a device or the relay runs on bytes it did not
/// make; `HUISCLOS_FUZZ_TARGET` picks the decoder (scripts/fuzz.sh runs each in turn). A decoder
/// may refuse any input with its typed error; it must never crash, hang, leak or read out of bounds
/// (AddressSanitizer is on).
enum FuzzTarget: String, CaseIterable {
    /// `BatchEnvelope(verifying:)`: a batch as pushed or pulled.
    case batch
    /// `OperationEncoding.decode`: a batch's opened body.
    case operations
    /// `MembershipRecord(verifying:)`: a membership log record (key-chain links and sealed
    /// starter keys inside epoch records included).
    case membership
    /// `SealedScopeKey(decoding:)`: a key from the relay's mailbox.
    case sealedKey
    /// A SecretStream of dossier chunks opened under a fixed key (header, then chunks).
    case secretStream
    /// Every protobuf request the relay decodes.
    case messages
    /// The replica's key file (`PassphraseSealedFile`, format `replicaKey`), opened when its limits are cheap.
    case keyFile
    /// The trust root's backup file (`PassphraseSealedFile`, format `rootBackup`), its public key and seed checked.
    case rootBackup
    /// A key chain link as a `startEpoch` record carries it (epoch, then `EpochKeys`), opened under a fixed key.
    case chainLink
    /// The VFS's page decoder: the bytes as a replica's database file, opened and read through.
    case vfsPage
    /// The VFS's WAL frame decoder: the bytes as the WAL beside a generated replica (recovery reads every frame).
    case walFrame

    /// The target named by the environment.
    static let selected: FuzzTarget = {
        guard let name = getenv("HUISCLOS_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            fatalError("set HUISCLOS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        return target
    }()

    /// The fixed stream key of `secretStream` (its bytes do not matter: a fuzzer cannot forge a tag).
    static let streamKey: SecureBytes = try! SecureBytes(count: SecretStream.keyLength) { $0.initializeMemory(as: UInt8.self, repeating: 7) }
    /// The fixed key of the newer epoch under which `chainLink` opens links.
    static let linkKey: SecureBytes = try! SecureBytes(count: ScopeKey.length) { $0.initializeMemory(as: UInt8.self, repeating: 9) }
    /// The passphrase `keyFile` and `rootBackup` open files with (the seeds are sealed under it).
    static let passphrase = "phrase de passe du fuzzing"
    /// Files asking for more than libsodium's minimum Argon2id cost are only parsed: deriving at
    /// a higher cost would make each execution take up to seconds (the limits are capped, not cheap).
    static let cheapest = PasswordKey.Limits(opsLimit: 1, memLimitBytes: 8192)

    /// Parses `bytes` as a passphrase-sealed file of `format` and opens it when that is cheap.
    static func openSealedFile(_ bytes: [UInt8], as format: PassphraseSealedFile.Format) -> SecureBytes? {
        guard let file = try? PassphraseSealedFile(decoding: bytes, as: format), file.limits == cheapest else { return nil }
        return try? file.open(passphrase: passphrase)
    }

    func run(_ bytes: [UInt8]) {
        switch self {
        case .batch:
            _ = try? BatchEnvelope(verifying: bytes)
        case .operations:
            _ = try? OperationEncoding.decode(bytes)
        case .membership:
            _ = try? MembershipRecord(verifying: bytes)
        case .sealedKey:
            _ = try? SealedScopeKey(decoding: bytes)
        case .secretStream:
            guard bytes.count >= SecretStream.headerLength,
                  var puller = try? SecretStream.Puller(key: Self.streamKey, header: Array(bytes.prefix(SecretStream.headerLength))) else { return }
            var rest = bytes.dropFirst(SecretStream.headerLength)
            while !rest.isEmpty {
                let length = Int(rest.removeFirst())
                let chunk = Array(rest.prefix(length))
                rest = rest.dropFirst(length)
                guard (try? puller.pull(chunk)) != nil else { return }
            }
        case .messages:
            let data = bytes
            _ = try? Huisclos_V1_PushRequest(serializedBytes: data)
            _ = try? Huisclos_V1_PullRequest(serializedBytes: data)
            _ = try? Huisclos_V1_EnrolRequest(serializedBytes: data)
            _ = try? Huisclos_V1_LoginRequest(serializedBytes: data)
            _ = try? Huisclos_V1_ChallengeRequest(serializedBytes: data)
            _ = try? Huisclos_V1_FileManifest(serializedBytes: data)
            _ = try? Huisclos_V1_CreateEnrolmentCodeRequest(serializedBytes: data)
            _ = try? Huisclos_V1_RevokeDeviceRequest(serializedBytes: data)
            _ = try? Huisclos_V1_RegisterCouncilRequest(serializedBytes: data)
            _ = try? Huisclos_V1_MembershipAppendRequest(serializedBytes: data)
            _ = try? Huisclos_V1_MembershipPullRequest(serializedBytes: data)
            _ = try? Huisclos_V1_KeyDrop(serializedBytes: data)
            _ = try? Huisclos_V1_KeyPullRequest(serializedBytes: data)
        case .keyFile:
            _ = Self.openSealedFile(bytes, as: .replicaKey)
        case .rootBackup:
            guard let file = try? PassphraseSealedFile(decoding: bytes, as: .rootBackup), let root = try? SigningPublicKey(bytes: file.clear),
                  let seed = Self.openSealedFile(bytes, as: .rootBackup) else { return }
            _ = (try? SigningKeyPair.fromSeed(seed))?.publicKey == root
        case .chainLink:
            var reader = ByteReader(bytes)
            guard let epoch = try? reader.readUInt32(), let keys = try? EpochKeys.decode(&reader, scope: .council, epoch: epoch),
                  let link = keys.link else { return }
            _ = try? link.openPrevious(with: Self.linkKey)
        case .vfsPage:
            _ = hc_fuzz_database(bytes, bytes.count)
        case .walFrame:
            _ = hc_fuzz_wal(bytes, bytes.count)
        }
    }
}

/// The seeds no golden vector gives: a key file and a root backup sealed under `passphrase` at the
/// cheapest cost, a chain link under `linkKey`, a replica's database file and a WAL over it.
enum GeneratedSeeds {
    static func write(into folder: String) throws {
        func save(_ bytes: [UInt8], _ target: FuzzTarget, _ name: String) {
            guard let file = fopen("\(folder)/\(target.rawValue)/\(name)", "wb") else { return }
            _ = fwrite(bytes, 1, bytes.count, file)
            fclose(file)
        }
        let secret = try SecureBytes.random(count: 32)
        save(try PassphraseSealedFile.seal(secret, clear: Array(repeating: 1, count: 16), passphrase: FuzzTarget.passphrase,
                                           limits: FuzzTarget.cheapest, format: .replicaKey).encoded, .keyFile, "generated")
        let root = try SigningKeyPair.generate()
        save(try PassphraseSealedFile.seal(try root.seed(), clear: root.publicKey.bytes, passphrase: FuzzTarget.passphrase,
                                           limits: FuzzTarget.cheapest, format: .rootBackup).encoded, .rootBackup, "generated")
        let link = try KeyChainLink.link(previous: ScopeKey(scope: .council, epoch: 1, key: secret),
                                         under: ScopeKey(scope: .council, epoch: 2, key: FuzzTarget.linkKey))
        var writer = ByteWriter()
        writer.write(UInt32(2))
        EpochKeys(starterSealedKey: Array(repeating: 0, count: EpochKeys.starterSealedLength), link: link).encode(into: &writer)
        save(writer.bytes, .chainLink, "generated")
        guard hc_fuzz_write_seeds("\(folder)/vfsPage/generated", "\(folder)/walFrame/generated") == 0 else { exit(1) }
    }
}

/// `HUISCLOS_FUZZ_WRITE_SEEDS=DIR` writes the generated seeds into DIR/<target>/ (folders made
/// by scripts/fuzz.sh), then exits.
@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>?, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>?) -> CInt {
    guard let folder = getenv("HUISCLOS_FUZZ_WRITE_SEEDS").map({ String(cString: $0) }) else { return 0 }
    do { try GeneratedSeeds.write(into: folder) } catch { exit(1) }
    exit(0)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}
