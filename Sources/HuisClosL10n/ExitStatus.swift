/// The exit statuses of `huisclos`, from sysexits(3) so scripts can tell failures apart. Every
/// error code names its own (`ErrorCode.exitStatus`).
///
/// | status | meaning |
/// | --- | --- |
/// | 0 | done |
/// | 64 | wrong usage (unknown option, missing argument, an argument naming nothing) |
/// | 65 | data refused (by the council's rules, the signed log, the server, or a bad file) |
/// | 69 | the server could not be reached |
/// | 70 | the server failed (retry later) |
/// | 74 | a local file or the local store could not be read or written |
/// | 76 | protocol version mismatch: update the client or the server |
/// | 77 | not allowed: not enrolled, wrong passphrase, revoked, expired code, no access to the scope |
/// | 78 | no passphrase: `HUISCLOS_PASSPHRASE` unset and no terminal to ask on |
public enum ExitStatus: Int32, Sendable, CaseIterable {
    case success = 0
    case usage = 64
    case dataRefused = 65
    case unreachable = 69
    case serverFailed = 70
    case localIO = 74
    case protocolMismatch = 76
    case notAllowed = 77
    case passphraseMissing = 78
}
