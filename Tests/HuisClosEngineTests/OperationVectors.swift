import Foundation
import HuisClosCrypto
import HuisClosEngine
import Testing

/// Reads Protocol/vectors/operations-v1.json: operations as JSON meaning, and hostile inputs.
struct OperationVectors {
    struct Case {
        let name: String
        let hex: String
        let operations: [ChangeOperation]
    }

    struct Rejected {
        let name: String
        let bytes: [UInt8]
        let code: ChangeError.Code
    }

    let cases: [Case]
    let rejected: [Rejected]

    init() throws {
        let data = try Data(contentsOf: EngineFixtures.vectors.appendingPathComponent("operations-v1.json"))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        cases = try (root["cases"] as? [[String: Any]] ?? []).map { item in
            Case(name: item["name"] as? String ?? "", hex: item["hex"] as? String ?? "",
                 operations: try (item["operations"] as? [[String: Any]] ?? []).map(Self.operation))
        }
        rejected = try (root["rejected"] as? [[String: Any]] ?? []).map { item in
            Rejected(name: item["name"] as? String ?? "", bytes: try #require([UInt8](hex: item["hex"] as? String ?? "")),
                     code: try #require(ChangeError.Code(rawValue: item["code"] as? String ?? "")))
        }
    }

    private static func operation(_ json: [String: Any]) throws -> ChangeOperation {
        let hlc = HLC(physicalMs: try number(json["ms"]), counter: UInt32(try number(json["counter"])))
        let key = try RecordKey(kind: json["kind"] as? String ?? "", id: json["id"] as? String ?? "")
        let change: Change
        switch json["op"] as? String {
        case "set": change = .set(key, field: json["field"] as? String ?? "", value: try value(json["value"]))
        case "add": change = .add(key, set: json["set"] as? String ?? "", element: try value(json["element"]))
        case "remove":
            let tags = try (json["observed"] as? [[String: Any]] ?? []).map { tag in
                Timestamp(hlc: HLC(physicalMs: try number(tag["ms"]), counter: UInt32(try number(tag["counter"]))),
                          device: DeviceID(try SigningPublicKey(bytes: try #require([UInt8](hex: tag["device"] as? String ?? "")))))
            }
            change = .remove(key, set: json["set"] as? String ?? "", element: try value(json["element"]), observed: tags)
        default: change = .delete(key)
        }
        return ChangeOperation(hlc: hlc, change: change)
    }

    private static func value(_ any: Any?) throws -> Value {
        let json = try #require(any as? [String: Any])
        switch json["type"] as? String {
        case "bool": return .bool(json["bool"] as? Bool ?? false)
        case "integer": return .integer(Int64(try #require(json["integer"] as? Int)))
        case "text": return .text(json["text"] as? String ?? "")
        case "bytes": return .bytes(try #require([UInt8](hex: json["hex"] as? String ?? "")))
        case "file":
            return .file(try FileReference(contentHash: try #require([UInt8](hex: json["hash"] as? String ?? "")), size: try number(json["size"])))
        default: return .null
        }
    }

    private static func number(_ any: Any?) throws -> UInt64 {
        UInt64(try #require((any as? NSNumber)?.uint64Value))
    }
}
