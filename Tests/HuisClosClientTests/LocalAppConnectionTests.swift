import Foundation
import HuisClosApp
import HuisClosCouncil
import HuisClosTestSupport
import NIOCore
import NIOHTTP1
import Testing

/// `huisclos app` against another local user holding connections (attacker review 2, findings 2
/// and 7): idle sockets beyond the app's bound are closed instead of piling up until the process
/// runs out of descriptors (and its port is free for a false unlock page), a head never finished
/// is closed at the deadline, a silent kept-alive connection at the idle timeout, and a head that
/// does not parse gets the refusal page.
@Suite(.tags(.slow)) struct LocalAppConnectionTests {
    /// The flood: 600 sockets here (600 descriptors of the test process, and as many in the app's
    /// side of it before the bound: 1,200 in all under this machine's limit of 20,000).
    static let flood = 600

    @Test func idleSocketsBeyondTheBoundAreClosedAndTheMemberIsStillServed() async throws {
        // A long head deadline: what closes the idle sockets here is the bound alone.
        let limits = AppConnectionLimits(headTimeout: .seconds(120))
        try await LocalAppCouncil.with("app-flood", connections: limits) { council, app, entry, browser in
            let cookie = try await browser.enter(entry)
            let idle = try await RawSocket.open(Self.flood, port: entry.port)
            let expected = Self.flood - limits.connectionsMax
            let closed = await RawSocket.closedCount(idle, atLeast: expected, seconds: 20)
            #expect(closed >= expected, "the app still holds \(Self.flood - closed) idle sockets of \(Self.flood) (bound \(limits.connectionsMax))")
            let start = ContinuousClock.now
            let page = try await browser.send(.GET, entry.base + "/seances", cookie: cookie)
            #expect(page.status == 200 && page.body.contains("Bobigny"), "\(page.status)")
            #expect(ContinuousClock.now - start < .seconds(15), "the member waited \(ContinuousClock.now - start)")
            let overIPv6 = try await browser.send(.GET, "http://[::1]:\(entry.port)/", cookie: cookie)
            #expect(overIPv6.status == 200, "[::1]: \(overIPv6.status)")
            #expect(await app.isUnlocked)
            withExtendedLifetime(idle) {}
        }
    }

    @Test func aHeadNeverFinishedOrASilentConnectionIsClosedAndAGarbledHeadIsRefused() async throws {
        let limits = AppConnectionLimits(headTimeout: .seconds(1), idleTimeout: .seconds(1))
        try await LocalAppCouncil.with("app-slowloris", connections: limits) { _, _, entry, _ in
            // Slowloris: one header line, never the end of the head.
            let slow = try await RawSocket.connect(port: entry.port, sending: "GET /seances HTTP/1.1\r\nHost: \(entry.authority)\r\n")
            let (unanswered, slowClosed) = await slow.readUntilClosed()
            #expect(slowClosed && unanswered.isEmpty, "an unfinished head kept its connection: \(unanswered.count) bytes")
            // A whole request, answered, then silence: closed at the idle timeout.
            let silent = try await RawSocket.connect(port: entry.port, sending: "GET / HTTP/1.1\r\nHost: \(entry.authority)\r\n\r\n")
            let (answered, silentClosed) = await silent.readUntilClosed()
            #expect(RawSocket.status(of: answered) == 401 && silentClosed, "a silent kept-alive connection stayed open")
            // A head that does not parse: the refusal page, with the app's headers, and closed.
            let garbled = try await RawSocket.connect(port: entry.port, sending: "GARBAGE\r\n\r\n")
            let (refusal, garbledClosed) = await garbled.readUntilClosed()
            let text = String(decoding: refusal, as: UTF8.self)
            #expect(RawSocket.status(of: refusal) == 400 && garbledClosed, "\(text.prefix(200))")
            #expect(text.contains("requête refusée") && text.lowercased().contains("content-security-policy: default-src 'none'"), "\(text)")
        }
    }

    /// Leniencies no browser needs (attacker review 2, finding 6): several `Host` headers (RFC 9112:
    /// 400), an absolute-form target naming another authority than the app's (400), a POST whose
    /// body is not `application/x-www-form-urlencoded` (415, nothing done).
    @Test func severalHostsAnotherAuthorityInTheTargetOrAPostThatIsNotAFormAreRefused() async throws {
        try await LocalAppCouncil.with("app-lenient") { council, _, entry, browser in
            let cookie = try await browser.enter(entry)
            let csrf = try #require(try await browser.send(.GET, entry.base + "/", cookie: cookie).csrf)
            func status(_ head: String, body: String = "") async throws -> Int? {
                let socket = try await RawSocket.connect(port: entry.port, timeoutSeconds: 20)
                socket.send(head + "Cookie: \(cookie)\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
                return RawSocket.status(of: await socket.readUntilClosed().bytes)
            }
            let own = entry.authority
            #expect(try await status("GET /seances HTTP/1.1\r\nHost: \(own)\r\n") == 200, "the plain request")
            #expect(try await status("GET /seances HTTP/1.1\r\nHost: \(own)\r\nHost: evil.example\r\n") == 400, "two Host, the app's first")
            #expect(try await status("GET /seances HTTP/1.1\r\nHost: \(own)\r\nHost: \(own)\r\n") == 400, "the app's Host twice")
            #expect(try await status("GET http://evil.example/seances HTTP/1.1\r\nHost: \(own)\r\n") == 400, "another authority in the target")
            #expect(try await status("GET http://\(own)/seances HTTP/1.1\r\nHost: \(own)\r\n") == 200, "the app's own authority in the target")
            let form = "csrf=\(csrf)&reponse=excused"
            for type in ["text/plain", "multipart/form-data; boundary=x", nil] as [String?] {
                let header = type.map { "Content-Type: \($0)\r\n" } ?? ""
                #expect(try await status("POST /seances/s1/reponse HTTP/1.1\r\nHost: \(own)\r\n" + header, body: form) == 415, "\(type ?? "no type")")
            }
            #expect(try await council.memberAnswer() == nil, "a POST that is not a form recorded an answer")
            let typed = "POST /seances/s1/reponse HTTP/1.1\r\nHost: \(own)\r\nContent-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
            #expect(try await status(typed, body: form) == 303)
            #expect(try await council.memberAnswer() == .excused)
        }
    }
}
