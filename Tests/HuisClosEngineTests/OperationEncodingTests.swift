import HuisClosCrypto
import HuisClosEngine
import Testing

@Suite struct OperationEncodingTests {
    @Test func goldenVectorsDecodeToTheirMeaningAndReencodeByteForByte() throws {
        let vectors = try OperationVectors()
        #expect(!vectors.cases.isEmpty)
        for vector in vectors.cases {
            let encoded = try OperationEncoding.encode(vector.operations)
            #expect(encoded.hex == vector.hex, "\(vector.name)")
            let bytes = try #require([UInt8](hex: vector.hex))
            #expect(try OperationEncoding.decode(bytes) == vector.operations, "\(vector.name)")
        }
    }

    @Test func hostileVectorsAreRejectedWithTheirCode() throws {
        for vector in try OperationVectors().rejected {
            #expect(throws: ChangeError(vector.code, vector.code.text), "\(vector.name)") { try OperationEncoding.decode(vector.bytes) }
        }
    }

    @Test func everyTruncationIsMalformedNeverATrap() throws {
        let bytes = try sample()
        for length in 0..<bytes.count {
            #expect(throws: ChangeError.self) { try OperationEncoding.decode(Array(bytes[0..<length])) }
        }
    }

    @Test func trailingBytesAreRejected() throws {
        #expect(throws: ChangeError(.malformed, ChangeError.Code.malformed.text)) { try OperationEncoding.decode(try sample() + [0]) }
    }

    @Test func everyFlippedByteEitherFailsOrReencodesToItself() throws {
        let bytes = try sample()
        for index in bytes.indices {
            for flip: UInt8 in [0x01, 0x80, 0xff] {
                var tampered = bytes
                tampered[index] ^= flip
                // A flip may still be a valid encoding (another value); then it must be canonical.
                if let operations = try? OperationEncoding.decode(tampered) {
                    #expect(try OperationEncoding.encode(operations) == tampered)
                }
            }
        }
    }

    @Test func invalidUTF8TextIsMalformed() throws {
        let key = try EngineFixtures.record()
        var bytes = try OperationEncoding.encode([EngineFixtures.op(1, 0, .set(key, field: "t", value: .text("ab")))])
        bytes[bytes.count - 1] = 0xff
        #expect(throws: ChangeError(.malformed, ChangeError.Code.malformed.text)) { try OperationEncoding.decode(bytes) }
    }

    @Test func readingsThatDoNotIncreaseAreRefusedOnBothSides() throws {
        let key = try EngineFixtures.record()
        let same = [EngineFixtures.op(5, 0, .delete(key)), EngineFixtures.op(5, 0, .delete(key))]
        #expect(throws: ChangeError(.invalidChange, ChangeError.Code.invalidChange.text)) { try OperationEncoding.encode(same) }
        var bytes = try OperationEncoding.encode([EngineFixtures.op(5, 0, .delete(key)), EngineFixtures.op(5, 1, .delete(key))])
        // Turn the second counter (last 4 bytes of the second op's reading) back to 0.
        let secondCounter = bytes.count - (1 + "document".utf8.count + 1 + "d1".utf8.count) - 1
        bytes[secondCounter] = 0
        #expect(throws: ChangeError(.malformed, ChangeError.Code.malformed.text)) { try OperationEncoding.decode(bytes) }
    }

    @Test func namesOutsideTheIdentifierAlphabetAreRefused() throws {
        #expect(throws: ChangeError(.invalidChange, ChangeError.Code.invalidChange.text)) { try RecordKey(kind: "docu ment", id: "1") }
        #expect(throws: ChangeError(.invalidChange, ChangeError.Code.invalidChange.text)) { try RecordKey(kind: "document", id: "é") }
        let key = try EngineFixtures.record()
        #expect(throws: ChangeError(.invalidChange, ChangeError.Code.invalidChange.text)) {
            try OperationEncoding.encode([EngineFixtures.op(1, 0, .set(key, field: "", value: .null))])
        }
    }

    @Test func oversizedValuesAreRefusedBeforeSigning() throws {
        let key = try EngineFixtures.record()
        let big = Value.bytes([UInt8](repeating: 0, count: EngineLimits.valueBytesMax + 1))
        #expect(throws: ChangeError(.tooLarge, ChangeError.Code.tooLarge.text)) { try OperationEncoding.encode([EngineFixtures.op(1, 0, .set(key, field: "f", value: big))]) }
    }

    @Test func observedTagsAreWrittenSortedAndDistinct() throws {
        let key = try EngineFixtures.record()
        let a = Timestamp(hlc: HLC(physicalMs: 2, counter: 0), device: try EngineFixtures.deviceID(1))
        let b = Timestamp(hlc: HLC(physicalMs: 1, counter: 0), device: try EngineFixtures.deviceID(2))
        let bytes = try OperationEncoding.encode([EngineFixtures.op(3, 0, .remove(key, set: "s", element: .null, observed: [a, b, a]))])
        #expect(try OperationEncoding.decode(bytes) == [EngineFixtures.op(3, 0, .remove(key, set: "s", element: .null, observed: [b, a]))])
    }

    private func sample() throws -> [UInt8] {
        try #require([UInt8](hex: try OperationVectors().cases[0].hex))
    }
}
