import Foundation
import HuisClosCrypto
@testable import HuisClosDevice
import HuisClosProtocol
import HuisClosTestSupport
import HuisClosTrust
import HuisClosWire
import Testing

/// Files leave a device sealed with the scope key and open only on entitled devices.
@Suite struct FileSealingTests {
    @Test func aFileSharedInTheCouncilOpensOnAMembersDeviceAndNothingReadableReachesTheServer() async throws {
        try await TestServer.with("files") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            let marker = "PIECE-CONFIDENTIELLE-\(UUID().uuidString)"
            let source = council.folder.url.appendingPathComponent("piece.txt")
            try Data(String(repeating: marker + "\n", count: 5_000).utf8).write(to: source)
            let id = try FileID("5f0c-0001")
            try await council.secretariat.putFile(source, id: id, scope: .council)
            let received = council.folder.url.appendingPathComponent("recue.txt")
            try await alice.getFile(id, to: received)
            #expect(try Data(contentsOf: received) == Data(contentsOf: source))
            #expect(try ConfidentialityTests.hits(of: [marker], under: server.folder) == 0)
        }
    }

    @Test func aRemovedMembersKeysOpenNoFileSealedAfterTheRotationAndAlteredFilesNeverOpen() async throws {
        try await TestServer.with("files-removed") { server in
            let council = try await CouncilHarness.start(on: server)
            defer { council.remove() }
            let alice = try await council.enrolMember("alice")
            try await council.secretariat.sign(.endMandate(member: alice.member, reason: .term))
            _ = try await council.secretariat.sync()
            let source = council.folder.url.appendingPathComponent("piece.txt")
            try Data(repeating: 42, count: 200_000).write(to: source)
            let aliceKeys = await alice.context.keyring
            let secretariatKeys = await council.secretariat.context.keyring
            var opened = 0
            for index in 0..<5 {
                let id = try FileID("f-\(index)")
                let sealed = council.folder.url.appendingPathComponent("f\(index).sealed")
                try FileSealer.seal(source, into: sealed, id: id, scope: .council, keyring: secretariatKeys)
                if (try? FileSealer.open(sealed, into: council.folder.url.appendingPathComponent("out"), id: id, keyring: aliceKeys)) != nil {
                    opened += 1
                }
            }
            #expect(opened == 0)

            // Truncated (no final block), a block dropped, or opened under another id: all refused.
            let id = try FileID("f-0")
            let sealed = [UInt8](try Data(contentsOf: council.folder.url.appendingPathComponent("f0.sealed")))
            let block = FileSealer.blockBytes + SecretStream.overhead
            let finalBlock = 200_000 % FileSealer.blockBytes + SecretStream.overhead
            let variants: [[UInt8]] = [Array(sealed.dropLast(finalBlock)),            // final block dropped
                                       Array(sealed.dropLast(10)),                    // truncated mid-block
                                       Array(sealed.dropLast(finalBlock + block)) + Array(sealed.suffix(finalBlock))]  // a block dropped
            let out = council.folder.url.appendingPathComponent("out")
            for variant in variants {
                let path = council.folder.url.appendingPathComponent("variant.sealed")
                try Data(variant).write(to: path)
                #expect(throws: DeviceError.self) { try FileSealer.open(path, into: out, id: id, keyring: secretariatKeys) }
            }
            #expect(throws: DeviceError.self) {
                try FileSealer.open(council.folder.url.appendingPathComponent("f0.sealed"), into: out, id: try FileID("f-1"), keyring: secretariatKeys)
            }
            try FileSealer.open(council.folder.url.appendingPathComponent("f0.sealed"), into: out, id: id, keyring: secretariatKeys)
            #expect(try Data(contentsOf: out) == Data(contentsOf: source))
        }
    }
}
