public import Foundation
import Synchronization

/// A child process the tests start, launched with `posix_spawn` and waited for with `waitpid`.
///
/// Not Foundation's `Process`: on Swift 6.3.1 for Linux, `Process.run()` copies the names of
/// `/proc/self/fd` into a buffer it can overrun, and crashes the whole test binary (signal 11 in
/// `memcpy`; swift-corelibs-foundation PR 5472) once the process holds more than ~1,024
/// descriptors — which the parallel suite's relays and sockets reach; `Process` also learns that a
/// child ended when a pipe it handed the child closes, so a child leaving a daemon behind (`pg_ctl
/// start`) never ends for it, and `FileHandle.readDataToEndOfFile()` traps on an interrupted read.
/// Every test child goes through here: standard input is `/dev/null` (nothing waits for typing),
/// and no descriptor of the test binary leaks into the child.
public final class ChildProcess: Sendable {
    /// Where one of the child's output streams goes.
    public enum Output: Sendable {
        /// Discarded.
        case null
        /// A pipe this object reads (`readAvailable`, `readToEnd`).
        case pipe
        /// A file, created or truncated.
        case file(URL)
    }

    /// How the child ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signalled(Int32)

        /// As Foundation's `terminationStatus`: the exit code, or the signal that ended the child.
        public var status: Int32 {
            switch self {
            case .exited(let code), .signalled(let code): code
            }
        }
    }

    /// Its process id (never signalled once reaped: see `signal`).
    public let pid: pid_t
    public let executable: URL
    /// Read ends of its standard output and error, when piped; closed on deinit.
    private let output: Int32?
    private let errors: Int32?
    /// How it ended, once reaped (after which its pid may belong to another process).
    private let ended = Mutex<Termination?>(nil)

    /// Starts `executable arguments…` with `environment` (the test binary's by default).
    public init(_ executable: URL, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                standardOutput: Output = .null, standardError: Output = .null) throws {
        self.executable = executable
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        var childEnds: [Int32] = []
        defer { childEnds.forEach { close($0) } }
        var readEnds: [Int32?] = []
        do {
            for (descriptor, destination) in [(Int32(1), standardOutput), (2, standardError)] {
                switch destination {
                case .null:
                    posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", O_WRONLY, 0)
                    readEnds.append(nil)
                case .file(let url):
                    posix_spawn_file_actions_addopen(&actions, descriptor, url.path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                    readEnds.append(nil)
                case .pipe:
                    var ends: [Int32] = [-1, -1]
                    guard GlibcExtras.pipe2(&ends, O_CLOEXEC) == 0 else { throw SpawnFailure(executable: executable, errno: errno) }
                    childEnds.append(ends[1])
                    readEnds.append(ends[0])
                    posix_spawn_file_actions_adddup2(&actions, ends[1], descriptor)
                }
            }
            _ = GlibcExtras.addCloseFrom(&actions, 3)
            // Every signal unblocked and at its default: a dispatch thread (where tests launch
            // children, off the concurrency pool) blocks signals, and the child would inherit that
            // (a server deaf to SIGTERM).
            var attributes = posix_spawnattr_t()
            posix_spawnattr_init(&attributes)
            defer { posix_spawnattr_destroy(&attributes) }
            var signals = sigset_t()
            sigemptyset(&signals)
            posix_spawnattr_setsigmask(&attributes, &signals)
            sigfillset(&signals)
            posix_spawnattr_setsigdefault(&attributes, &signals)
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
            let argv = [executable.path] + arguments
            let envp = environment.map { "\($0.key)=\($0.value)" }
            var pid: pid_t = 0
            let spawned = Self.withCStrings(argv) { cArgv in
                Self.withCStrings(envp) { cEnvp in posix_spawn(&pid, executable.path, &actions, &attributes, cArgv, cEnvp) }
            }
            guard spawned == 0 else { throw SpawnFailure(executable: executable, errno: spawned) }
            self.pid = pid
        } catch {
            readEnds.forEach { if let end = $0 { close(end) } }
            throw error
        }
        output = readEnds[0]
        errors = readEnds[1]
    }

    deinit {
        if let output { close(output) }
        if let errors { close(errors) }
    }

    /// Runs `executable arguments…` to its end, reading both outputs: what it printed and how it ended.
    public static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment)
        throws -> (output: String, errors: String, termination: Termination) {
        let child = try ChildProcess(executable, arguments, environment: environment, standardOutput: .pipe, standardError: .pipe)
        let (output, errors) = child.readToEnd()
        return (String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self), child.wait())
    }

    /// Sends `signal`, unless the child was already reaped (its pid may name another process then).
    public func signal(_ signal: Int32) {
        ended.withLock { ended in
            if ended == nil { kill(pid, signal) }
        }
    }

    /// Waits for its end (blocking; any number of callers, from any thread).
    @discardableResult
    public func wait() -> Termination {
        // Waits without reaping, so that `signal` under the lock never reaches a recycled pid.
        var info = siginfo_t()
        while waitid(P_PID, id_t(pid), &info, WEXITED | WNOWAIT) == -1, errno == EINTR {}
        return ended.withLock { ended in
            if let ended { return ended }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) == -1, errno == EINTR {}
            let termination: Termination = (status & 0x7f) == 0 ? .exited((status >> 8) & 0xff) : .signalled(status & 0x7f)
            ended = termination
            return termination
        }
    }

    /// Whether it has not ended yet (without reaping it).
    public var isRunning: Bool {
        guard ended.withLock({ $0 == nil }) else { return false }
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return false }
        return info.si_signo == 0
    }

    /// The next bytes it wrote on its standard output pipe, blocking until some come; empty at its end.
    public func readAvailable() -> [UInt8] {
        guard let output else { return [] }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count >= 0 { return Array(buffer[0..<count]) }
            if errno != EINTR { return [] }
        }
    }

    /// Reads its piped outputs to their ends side by side (a child filling one pipe while the other
    /// is read would block forever), retrying interrupted calls.
    public func readToEnd() -> (output: [UInt8], errors: [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var fds = [pollfd(fd: output ?? -1, events: Int16(POLLIN), revents: 0), pollfd(fd: errors ?? -1, events: Int16(POLLIN), revents: 0)]
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while fds.contains(where: { $0.fd >= 0 }) {
            if poll(&fds, nfds_t(fds.count), -1) == -1 {
                if errno == EINTR { continue }
                break
            }
            for index in fds.indices where fds[index].fd >= 0 && fds[index].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(fds[index].fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    collected[index] += buffer[0..<count]
                } else if count == 0 || errno != EINTR {
                    fds[index].fd = -1
                }
            }
        }
        return (collected[0], collected[1])
    }

    /// Calls `body` with `strings` as a NULL-terminated array of C strings.
    private static func withCStrings<T>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> T) -> T {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return body(pointers)
    }
}

/// A child process that could not be launched.
public struct SpawnFailure: Error, CustomStringConvertible {
    /// The executable.
    public let executable: URL
    /// The system's error number.
    public let errno: Int32

    public var description: String { "cannot launch \(executable.path): \(String(cString: strerror(errno)))" }
}

/// Two glibc calls Swift's Glibc module does not import (declared under `_GNU_SOURCE`), looked up
/// by name (`RTLD_DEFAULT`): both exist in every glibc this project supports (2.34 and later).
private enum GlibcExtras {
    /// `pipe2(2)`: a pipe whose ends are closed in children from the start (no race with another
    /// thread's launch).
    static func pipe2(_ ends: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2") else { return -1 }
        return unsafeBitCast(symbol, to: Function.self)(ends, flags)
    }

    /// `posix_spawn_file_actions_addclosefrom_np(3)`: the child closes every descriptor from `lowest` up.
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ lowest: Int32) -> Int32 {
        typealias Function = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return -1 }
        return unsafeBitCast(symbol, to: Function.self)(actions, lowest)
    }
}
