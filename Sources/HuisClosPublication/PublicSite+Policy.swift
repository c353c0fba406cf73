import Foundation
import HuisClosCrypto

extension PublicSite {
    /// The Content-Security-Policy every public page is served with: nothing loads but the
    /// pages' own style sheet and the consultation form's puzzle, each named by its SHA-256; no
    /// form is sent elsewhere and no other site frames a page. Markup that ever got past the
    /// escaping could then run nothing and send nothing away.
    public static let contentSecurityPolicy: String = {
        func source(_ inline: String) -> String { "'sha256-" + Data(SHA2.sha256(Array(inline.utf8))).base64EncodedString() + "'" }
        return "default-src 'none'; style-src \(source(PublicPage.style)); script-src \(source(puzzleScript)); "
            + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }()
}
