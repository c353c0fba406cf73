import Foundation
import HuisClosL10n
import HuisClosProtocol
import HuisClosWire
import SwiftProtobuf
import Testing

/// The sync messages' golden vectors (`Protocol/vectors/messages-v1.json`): bytes ↔ meaning.
@Suite struct MessageVectorTests {
    /// Every message kind of the schema, by its protobuf name.
    static let kinds: [String: any SwiftProtobuf.Message.Type] = [
        "CreateEnrolmentCodeRequest": Huisclos_V1_CreateEnrolmentCodeRequest.self,
        "CreateEnrolmentCodeResponse": Huisclos_V1_CreateEnrolmentCodeResponse.self,
        "RevokeDeviceRequest": Huisclos_V1_RevokeDeviceRequest.self,
        "RevokeDeviceResponse": Huisclos_V1_RevokeDeviceResponse.self,
        "EnrolRequest": Huisclos_V1_EnrolRequest.self,
        "EnrolResponse": Huisclos_V1_EnrolResponse.self,
        "ChallengeRequest": Huisclos_V1_ChallengeRequest.self,
        "ChallengeResponse": Huisclos_V1_ChallengeResponse.self,
        "LoginRequest": Huisclos_V1_LoginRequest.self,
        "LoginResponse": Huisclos_V1_LoginResponse.self,
        "PushRequest": Huisclos_V1_PushRequest.self,
        "PushResponse": Huisclos_V1_PushResponse.self,
        "PullRequest": Huisclos_V1_PullRequest.self,
        "PullResponse": Huisclos_V1_PullResponse.self,
        "Poke": Huisclos_V1_Poke.self,
        "FileManifest": Huisclos_V1_FileManifest.self,
        "FileStatus": Huisclos_V1_FileStatus.self,
        "RegisterCouncilRequest": Huisclos_V1_RegisterCouncilRequest.self,
        "MembershipAppendRequest": Huisclos_V1_MembershipAppendRequest.self,
        "MembershipPullRequest": Huisclos_V1_MembershipPullRequest.self,
        "MembershipLogPage": Huisclos_V1_MembershipLogPage.self,
        "KeyDrop": Huisclos_V1_KeyDrop.self,
        "KeyPullRequest": Huisclos_V1_KeyPullRequest.self,
    ]

    static func entries() throws -> [[String: Any]] {
        try GoldenVectors.load("messages-v1.json")["messages"] as! [[String: Any]]
    }

    @Test func everyMessageKindHasAVector() throws {
        let names = Set(try Self.entries().map { $0["message"] as! String })
        #expect(names == Set(Self.kinds.keys))
    }

    @Test func vectorsDecodeToTheirMeaningAndReencodeToTheSameBytes() throws {
        for entry in try Self.entries() {
            let name = entry["message"] as! String
            let kind = try #require(Self.kinds[name])
            let bytes = [UInt8](hex: entry["hex"] as! String)
            let meaningJSON = String(decoding: try JSONSerialization.data(withJSONObject: entry["meaning"]!), as: UTF8.self)
            let decoded = try kind.init(serializedBytes: bytes, extensions: nil, partial: false, options: BinaryDecodingOptions())
            let meaning = try kind.init(jsonString: meaningJSON, options: JSONDecodingOptions())
            #expect(decoded.isEqualTo(message: meaning), "\(name) decodes to its meaning")
            let reencoded: [UInt8] = try meaning.serializedBytes()
            #expect(reencoded.hex == entry["hex"] as! String, "\(name) re-encodes to the golden bytes")
        }
    }

    @Test func batchesInsideMessagesAreTheCanonicalBatchBytes() throws {
        let batchHex = try GoldenVectors.load("batch-v1.json")["hex"] as! String
        let push = try Self.entries().first { $0["message"] as! String == "PushRequest" }!
        let request = try Huisclos_V1_PushRequest(wire: [UInt8](hex: push["hex"] as! String), limit: WireLimits.pushRequestBytesMax)
        let batch = try BatchEnvelope(verifying: Array(request.batches[0]))
        #expect(batch.encoded.hex == batchHex)
    }

    @Test func truncatedOrOversizedMessagesAreTypedErrors() throws {
        let push = try Self.entries().first { $0["message"] as! String == "PushRequest" }!
        let bytes = [UInt8](hex: push["hex"] as! String)
        #expect(throws: APIError(.malformed)) {
            try Huisclos_V1_PushRequest(wire: bytes.dropLast(3), limit: WireLimits.pushRequestBytesMax)
        }
        #expect(throws: APIError(.tooLarge)) {
            try Huisclos_V1_PushRequest(wire: bytes, limit: 10)
        }
    }

    @Test func errorBodiesRoundTripAsJSON() throws {
        let error = APIError(.tokenExpired, Text(fr: "votre session a expiré : reconnectez-vous", en: "your session expired: log in again"))
        let decoded = try #require(APIError(jsonBody: error.jsonBody()))
        #expect(decoded.code == .tokenExpired && decoded.message == error.message)
        // The French crosses the wire too (issue 12): a French reader sees what happened, not only the code's sentence.
        #expect(decoded.text == error.text)
        // A relay older than the French field: the English it sent, and the code's sentence in French.
        let old = try #require(APIError(jsonBody: Array(#"{"code":"tokenExpired","message":"your session expired"}"#.utf8)))
        #expect(old.text == Text(fr: APIError.Code.tokenExpired.text.french, en: "your session expired"))
        #expect(error.httpStatus == 401)
        #expect(APIError(jsonBody: Array("not json".utf8)) == nil)
    }

    @Test func hexDecodingRejectsOddLengthsAndNonHexWithoutTrapping() {
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("00ff") == [0, 255])
        #expect(Hex.encode([0xde, 0xad]) == "dead")
    }

    /// One spelling per value: what `encode` writes is all `decode` reads (PROTOCOL.md, "Transport").
    @Test func hexDecodingRefusesUpperCase() {
        for text in ["00FF", "00fF", "DEAD", "Ab"] {
            #expect(Hex.decode(text) == nil, "\(text)")
        }
    }
}
