public import Foundation
import HuisClosL10n
public import HuisClosWire

/// The councils a deployment hosts beside its default one: one folder each under
/// `<data>/councils/`, holding that council's admin token, `public-site.json` and (on SQLite) its
/// database. The default council keeps the data folder itself, so a relay with one council has
/// nothing to set up.
///
/// The folders are the list: `huisclos-server councils create` makes one, the relay serves every
/// one it finds at start, and one created since from the first request naming it (`LateCouncils`).
public struct CouncilDirectory: Sendable {
    /// The URL path segment and folder name under which the other councils live.
    public static let pathSegment = "/councils"
    static let folderName = "councils"

    /// The deployment's data folder.
    public let dataFolder: URL

    /// The directory of `dataFolder`.
    public init(dataFolder: URL) { self.dataFolder = dataFolder }

    /// The folder of council `id` (which may not exist yet).
    public func folder(of id: CouncilID) -> URL {
        dataFolder.appendingPathComponent(Self.folderName).appendingPathComponent(id.rawValue)
    }

    /// The councils hosted besides the default one, in order. Files and hidden folders are not
    /// councils; any other folder must be named by a valid identifier: one that is not (among them
    /// a 47- or 48-character one of an earlier version, too long for its PostgreSQL schema) is
    /// refused with `councilFolderInvalid` rather than silently left unserved.
    public func councils() throws(StorageError) -> [CouncilID] {
        let root = dataFolder.appendingPathComponent(Self.folderName)
        guard FileManager.default.fileExists(atPath: root.path) else { return [] }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: root.path) } catch {
            throw StorageError(.unavailable, Text(fr: "impossible de lister les conseils dans \(root.path) : vérifiez les droits du dossier de données",
                                             en: "cannot list the councils in \(root.path): \(error.localizedDescription); check the data folder's permissions"))
        }
        var councils: [CouncilID] = []
        for name in names where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root.appendingPathComponent(name).path, isDirectory: &isDirectory),
                  isDirectory.boolValue else { continue }
            do {
                councils.append(try CouncilID(name))
            } catch {
                throw StorageError(.councilFolderInvalid, Text(
                    fr: "le dossier \(root.appendingPathComponent(name).path) n'est pas un conseil : \(error.text.french). "
                        + "Renommez-le d'un identifiant valide (son adresse change) ou sortez-le de \(root.path), puis relancez le relais",
                    en: "the folder \(root.appendingPathComponent(name).path) is no council: \(error.text.english). "
                        + "Rename it to a valid identifier (its URL changes) or move it out of \(root.path), then start the relay again"))
            }
        }
        return councils.sorted()
    }

    /// Whether council `id` has its publisher settings (`public-site.json`; nothing is published without).
    public func hasPublicSite(_ id: CouncilID) -> Bool {
        FileManager.default.fileExists(atPath: folder(of: id).appendingPathComponent(PublicSiteSettings.fileName).path)
    }

    /// Creates council `id`'s folder (0700) and its admin token file (0600), refusing a council
    /// that exists unless `adopting` (then an existing folder is kept, its token too); returns the
    /// token file. The council's storage is created when first opened.
    public func create(_ id: CouncilID, adopting: Bool = false) throws(APIError) -> URL {
        let folder = folder(of: id)
        if adopting, FileManager.default.fileExists(atPath: folder.path) {
            let token = try AdminToken(configured: nil, configuredFile: nil, folder: folder)
            return token.file ?? folder.appendingPathComponent(AdminToken.fileName)
        }
        guard !FileManager.default.fileExists(atPath: folder.path) else {
            throw APIError(.alreadyEnrolled, Text(fr: "le conseil \(id) existe déjà dans \(folder.path) : choisissez un autre identifiant, ou utilisez-le tel quel",
                                                  en: "the council \(id) already exists in \(folder.path): pick another identifier, or use it as it is"))
        }
        do {
            for path in [dataFolder, dataFolder.appendingPathComponent(Self.folderName)]
            where !FileManager.default.fileExists(atPath: path.path) {
                try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw APIError(.internal, Text(fr: "impossible de créer \(folder.path) : vérifiez les droits du dossier de données",
                                           en: "cannot create \(folder.path): \(error.localizedDescription); check the data folder's permissions"))
        }
        let token = try AdminToken(configured: nil, configuredFile: nil, folder: folder)
        return token.file ?? folder.appendingPathComponent(AdminToken.fileName)
    }
}
