import Foundation
import HuisClosCrypto
import HuisClosEngine

/// Shared helpers: deterministic devices, record keys, stamped operations.
enum EngineFixtures {
    /// A device whose key is derived from `number` (deterministic across runs).
    static func device(_ number: UInt8) throws -> SigningKeyPair {
        try SigningKeyPair.fromSeed(SecureBytes(copying: [UInt8](repeating: number, count: 32)))
    }

    /// The `DeviceID` of `device(number)`.
    static func deviceID(_ number: UInt8) throws -> DeviceID {
        DeviceID(try device(number).publicKey)
    }

    static func record(_ id: String = "d1") throws -> RecordKey {
        try RecordKey(kind: "document", id: id)
    }

    /// An operation stamped (`ms`, `counter`).
    static func op(_ ms: UInt64, _ counter: UInt32 = 0, _ change: Change) -> ChangeOperation {
        ChangeOperation(hlc: HLC(physicalMs: ms, counter: counter), change: change)
    }


    /// The golden vectors folder, Protocol/vectors.
    static let vectors = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/vectors")
}

extension Array where Element == UInt8 {
    init?(hex: String) {
        guard hex.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            guard let byte = UInt8(hex[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self = bytes
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
