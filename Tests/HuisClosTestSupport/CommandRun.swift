import Foundation

/// Runs a built executable of this package (next to the test binary) to completion.
public struct CommandRun: Sendable {
    /// Its exit status.
    public let status: Int32
    /// What it printed on standard output.
    public let output: String
    /// What it printed on standard error.
    public let errors: String

    /// Runs `name arguments…` with `environment` added, off the concurrency pool (it blocks).
    public static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        try await run(executable: ServerProcess.executable.deletingLastPathComponent().appendingPathComponent(name), arguments,
                      environment: environment)
    }

    /// Runs `executable arguments…` with `environment` added, off the concurrency pool: a child
    /// waited for on a cooperative thread (2 on this machine) would stall every other test.
    public static func run(executable: URL, _ arguments: [String], environment: [String: String] = [:]) async throws -> CommandRun {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try runBlocking(executable, arguments, environment: environment) })
            }
        }
    }

    /// Launches with `posix_spawn` and reads both pipes itself rather than through Foundation's
    /// `Process`: on Swift 6.3.1 for Linux, `Process.run()` sometimes over-reads a `/proc/self/fd`
    /// entry and crashes the test binary (swift-corelibs-foundation PR 5472), and
    /// `FileHandle.readDataToEndOfFile()` traps on an interrupted read. The CLI tests launch
    /// hundreds of children, so this path took most of the crashes of a full run.
    private static func runBlocking(_ executable: URL, _ arguments: [String], environment: [String: String]) throws -> CommandRun {
        var output: [Int32] = [-1, -1], errors: [Int32] = [-1, -1]
        guard GlibcExtras.pipe2(&output, O_CLOEXEC) == 0 else { throw SpawnFailure(executable: executable, errno: errno) }
        defer { close(output[0]) }
        guard GlibcExtras.pipe2(&errors, O_CLOEXEC) == 0 else {
            close(output[1])
            throw SpawnFailure(executable: executable, errno: errno)
        }
        defer { close(errors[0]) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)  // never a terminal: nothing waits for typing
        posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errors[1], 2)
        _ = GlibcExtras.addCloseFrom(&actions, 3)  // no descriptor of the test binary leaks into the child
        let argv = [executable.path] + arguments
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let envp = merged.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let spawned = withCStrings(argv) { cArgv in
            withCStrings(envp) { cEnvp in posix_spawn(&pid, executable.path, &actions, nil, cArgv, cEnvp) }
        }
        close(output[1])
        close(errors[1])
        guard spawned == 0 else { throw SpawnFailure(executable: executable, errno: spawned) }
        let (out, err) = readToEnd(output[0], errors[0])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1, errno == EINTR {}
        // As Foundation's `terminationStatus`: the exit code, or the signal that ended the child.
        let code = (status & 0x7f) == 0 ? (status >> 8) & 0xff : status & 0x7f
        return CommandRun(status: code, output: String(decoding: out, as: UTF8.self), errors: String(decoding: err, as: UTF8.self))
    }

    /// Reads two pipes to their ends side by side (a child filling one while the other is read
    /// would block forever), retrying interrupted calls.
    private static func readToEnd(_ first: Int32, _ second: Int32) -> ([UInt8], [UInt8]) {
        var collected: [[UInt8]] = [[], []]
        var fds = [pollfd(fd: first, events: Int16(POLLIN), revents: 0), pollfd(fd: second, events: Int16(POLLIN), revents: 0)]
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
