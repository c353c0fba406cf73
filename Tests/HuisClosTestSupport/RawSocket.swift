import Foundation
import HuisClosCrypto
#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP socket to a test server on loopback, for bytes no HTTP client would send
/// (a broken request head, a slow sender, a connection that stays idle).
///
/// Blocking calls with a receive timeout, run off the concurrency pool (like `ServerProcess`),
/// so a server that never answers makes the test fail after the timeout instead of hanging.
public final class RawSocket: @unchecked Sendable {
    // @unchecked: the descriptor is set once in init; each test uses one socket from one task.
    private let descriptor: Int32

    /// Connects to `127.0.0.1:port` from `source` (another loopback address, such as `127.0.0.2`,
    /// stands for another client); reads give up after `timeoutSeconds` without data (60 s by default:
    /// at the start of the parallel suite on 2 cores a relay took more than 15 s to answer).
    public init(port: Int, source: String? = nil, timeoutSeconds: Int = 60) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw RawSocketError(message: "socket: errno \(errno)") }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        if let source {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = inet_addr(source)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let code = errno
                close(descriptor)
                throw RawSocketError(message: "bind \(source): errno \(code)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let code = errno
            close(descriptor)
            throw RawSocketError(message: "connect: errno \(code)")
        }
    }

    deinit { close(descriptor) }

    /// One socket opened off the concurrency pool (see `open`), and `sending` sent at once from the
    /// same thread: a test task resumed seconds later on a busy pool would send past a server's
    /// short head deadline (`LocalAppConnectionTests`' 1 s).
    public static func connect(port: Int, source: String? = nil, timeoutSeconds: Int = 60, sending: String? = nil) async throws -> RawSocket {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result {
                    let socket = try RawSocket(port: port, source: source, timeoutSeconds: timeoutSeconds)
                    if let sending { socket.send(sending) }
                    return socket
                })
            }
        }
    }

    /// Opens `count` sockets off the concurrency pool: a connect can block (a full accept queue),
    /// and a blocked cooperative thread (2 on this machine) would stall every other test.
    public static func open(_ count: Int, port: Int, source: String? = nil, timeoutSeconds: Int = 60) async throws -> [RawSocket] {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try (0..<count).map { _ in try RawSocket(port: port, source: source, timeoutSeconds: timeoutSeconds) } })
            }
        }
    }

    /// Sends every byte (a peer that closed early ends the send quietly: its answer is what counts).
    public func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    /// Sends text as UTF-8.
    public func send(_ text: String) { send(Array(text.utf8)) }

    /// What the server sent until it closed the connection, and whether it did close before the
    /// timeout (`closed: false` means the socket was still open, silent, when the wait ended).
    public func readUntilClosed(bytesMax: Int = 1_048_576) async -> (bytes: [UInt8], closed: Bool) {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { [self] in
                var received: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 65_536)
                while received.count < bytesMax {
                    let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
                    if count == 0 { return continuation.resume(returning: (received, true)) }
                    if count < 0 {
                        // ECONNRESET is a close too; a timeout (EAGAIN) means the socket stayed open.
                        let code = errno
                        return continuation.resume(returning: (received, code == ECONNRESET))
                    }
                    received += buffer[0..<count]
                }
                continuation.resume(returning: (received, false))
            }
        }
    }

    /// How many of `sockets` the server has closed, waiting up to `seconds` for at least `atLeast`
    /// of them: one thread polls them all (many blocked reads would each hold a dispatch thread).
    public static func closedCount(_ sockets: [RawSocket], atLeast: Int, seconds: Int) async -> Int {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var closed = Set<Int>()
                let deadline = DispatchTime.now() + .seconds(seconds)
                var buffer = [UInt8](repeating: 0, count: 4_096)
                while closed.count < atLeast, DispatchTime.now() < deadline {
                    var polled = sockets.enumerated().filter { !closed.contains($0.offset) }
                        .map { pollfd(fd: $0.element.descriptor, events: Int16(POLLIN), revents: 0) }
                    // Waits for the next close (or data) for at most 100 ms, then checks the deadline.
                    guard poll(&polled, nfds_t(polled.count), 100) > 0 else { continue }
                    for entry in polled where entry.revents != 0 {
                        let count = buffer.withUnsafeMutableBytes { recv(entry.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                        if count == 0 || (count < 0 && errno == ECONNRESET),
                           let index = sockets.firstIndex(where: { $0.descriptor == entry.fd }) {
                            closed.insert(index)
                        }
                    }
                }
                continuation.resume(returning: closed.count)
            }
        }
    }

    /// The first bytes the server sends, or nothing when it closes first or stays silent for the
    /// timeout (blocking: call it off the concurrency pool, as `open` does).
    public func firstBytes() -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        return count > 0 ? Array(buffer[0..<count]) : []
    }

    /// The status code of the first answer in `bytes` (`HTTP/1.1 400 …`), nil when there is none.
    public static func status(of bytes: [UInt8]) -> Int? {
        let text = String(decoding: bytes.prefix(64), as: UTF8.self)
        guard text.hasPrefix("HTTP/1."), text.count >= 12 else { return nil }
        return Int(text.dropFirst(9).prefix(3))
    }
}

/// A raw socket could not be opened.
public struct RawSocketError: Error, CustomStringConvertible {
    /// What failed.
    public let message: String
    public var description: String { message }
}
