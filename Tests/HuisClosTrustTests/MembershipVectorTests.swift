import Foundation
import HuisClosCrypto
import HuisClosProtocol
import HuisClosTrust
import Testing

/// `Protocol/vectors/membership-v1.json` pins the byte layout: any change to the encoding breaks
/// these tests before it breaks a deployed client.
@Suite struct MembershipVectorTests {
    private struct Vector {
        let bytes: [UInt8]
        let signerName: String
        let hash: String
        let meaning: [String: String]
    }

    private func load() throws -> (root: TrustRoot, records: [Vector]) {
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: MembershipVectors.file)) as! [String: Any]
        let root = TrustRoot(pinning: try SigningPublicKey(bytes: [UInt8](hexString: json["rootKey"] as! String)))
        let records = (json["records"] as! [[String: Any]]).map {
            Vector(bytes: [UInt8](hexString: $0["hex"] as! String), signerName: $0["signerName"] as! String,
                   hash: $0["hash"] as! String, meaning: $0["meaning"] as! [String: String])
        }
        return (root, records)
    }

    @Test func goldenLogVerifiesFromItsRootAndHoldsEveryRecordType() throws {
        let (root, vectors) = try load()
        let log = try MembershipLog(verifying: vectors.map(\.bytes), root: root, now: Instant(unixSeconds: 1_800_000_000))
        #expect(Set(log.records.map(\.event.kind)) == Set(MembershipEvent.Kind.allCases))
        #expect(log.records.map(\.hash.hexString) == vectors.map(\.hash))
    }

    @Test func eachGoldenRecordDecodesToItsMeaningAndReencodesByteForByte() throws {
        let (_, vectors) = try load()
        let signers = try MembershipVectors.signers()
        for vector in vectors {
            let record = try MembershipRecord(verifying: vector.bytes)
            #expect(MembershipVectors.meaning(of: record) == vector.meaning)
            let again = try MembershipRecord.sign(record.event, index: record.index, previousHash: record.previousHash,
                                                  issuedAt: record.issuedAt, signer: try #require(signers[vector.signerName]))
            #expect(again.encoded == vector.bytes)
        }
    }

    /// Rewrites the golden file from the script; run only on purpose (`HUISCLOS_WRITE_VECTORS=1`).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["HUISCLOS_WRITE_VECTORS"] == "1"))
    func writeTheGoldenFileFromTheScript() throws {
        try MembershipVectors.json().write(to: MembershipVectors.file)
    }

    @Test func theScriptedCouncilStillEncodesToTheGoldenBytes() throws {
        let (_, vectors) = try load()
        let (log, names) = try MembershipVectors.build()
        #expect(log.records.map(\.encoded) == vectors.map(\.bytes))
        #expect(names == vectors.map(\.signerName))
    }
}
