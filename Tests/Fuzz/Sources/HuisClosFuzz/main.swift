import Glibc
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosTrust
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

    /// The target named by the environment.
    static let selected: FuzzTarget = {
        guard let name = getenv("HUISCLOS_FUZZ_TARGET").map({ String(cString: $0) }), let target = FuzzTarget(rawValue: name) else {
            fatalError("set HUISCLOS_FUZZ_TARGET to one of \(FuzzTarget.allCases.map(\.rawValue))")
        }
        return target
    }()

    /// The fixed stream key of `secretStream` (its bytes do not matter: a fuzzer cannot forge a tag).
    static let streamKey: SecureBytes = try! SecureBytes(count: SecretStream.keyLength) { $0.initializeMemory(as: UInt8.self, repeating: 7) }

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
        }
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    FuzzTarget.selected.run(bytes)
    return 0
}
