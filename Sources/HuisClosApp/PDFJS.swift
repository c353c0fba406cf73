import Foundation
import HTTPTypes
import Hummingbird

/// pdf.js as Debian's libjs-pdf installs it (`scripts/setup.sh`), served by the app from that
/// folder rather than compiled in: 2.3 MB of script stays out of the binary and gets Debian's
/// security updates. Only its two files are served, each by a fixed name (no path from a request).
enum PDFJS {
    /// Where libjs-pdf puts pdf.js 2.14 and its worker.
    static let folder = "/usr/share/javascript/pdf/build"
    static let script = folder + "/pdf.js"
    static let worker = folder + "/pdf.worker.js"

    /// True when libjs-pdf is installed: the dossier page then draws PDF pages itself.
    static var isInstalled: Bool {
        FileManager.default.isReadableFile(atPath: script) && FileManager.default.isReadableFile(atPath: worker)
    }

    /// The file at `path` (one of the two above) as JavaScript; `app.notFound` when libjs-pdf is missing.
    static func response(_ path: String) throws -> Response {
        guard let data = FileManager.default.contents(atPath: path) else { throw AppError(.notFound) }
        return AppScripts.javaScript(ByteBuffer(bytes: data))
    }
}
