import HuisClosL10n
import HuisClosProtocol
public import SwiftProtobuf

/// Strict, bounded decoding of protocol messages from untrusted bytes.
extension SwiftProtobuf.Message {
    /// Decodes `bytes` after checking them against `limit`; any failure is an `APIError`
    /// (`tooLarge` or `malformed`), never a trap.
    public init(wire bytes: some Collection<UInt8>, limit: Int) throws(APIError) {
        guard bytes.count <= limit else {
            throw APIError(.tooLarge, Text(fr: "le message fait \(bytes.count) octets ; la limite est \(limit)",
                                           en: "the message is \(bytes.count) bytes; the limit is \(limit)"))
        }
        do {
            var options = BinaryDecodingOptions()
            options.messageDepthLimit = 8
            options.discardUnknownFields = true
            try self.init(serializedBytes: Array(bytes), options: options)
        } catch {
            throw APIError(.malformed, Text(fr: "le corps n'est pas un message \(Self.protoMessageName) valide",
                                            en: "the body is not a valid \(Self.protoMessageName) message"))
        }
    }

    /// The message's bytes (serialising a well-formed message does not fail).
    public func wireBytes() -> [UInt8] {
        // Every message here has only scalar, bytes, string and nested message fields: serialising
        // cannot fail, so an empty result would be a programming error surfaced by the tests.
        (try? serializedBytes()) ?? []
    }
}
