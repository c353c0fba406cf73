import HTTPTypes

/// What the browser says about why it fetches a page (Fetch Metadata: `Sec-Fetch-*` headers, which
/// no page can set or forge). The app records an acknowledgement on a page's GET only for the
/// member's own navigation: a top-level document opened from the app's pages or the address bar,
/// never an image, a frame or a link of another site or another port of this machine.
enum FetchMetadata {
    static let site = HTTPField.Name("Sec-Fetch-Site")!
    static let destination = HTTPField.Name("Sec-Fetch-Dest")!

    /// True when `headers` say the member opened the page: `Sec-Fetch-Site` `same-origin` (a link
    /// of the app) or `none` (address bar, bookmark), and `Sec-Fetch-Dest` `document` when sent.
    /// Without `Sec-Fetch-Site` (a browser without Fetch Metadata, or not a browser) the answer is
    /// false: the page then offers the acknowledgement as a form, which its CSRF token protects.
    static func isOwnNavigation(_ headers: HTTPFields) -> Bool {
        guard let site = headers[site], site == "same-origin" || site == "none" else { return false }
        return headers[destination].map { $0 == "document" } ?? true
    }

    /// True when `headers` say a script of the app's own pages fetches (`Sec-Fetch-Site`
    /// `same-origin`, `Sec-Fetch-Dest` `empty`): not a navigation, an image or another site's request.
    static func isOwnFetch(_ headers: HTTPFields) -> Bool {
        headers[site] == "same-origin" && headers[destination] == "empty"
    }
}
