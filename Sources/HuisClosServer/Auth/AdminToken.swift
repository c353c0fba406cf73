import Foundation
import HuisClosCrypto
import HuisClosWire

/// The secretariat's admin token: given in configuration, or created once in the data folder.
struct AdminToken: Sendable {
    /// The file a generated token is written to (mode 0600).
    static let fileName = "admin-token"

    /// BLAKE2b of the token: what requests are compared with.
    let hash: [UInt8]
    /// The file the token was read from or written to; nil when configured directly.
    let file: URL?
    /// Whether this start generated the token.
    let generated: Bool

    /// Uses `configured`, else reads `<folder>/admin-token`, else creates it with a new random token.
    init(configured: String?, folder: URL) throws(APIError) {
        if let configured {
            guard configured.utf8.count >= 16 else {
                throw APIError(.malformed, "the admin token must be at least 16 characters; use a long random value")
            }
            self.init(hash: Hash.blake2b(Array(configured.utf8)), file: nil, generated: false)
            return
        }
        let file = folder.appendingPathComponent(Self.fileName)
        if let data = FileManager.default.contents(atPath: file.path) {
            let token = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(hash: Hash.blake2b(Array(token.utf8)), file: file, generated: false)
            return
        }
        let token: String
        do { token = Hex.encode(try Sodium.randomBytes(32)) } catch {
            throw APIError(.internal, "cannot generate the admin token: \(error.message)")
        }
        guard FileManager.default.createFile(atPath: file.path, contents: Data((token + "\n").utf8),
                                             attributes: [.posixPermissions: 0o600])
        else {
            throw APIError(.internal, "cannot write \(file.path): check the data folder's permissions")
        }
        self.init(hash: Hash.blake2b(Array(token.utf8)), file: file, generated: true)
    }

    private init(hash: [UInt8], file: URL?, generated: Bool) {
        self.hash = hash
        self.file = file
        self.generated = generated
    }

    /// Whether `presented` is the admin token (constant time).
    func matches(_ presented: some StringProtocol) -> Bool {
        Sodium.constantTimeEqual(Hash.blake2b(Array(presented.utf8)), hash)
    }
}
