import Foundation
import HuisClosCrypto
import HuisClosL10n
import HuisClosWire
#if canImport(Glibc)
import Glibc
#endif

/// The secretariat's admin token: given in configuration, read from a private file, or created
/// once in the data folder.
///
/// A token file is created with mode 0600 in one `open(O_CREAT|O_EXCL)`, so it never exists with
/// wider permissions, even for an instant; a token file that the group or others may read is
/// refused at start (anyone who read it could enrol devices and revoke members).
struct AdminToken: Sendable {
    /// The file a generated token is written to (mode 0600).
    static let fileName = "admin-token"

    /// BLAKE2b of the token: what requests are compared with.
    let hash: [UInt8]
    /// The file the token was read from or written to; nil when configured directly.
    let file: URL?
    /// Whether this start generated the token.
    let generated: Bool

    /// Uses `configured`, else reads `configuredFile`, else reads `<folder>/admin-token`, else creates
    /// it with a new random token.
    init(configured: String?, configuredFile: URL?, folder: URL) throws(APIError) {
        if let configured {
            self.init(hash: try Self.checkedHash(configured), file: nil, generated: false)
            return
        }
        let file = configuredFile ?? folder.appendingPathComponent(Self.fileName)
        if configuredFile != nil || FileManager.default.fileExists(atPath: file.path) {
            self.init(hash: try Self.checkedHash(try Self.readPrivate(file)), file: file, generated: false)
            return
        }
        let token: String
        do { token = Hex.encode(try Sodium.randomBytes(32)) } catch {
            throw APIError(.internal, Text(fr: "impossible de créer le jeton d'administration : \(error.text.french)",
                                           en: "cannot generate the admin token: \(error.text.english)"))
        }
        try Self.createPrivate(file, contents: token + "\n")
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

    private static func checkedHash(_ token: String) throws(APIError) -> [UInt8] {
        guard token.utf8.count >= 16 else {
            throw APIError(.malformed, Text(fr: "le jeton d'administration fait au moins 16 caractères ; prenez une longue valeur aléatoire",
                                            en: "the admin token must be at least 16 characters; use a long random value"))
        }
        return Hash.blake2b(Array(token.utf8))
    }

    /// The trimmed content of a token file that only its owner may read.
    private static func readPrivate(_ file: URL) throws(APIError) -> String {
        var status = stat()
        guard stat(file.path, &status) == 0 else {
            throw APIError(.malformed, Text(fr: "impossible de lire le fichier du jeton d'administration \(file.path) : vérifiez qu'il existe et que le serveur peut le lire",
                                            en: "cannot read the admin token file \(file.path): check that it exists and that the server may read it"))
        }
        guard status.st_mode & 0o077 == 0 else {
            throw APIError(.malformed, Text(fr: "le fichier du jeton d'administration \(file.path) est lisible par d'autres (mode \(String(status.st_mode & 0o777, radix: 8))) : lancez chmod 600 \(file.path), puis redémarrez",
                                            en: "the admin token file \(file.path) may be read by others (mode \(String(status.st_mode & 0o777, radix: 8))): run chmod 600 \(file.path), then start again"))
        }
        guard let data = FileManager.default.contents(atPath: file.path) else {
            throw APIError(.malformed, Text(fr: "impossible de lire le fichier du jeton d'administration \(file.path) : vérifiez que le serveur peut le lire",
                                            en: "cannot read the admin token file \(file.path): check that the server may read it"))
        }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Writes a new file with mode 0600 from its creation (`O_EXCL`: never over an existing file).
    private static func createPrivate(_ file: URL, contents: String) throws(APIError) {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw APIError(.internal, Text(fr: "impossible de créer \(file.path) (errno \(errno)) : vérifiez les droits du dossier de données",
                                           en: "cannot create \(file.path) (errno \(errno)): check the data folder's permissions"))
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            unlink(file.path)
            throw APIError(.internal, Text(fr: "impossible d'écrire \(file.path) : vérifiez la place libre du dossier de données",
                                           en: "cannot write \(file.path): check the data folder's free space"))
        }
    }
}
