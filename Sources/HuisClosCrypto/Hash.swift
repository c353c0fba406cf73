import CSodium

/// BLAKE2b (libsodium's `crypto_generichash`), used for hash chains, state digests and key commitments.
public enum Hash {
    /// The default digest length, 32 bytes.
    public static let length = 32

    /// BLAKE2b of `data`, optionally keyed (16…64-byte key), `length` bytes (16…64).
    public static func blake2b(_ data: some ByteView, key: (some ByteView)? = [UInt8]?.none,
                               length: Int = Hash.length) -> [UInt8] {
        precondition((16...64).contains(length), "BLAKE2b output is 16 to 64 bytes")
        var out = [UInt8](repeating: 0, count: length)
        data.withUnsafeBytes { d in
            let run = { (k: UnsafeRawBufferPointer?) in
                let rc = crypto_generichash(&out, length, d.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(d.count),
                                            k?.baseAddress?.assumingMemoryBound(to: UInt8.self), k?.count ?? 0)
                precondition(rc == 0, "crypto_generichash failed with valid lengths")
            }
            if let key { key.withUnsafeBytes { run($0) } } else { run(nil) }
        }
        return out
    }

    /// An incremental BLAKE2b, for digests over streams (state dumps, files).
    public struct Hasher: ~Copyable {
        // libsodium's state is a 64-byte-aligned struct Swift imports as opaque: keep it in raw memory.
        private let state: OpaquePointer
        private let length: Int

        public init(length: Int = Hash.length) {
            precondition((16...64).contains(length), "BLAKE2b output is 16 to 64 bytes")
            self.length = length
            let raw = UnsafeMutableRawPointer.allocate(byteCount: crypto_generichash_statebytes(), alignment: 64)
            state = OpaquePointer(raw)
            let rc = crypto_generichash_init(state, nil, 0, length)
            precondition(rc == 0, "crypto_generichash_init failed")
        }

        public mutating func update(_ data: some ByteView) {
            data.withUnsafeBytes { d in
                _ = crypto_generichash_update(state, d.baseAddress?.assumingMemoryBound(to: UInt8.self), UInt64(d.count))
            }
        }

        public consuming func finalize() -> [UInt8] {
            var out = [UInt8](repeating: 0, count: length)
            let rc = crypto_generichash_final(state, &out, length)
            precondition(rc == 0, "crypto_generichash_final failed")
            return out
        }

        deinit { UnsafeMutableRawPointer(state).deallocate() }
    }
}
