import CSodium
import Foundation
import Synchronization

/// libsodium's randomness, made a function of the run's seed: every key, nonce, token and code the
/// simulation's parties generate comes from it, so a seed replays byte for byte. Installed once,
/// before libsodium initialises (`randombytes_set_implementation` must come first), then reseeded
/// at the start of each run. Only this executable installs it; the product keeps the system's.
enum SeededRandomness {
    /// The generator's state: a 32-byte key and how many outputs it has given.
    private static let state = Mutex<(key: [UInt8], counter: UInt64)>(([UInt8](repeating: 0, count: 32), 0))

    /// libsodium's table of the generator's functions; it must stay valid for the process's life.
    /// Written once here, then only read by libsodium: nothing mutates it after `install`.
    nonisolated(unsafe) private static let table: UnsafeMutablePointer<randombytes_implementation> = {
        let table = UnsafeMutablePointer<randombytes_implementation>.allocate(capacity: 1)
        table.initialize(to: randombytes_implementation(
            implementation_name: { UnsafePointer(SeededRandomness.name) },
            random: {
                var value: UInt32 = 0
                withUnsafeMutableBytes(of: &value) { SeededRandomness.fill($0.baseAddress!, $0.count) }
                return value
            },
            stir: nil, uniform: nil,
            buf: { buffer, count in if let buffer { SeededRandomness.fill(buffer, count) } },
            close: nil))
        return table
    }()

    /// The generator's name for `randombytes_implementation_name`: a constant C string, never written.
    nonisolated(unsafe) private static let name: UnsafeMutablePointer<CChar> = strdup("huisclos-simulation-seeded")

    /// Makes libsodium draw from this generator; call before anything uses libsodium.
    static func install() {
        precondition(randombytes_set_implementation(table) == 0, "libsodium refused the seeded generator")
        precondition(sodium_init() >= 0, "libsodium failed to initialise")
    }

    /// Starts the stream of `seed` again.
    static func reseed(_ seed: UInt64) {
        var key = [UInt8](repeating: 0, count: 32)
        let label = Array("huisclos-simulation \(seed)".utf8)
        _ = crypto_generichash(&key, key.count, label, UInt64(label.count), nil, 0)
        state.withLock { $0 = (key, 0) }
    }

    /// Fills `count` bytes at `buffer` with the next output: ChaCha20 under a key derived from the
    /// state's key and counter (BLAKE2b), so outputs never repeat.
    private static func fill(_ buffer: UnsafeMutableRawPointer, _ count: Int) {
        let seed: [UInt8] = state.withLock { state in
            var derived = [UInt8](repeating: 0, count: Int(randombytes_seedbytes()))
            var counter = state.counter.bigEndian
            withUnsafeBytes(of: &counter) { bytes in
                _ = crypto_generichash(&derived, derived.count, bytes.bindMemory(to: UInt8.self).baseAddress, 8, state.key, state.key.count)
            }
            state.counter += 1
            return derived
        }
        randombytes_buf_deterministic(buffer, count, seed)
    }
}
