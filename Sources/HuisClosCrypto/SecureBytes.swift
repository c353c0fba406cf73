import CSodium
import HuisClosL10n

/// Secret bytes (a key) held in libsodium-guarded memory: guard pages around it, locked out of
/// swap, read-only once filled, and zeroed when the last reference goes away.
///
/// Use it for every key; copy out of it only into another `SecureBytes` or straight into a C call.
public final class SecureBytes: ByteView, @unchecked Sendable {
    // @unchecked Sendable is safe: the buffer is written only inside `init` (before the
    // instance is shared), then `sodium_mprotect_readonly` makes any later write fault.
    // Concurrent reads of read-only memory are race-free; `deinit` runs once, unshared.
    private let pointer: UnsafeMutableRawPointer
    /// The number of secret bytes.
    public let count: Int

    /// Allocates `count` bytes and lets `fill` write them, then seals the memory read-only.
    public init<E: Error>(count: Int, fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void) throws(CryptoError) {
        precondition(count > 0, "SecureBytes needs at least one byte")
        try Sodium.ensureReady()
        guard let pointer = sodium_malloc(count) else {
            throw CryptoError(.outOfSecureMemory, Text(fr: "impossible d'allouer \(count) octets de mémoire protégée ; relevez RLIMIT_MEMLOCK",
                en: "could not allocate \(count) bytes of guarded memory; raise RLIMIT_MEMLOCK"))
        }
        // Fill before any stored property is set: if `fill` throws, this init frees the buffer
        // itself and `deinit` never runs (freeing it there too would be a double free).
        do {
            try fill(UnsafeMutableRawBufferPointer(start: pointer, count: count))
        } catch {
            sodium_free(pointer)
            // A CryptoError from `fill` (a failed open, a bad length) keeps its code; anything else
            // is a failure to produce the secret.
            if let cryptoError = error as? CryptoError { throw cryptoError }
            throw CryptoError(.keyDerivationFailed, Text(fr: "impossible de remplir un tampon secret : \(Text(explaining: error).french)",
                                                         en: "could not fill secret buffer: \(error)"))
        }
        sodium_mprotect_readonly(pointer)
        self.pointer = pointer
        self.count = count
    }

    /// Fresh random secret bytes.
    public static func random(count: Int) throws(CryptoError) -> SecureBytes {
        try SecureBytes(count: count) { (buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            randombytes_buf(buffer.baseAddress!, buffer.count)
        }
    }

    /// Copies `bytes` into guarded memory. The caller should wipe its own copy.
    public convenience init(copying bytes: some ByteView) throws(CryptoError) {
        let length = bytes.withUnsafeBytes { $0.count }
        try self.init(count: length) { (buffer: UnsafeMutableRawBufferPointer) throws(CryptoError) in
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
        }
    }

    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    deinit {
        sodium_mprotect_readwrite(pointer)
        sodium_free(pointer)  // zeroes the memory before releasing it
    }
}

extension Array where Element == UInt8 {
    /// Overwrites the array's storage with zeros (for transient copies of secrets).
    public mutating func wipe() {
        withUnsafeMutableBytes { if let base = $0.baseAddress { sodium_memzero(base, $0.count) } }
    }
}
