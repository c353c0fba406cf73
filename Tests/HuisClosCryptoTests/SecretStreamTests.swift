import HuisClosCrypto
import Testing

@Suite struct SecretStreamTests {
    /// A four-chunk file: header and sealed chunks, the last one final.
    private func sealedFile(key: SecureBytes) throws -> (header: [UInt8], chunks: [[UInt8]]) {
        var pusher = try SecretStream.Pusher(key: key)
        let plain: [[UInt8]] = [Array("procès-verbal ".utf8), Array("de la séance ".utf8), [], Array("du 12 mars".utf8)]
        let chunks = plain.enumerated().map { pusher.push($0.element, isFinal: $0.offset == plain.count - 1) }
        return (pusher.header, chunks)
    }

    /// Opens every chunk in order, then insists on the final tag.
    private func open(header: [UInt8], chunks: [[UInt8]], key: SecureBytes) throws -> [UInt8] {
        var puller = try SecretStream.Puller(key: key, header: header)
        var output: [UInt8] = []
        for chunk in chunks { output += try puller.pull(chunk) }
        try puller.finish()
        return output
    }

    @Test func wholeStreamRoundTrips() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let file = try sealedFile(key: key)
        #expect(try open(header: file.header, chunks: file.chunks, key: key) == Array("procès-verbal de la séance du 12 mars".utf8))
    }

    @Test func missingFinalTagIsAnError() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        var pusher = try SecretStream.Pusher(key: key)
        let chunks = [pusher.push([1, 2, 3], isFinal: false), pusher.push([4, 5], isFinal: false)]
        #expect(throws: CryptoError(.streamIncomplete, CryptoError.Code.streamIncomplete.text)) { try open(header: pusher.header, chunks: chunks, key: key) }
    }

    @Test func truncatedStreamIsRejected() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let file = try sealedFile(key: key)
        for kept in 0..<file.chunks.count {
            #expect(throws: CryptoError(.streamIncomplete, CryptoError.Code.streamIncomplete.text)) {
                try open(header: file.header, chunks: Array(file.chunks.prefix(kept)), key: key)
            }
        }
        var cut = file.chunks
        cut[cut.count - 1].removeLast()
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: file.header, chunks: cut, key: key) }
    }

    @Test func droppedChunkIsRejected() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let file = try sealedFile(key: key)
        for dropped in 0..<file.chunks.count - 1 {
            var chunks = file.chunks
            chunks.remove(at: dropped)
            #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: file.header, chunks: chunks, key: key) }
        }
    }

    @Test func reorderedOrRepeatedChunksAreRejected() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let file = try sealedFile(key: key)
        var swapped = file.chunks
        swapped.swapAt(0, 1)
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: file.header, chunks: swapped, key: key) }
        let repeated = [file.chunks[0], file.chunks[0]] + file.chunks.dropFirst()
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: file.header, chunks: repeated, key: key) }
    }

    @Test func dataAfterTheFinalChunkIsRejected() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let file = try sealedFile(key: key)
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) {
            try open(header: file.header, chunks: file.chunks + [file.chunks[0]], key: key)
        }
    }

    @Test func chunksOfAnotherStreamOrKeyAreRejected() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        let first = try sealedFile(key: key)
        let second = try sealedFile(key: key)
        var mixed = first.chunks
        mixed[1] = second.chunks[1]
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: first.header, chunks: mixed, key: key) }
        let otherKey = try SecureBytes.random(count: SecretStream.keyLength)
        #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try open(header: first.header, chunks: first.chunks, key: otherKey) }
    }

    @Test func hostileLengthsAreTypedErrorsNeverTraps() throws {
        let key = try SecureBytes.random(count: SecretStream.keyLength)
        #expect(throws: CryptoError(.invalidLength, CryptoError.Code.invalidLength.text)) { _ = try SecretStream.Puller(key: key, header: [1, 2, 3]) }
        #expect(throws: CryptoError(.invalidLength, CryptoError.Code.invalidLength.text)) { _ = try SecretStream.Pusher(key: try SecureBytes.random(count: 16)) }
        var puller = try SecretStream.Puller(key: key, header: [UInt8](repeating: 0, count: SecretStream.headerLength))
        for length in 0...SecretStream.overhead {
            #expect(throws: CryptoError(.authenticationFailed, CryptoError.Code.authenticationFailed.text)) { try puller.pull([UInt8](repeating: 0, count: length)) }
        }
    }
}
