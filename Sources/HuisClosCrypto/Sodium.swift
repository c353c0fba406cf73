import CSodium
import HuisClosL10n

/// libsodium's one-time initialisation, checked.
///
/// Every entry point of this module calls `Sodium.ensureReady()` first; it is cheap after the
/// first call. `sodium_init` returns 0 on first success, 1 if already initialised, -1 on failure.
public enum Sodium {
    private static let initResult: Int32 = sodium_init()

    /// Initialises libsodium if needed; throws if it cannot be used at all.
    public static func ensureReady() throws(CryptoError) {
        guard initResult >= 0 else {
            throw CryptoError(.sodiumUnavailable, Text(fr: "libsodium n'a pas pu démarrer ; vérifiez que /dev/urandom est lisible",
                en: "libsodium failed to initialise; check that /dev/urandom is readable"))
        }
    }

    /// Fills `count` bytes with cryptographically secure random data.
    public static func randomBytes(_ count: Int) throws(CryptoError) -> [UInt8] {
        try ensureReady()
        var bytes = [UInt8](repeating: 0, count: count)
        bytes.withUnsafeMutableBytes { randombytes_buf($0.baseAddress!, count) }
        return bytes
    }

    /// Compares two byte strings in time independent of their contents.
    public static func constantTimeEqual(_ a: some ByteView, _ b: some ByteView) -> Bool {
        a.withUnsafeBytes { pa in
            b.withUnsafeBytes { pb in
                pa.count == pb.count && (pa.count == 0 || sodium_memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
            }
        }
    }
}

/// Anything that exposes its bytes contiguously (`[UInt8]`, `SecureBytes`, slices).
public protocol ByteView {
    func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R
}

extension Array: ByteView where Element == UInt8 {
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = self.withUnsafeBufferPointer { buffer in
            Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }
}

extension ArraySlice: ByteView where Element == UInt8 {
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = self.withUnsafeBufferPointer { buffer in
            Result { () throws(E) -> R in try body(UnsafeRawBufferPointer(buffer)) }
        }
        return try result.get()
    }
}
