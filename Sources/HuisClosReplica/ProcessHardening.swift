import CHuisClosVFS

/// Keeps this process's memory — a replica's decrypted pages, keys being used, decrypted text —
/// out of core dumps (issue 11, finding 11).
///
/// Call `ProcessHardening.apply()` first thing in every executable that opens a replica (the
/// `huisclos` entry point does): core dumps are forbidden for the whole process (`RLIMIT_CORE`
/// 0, soft and hard) and, on Linux, the process is made non-dumpable (`PR_SET_DUMPABLE` 0: no
/// core even through a piped core pattern, no `ptrace` attachment by the same user). Keys are
/// additionally in `sodium_malloc` memory (locked against swap, excluded from dumps), and so
/// are the VFS's scratch pages and WAL frame cache. What remains is listed in SECURITY.md.
public enum ProcessHardening {
    /// What the operating system reports for this process.
    public struct Status: Sendable, Equatable {
        /// `PR_GET_DUMPABLE`: false once hardened; nil where the OS has no such flag.
        public let dumpable: Bool?
        /// `RLIMIT_CORE`, soft and hard, in bytes (0 once hardened).
        public let coreLimitSoftBytes: UInt64
        public let coreLimitHardBytes: UInt64
    }

    /// Forbids core dumps of this process. Returns 0, or the errno of the first step that failed
    /// (the others still ran); a failure leaves the process as it was, never less protected.
    @discardableResult
    public static func apply() -> Int32 {
        hc_process_harden()
    }

    /// This process's dump settings, as the OS reports them now.
    public static var status: Status {
        var soft: UInt64 = .max
        var hard: UInt64 = .max
        _ = hc_process_core_limit(&soft, &hard)
        let dumpable = hc_process_dumpable()
        return Status(dumpable: dumpable < 0 ? nil : dumpable != 0, coreLimitSoftBytes: soft, coreLimitHardBytes: hard)
    }
}
