import Foundation
import HuisClosCrypto
import HuisClosEngine
import HuisClosProtocol
import HuisClosStore
import Testing

/// Tampered, missing and forked batches: typed outcomes, and the state unchanged.
@Suite struct ChainTests {
    let alice: SigningKeyPair
    let bob: SigningKeyPair
    let clock = ManualClock(StoreFixtures.start)

    init() throws {
        alice = try StoreFixtures.device(1)
        bob = try StoreFixtures.device(2)
    }

    /// Three batches from Alice, and Bob's replica with nothing yet.
    func setUp() throws -> (author: ChangeStore, receiver: ChangeStore, batches: [BatchEnvelope]) {
        let author = try StoreFixtures.store(alice, devices: [alice, bob], clock: clock)
        let receiver = try StoreFixtures.store(bob, devices: [alice, bob], clock: clock)
        let record = try StoreFixtures.record()
        let batches = try (1...3).map { number in
            try author.commitLocal([.set(record, field: "title", value: .text("v\(number)"))], scope: .council)
        }
        return (author, receiver, batches)
    }

    @Test func tamperedSignatureIsRejectedAndChangesNothing() throws {
        let (_, receiver, batches) = try setUp()
        var tampered = batches[0].encoded
        tampered[tampered.count - 1] ^= 0x01
        let before = try receiver.digest()
        let report = try receiver.apply([tampered])
        #expect(report.rejected.map(\.error) == [ChangeError(.badSignature, ChangeError.Code.badSignature.text)])
        #expect(report.applied.isEmpty)
        #expect(try receiver.digest() == before)
    }

    @Test func gapIsHeldWithoutChangingStateThenAppliedWhenFilled() throws {
        let (author, receiver, batches) = try setUp()
        let before = try receiver.digest()
        let held = try receiver.apply([batches[2].encoded, batches[1].encoded])
        #expect(held.held.map(\.reason) == [ChangeError(.gap, ChangeError.Code.gap.text), ChangeError(.gap, ChangeError.Code.gap.text)])
        #expect(try receiver.digest() == before)
        #expect(try receiver.heldBatches().count == 2)
        let filled = try receiver.apply([batches[0].encoded])
        #expect(filled.applied.map(\.sequence) == [1, 2, 3])
        #expect(try receiver.heldBatches().isEmpty)
        #expect(try receiver.digest() == author.digest())
    }

    @Test func forkIsRejectedAndChangesNothing() throws {
        let (_, receiver, batches) = try setUp()
        _ = try receiver.apply([batches[0].encoded])
        let record = try StoreFixtures.record()
        // Alice signs another batch 2 on the same predecessor: a second history.
        let other = try OpenedBatch.sign([ChangeOperation(hlc: HLC(physicalMs: StoreFixtures.start + 10, counter: 0),
                                                          change: .set(record, field: "title", value: .text("forked")))],
                                         device: alice, scope: .council, sequence: 2, previousHash: batches[0].hash, logPosition: 0,
                                         codec: PlainBodyCodec()).envelope
        _ = try receiver.apply([batches[1].encoded])
        let before = try receiver.digest()
        let report = try receiver.apply([other.encoded])
        #expect(report.rejected.map(\.error) == [ChangeError(.fork, ChangeError.Code.fork.text)])
        #expect(try receiver.digest() == before)
        // A batch whose previous hash is not the held head is a fork too.
        let wrongPrevious = try OpenedBatch.sign([ChangeOperation(hlc: HLC(physicalMs: StoreFixtures.start + 20, counter: 0),
                                                                  change: .delete(record))],
                                                 device: alice, scope: .council, sequence: 3, previousHash: other.hash, logPosition: 0,
                                                 codec: PlainBodyCodec()).envelope
        #expect(try receiver.apply([wrongPrevious.encoded]).rejected.map(\.error) == [ChangeError(.fork, ChangeError.Code.fork.text)])
        #expect(try receiver.digest() == before)
    }

    @Test func receivingABatchTwiceChangesNothing() throws {
        let (_, receiver, batches) = try setUp()
        _ = try receiver.apply(batches.map(\.encoded))
        let before = try receiver.digest()
        let again = try receiver.apply(batches.map(\.encoded) + batches.map(\.encoded))
        #expect(again.duplicates.count == 6)
        #expect(again.applied.isEmpty)
        #expect(try receiver.digest() == before)
    }

    @Test func unknownDeviceIsUnauthorizedAndChangesNothing() throws {
        let stranger = try StoreFixtures.device(9)
        let intruder = try StoreFixtures.store(stranger, devices: [stranger], clock: clock)
        let batch = try intruder.commitLocal([.delete(try StoreFixtures.record())], scope: .council)
        let (_, receiver, _) = try setUp()
        let before = try receiver.digest()
        #expect(try receiver.apply([batch.encoded]).rejected.map(\.error) == [ChangeError(.unauthorized, ChangeError.Code.unauthorized.text)])
        #expect(try receiver.digest() == before)
    }

    @Test func sealedBodyWithoutAKeyCannotBeOpenedAndChangesNothing() throws {
        let (_, receiver, _) = try setUp()
        let sealed = try BatchEnvelope.sign(device: alice, scope: .council, epoch: 1, sequence: 1, previousHash: BatchEnvelope.genesisHash,
                                            bodyKind: .sealed, body: [1, 2, 3])
        let before = try receiver.digest()
        #expect(try receiver.apply([sealed.encoded]).rejected.map(\.error) == [ChangeError(.cannotOpenBody, ChangeError.Code.cannotOpenBody.text)])
        #expect(try receiver.digest() == before)
    }

    @Test func malformedOperationsAreRejectedAndChangeNothing() throws {
        let (_, receiver, _) = try setUp()
        let garbage = try BatchEnvelope.sign(device: alice, scope: .council, epoch: 0, sequence: 1, previousHash: BatchEnvelope.genesisHash,
                                             bodyKind: .plain, body: OperationEncoding.magic + [0, 0, 0, 1, 9])
        let before = try receiver.digest()
        #expect(try receiver.apply([garbage.encoded]).rejected.map(\.error) == [ChangeError(.malformed, ChangeError.Code.malformed.text)])
        #expect(try receiver.digest() == before)
    }
}
