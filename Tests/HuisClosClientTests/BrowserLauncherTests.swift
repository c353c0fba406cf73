import Foundation
import HuisClosTestSupport
import Testing

@testable import HuisClosApp

/// The app opens the browser in a private window when it knows the browser (attacker review 2,
/// finding 4: the history and session files of the member's profile kept the app's pages).
@Suite struct BrowserLauncherTests {
    @Test func aKnownBrowserNamedByBROWSEROpensAPrivateWindowAndAnyOtherGoesThroughXdgOpen() throws {
        let folder = try TemporaryFolder("browser-launcher")
        defer { folder.remove() }
        for name in ["firefox", "chromium", "xdg-open", "lynx"] {
            let file = folder.url.appendingPathComponent(name)
            #expect(FileManager.default.createFile(atPath: file.path, contents: Data("#!/bin/sh\n".utf8), attributes: [.posixPermissions: 0o700]))
        }
        let path = folder.url.path
        func command(_ browser: String?) -> [String]? {
            var environment = ["PATH": path]
            environment["BROWSER"] = browser
            return BrowserLauncher.command(environment: environment).map { [$0.executable.lastPathComponent] + $0.arguments }
        }
        #expect(command("firefox") == ["firefox", "--private-window"])
        #expect(command("chromium:firefox") == ["chromium", "--incognito"])
        #expect(command(folder.url.appendingPathComponent("chromium").path) == ["chromium", "--incognito"])
        #expect(command("lynx") == ["xdg-open"], "a browser the launcher does not know")
        #expect(command("google-chrome") == ["xdg-open"], "a known browser that is not installed")
        #expect(command(nil) == ["xdg-open"])
        #expect(BrowserLauncher.command(environment: ["PATH": "/nonexistent"]) == nil)
    }
}
