#if canImport(Glibc)
import Glibc
#endif

/// Hands memory the allocator keeps after a burst back to the system.
///
/// glibc's malloc keeps freed memory in its arenas for reuse: after 1,500 idle connections closed,
/// the relay's resident memory stayed 21 MiB above where it was (their buffers, freed but kept;
/// fewer arenas, `MALLOC_ARENA_MAX`, changed nothing). `malloc_trim(0)` returns the free pages of
/// every arena; it takes a few milliseconds, so it runs only after such a burst
/// (`ConnectionCounter.close`), not per connection.
enum MemoryRelease {
    /// glibc's `malloc_trim`, looked up once (Swift's Glibc module does not import `<malloc.h>`);
    /// nil elsewhere.
    private static let trim: (@convention(c) (Int) -> Int32)? = {
        #if canImport(Glibc)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return nil }  // RTLD_DEFAULT
        return unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Returns the allocator's free pages to the system.
    static func handBack() {
        _ = trim?(0)
    }
}
