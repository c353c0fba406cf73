import Foundation
import HuisClosL10n
public import NIOCore
import NIOPosix
import NIOSSL

/// Sends one message to one recipient over SMTP (RFC 5321): STARTTLS (RFC 3207) or implicit TLS,
/// TLS 1.2 at least with the certificate and name verified, AUTH PLAIN (RFC 4954) only once
/// encrypted. Every refusal becomes a `MailError` that keeps the server's words.
public enum SMTPClient {
    /// How long the server may stay silent before the connection is given up.
    public static let silenceLimit = TimeAmount.seconds(60)

    /// Sends `message` with `settings`; returns the server's acceptance line (its queue id, usually).
    @discardableResult
    public static func send(_ message: MailMessage, with settings: SMTPSettings) async throws(MailError) -> String {
        try await converse(message, with: settings)
    }

    /// Tries `settings` without sending anything: connects, encrypts, logs in, then quits.
    public static func check(_ settings: SMTPSettings) async throws(MailError) {
        try await converse(nil, with: settings)
    }

    /// One connection: up to the login, then `message` sent if there is one.
    @discardableResult
    static func converse(_ message: MailMessage?, with settings: SMTPSettings) async throws(MailError) -> String {
        try settings.validate()
        let context: NIOSSLContext?
        do {
            context = settings.security == .plain ? nil : try makeContext(settings)
        } catch {
            throw MailError.tls(settings.host, "\(error)")
        }
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(10))
                .connect(host: settings.host, port: settings.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if settings.security == .tls, let context {
                            try channel.pipeline.syncOperations.addHandler(
                                NIOSSLClientHandler(context: context, serverHostname: serverName(settings.host)))
                        }
                        try channel.pipeline.syncOperations.addHandler(IdleStateHandler(readTimeout: silenceLimit))
                        try channel.pipeline.syncOperations.addHandler(CloseWhenSilent())
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(ReplyLineDecoder()))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MailError.unreachable(settings.host, settings.port)
        }
        do {
            return try await channel.executeThenClose { inbound, outbound in
                var conversation = Conversation(lines: inbound.makeAsyncIterator(), outbound: outbound)
                return try await conversation.run(message, settings: settings) {
                    guard let context else { return }
                    try await channel.channel.eventLoop.submit {
                        try channel.channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: context, serverHostname: serverName(settings.host)), position: .first)
                    }.get()
                }
            }
        } catch let error as MailError {
            throw error
        } catch let error as NIOSSLError {
            throw MailError.tls(settings.host, "\(error)")
        } catch let error as BoringSSLError {
            throw MailError.tls(settings.host, "\(error)")
        } catch {
            throw MailError.unreachable(settings.host, settings.port)
        }
    }

    /// TLS 1.2 at least; the system's authorities, or those of `trustRootsFile`.
    static func makeContext(_ settings: SMTPSettings) throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.minimumTLSVersion = .tlsv12
        tls.certificateVerification = .fullVerification
        if let file = settings.trustRootsFile { tls.trustRoots = .file(file) }
        return try NIOSSLContext(configuration: tls)
    }

    /// The name the certificate must carry (nil for an address literal: SNI takes names only).
    static func serverName(_ host: String) -> String? {
        host.allSatisfy { $0.isNumber || $0 == "." } || host.contains(":") ? nil : host
    }

    /// The dialogue, step by step, over one connection.
    struct Conversation {
        var lines: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
        let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

        mutating func run(_ message: MailMessage?, settings: SMTPSettings, startTLS: () async throws -> Void) async throws -> String {
            try await expect(220, step: "greeting", refusal: .refused)
            var extensions = try await hello()
            if settings.security == .startTLS {
                guard extensions.contains("STARTTLS") else {
                    throw MailError.tls(settings.host, "the server does not offer STARTTLS")
                }
                try await command("STARTTLS", expect: 220, refusal: .tlsFailed)
                try await startTLS()
                extensions = try await hello()
            }
            if let username = settings.username {
                let secret = Data(([0] + Array(username.utf8) + [0] + Array((settings.password ?? "").utf8))).base64EncodedString()
                try await command("AUTH PLAIN " + secret, step: "AUTH", expect: 235, refusal: .authenticationRefused)
            }
            guard let message else {
                try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
                return ""
            }
            try await command("MAIL FROM:<\(settings.sender.text)>", expect: 250, refusal: .addressRefused)
            try await command("RCPT TO:<\(message.to.text)>", expect: 250, also: 251, refusal: .addressRefused)
            try await command("DATA", expect: 354, refusal: .refused)
            // Dot-stuffing (RFC 5321 §4.5.2), then the end of data.
            let body = message.rendered.split(separator: "\r\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix(".") ? "." + $0 : String($0) }.joined(separator: "\r\n")
            try await outbound.write(ByteBuffer(string: body + (body.hasSuffix("\r\n") ? "" : "\r\n") + ".\r\n"))
            let accepted = try await expect(250, step: "DATA", refusal: .refused)
            try? await outbound.write(ByteBuffer(string: "QUIT\r\n"))
            return accepted.lines.joined(separator: " ")
        }

        /// EHLO; returns the extension keywords the server offers.
        mutating func hello() async throws -> Set<String> {
            let reply = try await command("EHLO huisclos", expect: 250, refusal: .refused)
            return Set(reply.lines.dropFirst().compactMap { $0.split(separator: " ").first.map { $0.uppercased() } })
        }

        @discardableResult
        mutating func command(_ text: String, step: String? = nil, expect code: Int, also other: Int? = nil,
                              refusal: MailError.Code) async throws -> SMTPReply {
            try await outbound.write(ByteBuffer(string: text + "\r\n"))
            return try await expect(code, also: other, step: step ?? String(text.prefix { $0 != " " && $0 != ":" }), refusal: refusal)
        }

        @discardableResult
        mutating func expect(_ code: Int, also other: Int? = nil, step: String, refusal: MailError.Code) async throws -> SMTPReply {
            let reply = try await read()
            guard reply.code == code || reply.code == other else { throw MailError.server(refusal, step, reply) }
            return reply
        }

        /// One reply, over as many `NNN-` lines as it takes.
        mutating func read() async throws -> SMTPReply {
            var texts: [String] = []
            while true {
                guard var buffer = try await lines.next() else {
                    throw MailError(.refused, Text(fr: "Le serveur de courriel a fermé la connexion en cours d'envoi ; relancez l'envoi.",
                                                   en: "The mail server closed the connection while sending; send again."))
                }
                let line = buffer.readString(length: buffer.readableBytes) ?? ""
                let characters = Array(line)
                guard characters.count >= 3, let code = Int(String(characters[0..<3])),
                      characters.count == 3 || characters[3] == " " || characters[3] == "-" else {
                    throw MailError(.refused, Text(fr: "Réponse du serveur de courriel hors protocole : « \(line.prefix(80)) ».",
                                                   en: "Mail server reply out of protocol: \"\(line.prefix(80))\"."))
                }
                texts.append(characters.count > 4 ? String(characters[4...]) : "")
                if characters.count == 3 || characters[3] == " " { return SMTPReply(code: code, lines: texts) }
            }
        }
    }

    /// Splits the server's bytes into lines (CRLF, or a bare LF, removed); a line longer than
    /// `maximum` closes the connection (RFC 5321 allows 512 octets for a reply line).
    struct ReplyLineDecoder: ByteToMessageDecoder {
        typealias InboundOut = ByteBuffer
        static let maximum = 4_096

        mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
            guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
                if buffer.readableBytes > Self.maximum { throw MailError(.refused, Text(fr: "Réponse du serveur de courriel trop longue.", en: "Mail server reply too long.")) }
                return .needMoreData
            }
            let length = newline - buffer.readerIndex
            var line = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            if line.readableBytesView.last == UInt8(ascii: "\r") { line = line.getSlice(at: line.readerIndex, length: line.readableBytes - 1)! }
            context.fireChannelRead(wrapInboundOut(line))
            return .continue
        }
    }

    /// Closes the connection when the server stays silent past `silenceLimit`.
    final class CloseWhenSilent: ChannelInboundHandler, Sendable {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if event is IdleStateHandler.IdleStateEvent {
                context.close(promise: nil)
            } else {
                context.fireUserInboundEventTriggered(event)
            }
        }
    }
}
