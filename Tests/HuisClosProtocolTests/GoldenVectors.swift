import Foundation
import HuisClosCrypto
import HuisClosProtocol

/// Reads the golden vectors in `Protocol/vectors/` that server and client tests share.
enum GoldenVectors {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Protocol/vectors")

    static func load(_ name: String) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent(name))
        return try JSONSerialization.jsonObject(with: data) as! [String: Any]
    }

    /// The deterministic test key: seed bytes 0x01…0x20.
    static func testDevice() throws -> SigningKeyPair {
        try SigningKeyPair.fromSeed(SecureBytes(copying: (1...32).map { UInt8($0) }))
    }
}

extension Array where Element == UInt8 {
    init(hex: String) {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16)!)
            index = next
        }
        self = bytes
    }

    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
