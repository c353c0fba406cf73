public import Foundation

/// The official SEDA 2.2 schema under `Tests/Fixtures/seda-2.2/` and Debian's `xmllint`
/// (libxml2-utils, installed by scripts/setup.sh), which checks an archive manifest against it
/// offline: the fixture's XML catalog maps the W3C imports to the local copies.
public enum SEDASchema {
    /// The fixture folder.
    public static let folder = ProjectTools.repository.appendingPathComponent("Tests/Fixtures/seda-2.2")
    static let xmllint = URL(fileURLWithPath: "/usr/bin/xmllint")

    /// xmllint's verdict on `manifest` (status 0 and "validates" when the schema accepts it).
    public static func validate(_ manifest: URL) async throws -> CommandRun {
        try await CommandRun.run(executable: xmllint, ["--nonet", "--noout", "--schema", folder.appendingPathComponent("seda-2.2-main.xsd").path, manifest.path],
                                 environment: ["XML_CATALOG_FILES": folder.appendingPathComponent("catalog.xml").path])
    }

    /// The value of XPath `expression` over `manifest` as xmllint prints it (entities decoded), trimmed.
    public static func xpath(_ expression: String, in manifest: URL) async throws -> String {
        try await CommandRun.run(executable: xmllint, ["--nonet", "--xpath", expression, manifest.path]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
